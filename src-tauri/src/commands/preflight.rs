//! Step 2, Pre-flight: the project, the API key, the checks and their fixes.

pub mod checks;
pub mod fixes;
pub mod key;
pub mod project;
