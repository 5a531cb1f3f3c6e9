//! The user's machine: the project folder and its apps, `.env*` files, the WorkOS SDK, the OS
//! keychain, and the app's own settings file and window placement.

pub mod envfiles;
pub mod keychain;
pub mod project;
pub mod sdk;
pub mod settings;
pub mod window_placement;
pub mod worked_with;
