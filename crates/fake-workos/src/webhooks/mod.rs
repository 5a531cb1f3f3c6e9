//! Outgoing webhooks: signing and delivery with retries.

pub mod delivery;
pub mod signature;
