//! Demo mode: fake-workos with its demo seed, inside the app, so the wizard works with no
//! account and no network (solution engineers demo offline).

use fake_workos::{Config, FakeWorkos, RunningFake, StartError};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::workos::target::WorkosTarget;

/// The demo seed's sandbox key: a fixed fake value, documented in crates/fake-workos/README.md.
pub const DEMO_SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";

/// Starts the built-in WorkOS on its own thread and returns it with the target that uses it.
pub fn start() -> Result<(RunningFake, WorkosTarget), StartError> {
    let fake = FakeWorkos::start_on_own_thread(Config::demo())?;
    let target = WorkosTarget::demo(
        fake.base_url(),
        Sensitive::new(DEMO_SANDBOX_KEY.to_string()),
    );
    Ok((fake, target))
}

/// `--demo` stays on the built-in WorkOS even when an account was saved.
pub fn forced() -> bool {
    std::env::args().any(|arg| arg == "--demo")
}

#[cfg(test)]
mod tests {
    use pipes_core::workos::check_key;

    #[tokio::test]
    async fn the_demo_key_is_accepted_by_the_demo_workos() {
        let (fake, target) = super::start().unwrap();
        let finding = check_key(&target.connection()).await;
        assert_eq!(finding.code, "LIVE_KEY_VALID", "{finding:?}");
        assert!(target.info().demo);
        drop(fake);
    }
}
