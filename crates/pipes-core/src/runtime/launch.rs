//! What the app was asked to open on its command line (`pipes-setup ~/code/shop`). Taken once
//! by the window, which opens it in Pre-flight.

use std::path::Path;
use std::sync::Mutex;

/// The project folder named on a command line: the first argument that is not an option,
/// made absolute against the directory the command ran in. `args` includes the program.
pub fn project_from_args(args: &[String], cwd: &Path) -> Option<String> {
    let named = args
        .iter()
        .skip(1)
        .find(|a| !a.starts_with('-') && !a.trim().is_empty())?;
    let path = Path::new(named);
    // `~/…` and `file://…` are resolved by the project opener; a relative path only here,
    // where the directory it is relative to is known.
    if path.is_absolute() || named.starts_with('~') || named.starts_with("file:") {
        return Some(named.clone());
    }
    Some(cwd.join(path).to_string_lossy().into_owned())
}

/// The one project waiting for the window. A newer request replaces an older one.
#[derive(Default)]
pub struct LaunchRequest(Mutex<Option<String>>);

impl LaunchRequest {
    pub fn ask(&self, project: String) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(project);
    }

    pub fn take(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_first_plain_argument_is_the_project() {
        let cwd = Path::new("/home/ada");
        assert_eq!(
            project_from_args(&args(&["pipes-setup", "/srv/shop"]), cwd).as_deref(),
            Some("/srv/shop")
        );
        assert_eq!(
            project_from_args(&args(&["pipes-setup", "--verbose", "code/shop"]), cwd).as_deref(),
            Some("/home/ada/code/shop")
        );
        assert_eq!(
            project_from_args(&args(&["pipes-setup", "~/code/shop"]), cwd).as_deref(),
            Some("~/code/shop")
        );
    }

    #[test]
    fn no_argument_asks_for_nothing() {
        let cwd = Path::new("/home/ada");
        assert_eq!(project_from_args(&args(&["pipes-setup"]), cwd), None);
        assert_eq!(
            project_from_args(&args(&["pipes-setup", "-x", " "]), cwd),
            None
        );
        assert_eq!(project_from_args(&[], cwd), None);
    }

    #[test]
    fn a_request_is_taken_once_and_the_newest_wins() {
        let request = LaunchRequest::default();
        request.ask("/a".into());
        request.ask("/b".into());
        assert_eq!(request.take().as_deref(), Some("/b"));
        assert_eq!(request.take(), None);
    }
}
