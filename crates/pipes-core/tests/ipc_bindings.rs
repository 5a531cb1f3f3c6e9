//! Fails when ui/src/lib/ipc/bindings.ts no longer matches the Rust types.

use std::path::PathBuf;

#[test]
fn checked_in_typescript_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc/bindings.ts");
    let generated = pipes_core::ipc_types::typescript_bindings();
    if std::env::var_os("UPDATE_IPC_BINDINGS").is_some() {
        pipes_core::foundation::atomic_file::write_atomic(&path, generated.as_bytes()).unwrap();
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "{} is stale. Regenerate it with: UPDATE_IPC_BINDINGS=1 cargo test -p pipes-core --test ipc_bindings",
        path.display()
    );
}
