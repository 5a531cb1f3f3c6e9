//! Outgoing webhooks: signing, delivery with retries, and test deliveries on a click.

pub mod delivery;
pub mod signature;
pub mod test_event;
