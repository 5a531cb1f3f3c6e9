//! Step 5, Connections: one user's connected accounts (several per provider), each explained
//! in plain words, and what the app can do to one exact connection, always by its id: rename
//! it, disconnect it, probe its token, reauthorize it or add another (through step 4's flow).

mod accounts;
mod changes;
pub mod codes;
mod organizations;
mod probe;
mod provider_api;
mod provider_call;
mod words;

pub use accounts::{AccountView, ConnectionsOverview, ProviderConnections, load};
pub use changes::{ConnectionChange, ConnectionChangeKind, ConnectionChangeView, ConnectionTarget};
pub use organizations::{OrganizationChoice, organizations};
pub use probe::{TokenStatus, TokenStatusView, probe};
pub use provider_api::{ProviderApi, provider_api};
pub use provider_call::{
    HeaderLine, ProviderCallEvent, ProviderCallReport, ProviderMethod, ProviderRequest,
    RetryPolicy, call as call_provider,
};
