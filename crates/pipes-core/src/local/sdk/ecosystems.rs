//! What the wizard knows about the WorkOS SDK of each ecosystem (WORKOS-FACTS.md, "SDKs").

use semver::Version;

pub use crate::local::project::Ecosystem;

pub(super) const ALL: [Ecosystem; 9] = [
    Ecosystem::Node,
    Ecosystem::Python,
    Ecosystem::Go,
    Ecosystem::Ruby,
    Ecosystem::Php,
    Ecosystem::Jvm,
    Ecosystem::Dotnet,
    Ecosystem::Elixir,
    Ecosystem::Rust,
];

/// The Node package of the Pipes widget, reported alongside the SDK.
pub(super) const NODE_WIDGETS_PACKAGE: &str = "@workos-inc/widgets";
/// The Go module path without its `/vN` major suffix.
pub(super) const GO_MODULE_BASE: &str = "github.com/workos/workos-go";
/// What `go get` installs when the project names no major version yet (first with Pipes: v6.3.0).
pub(super) const GO_DEFAULT_MODULE: &str = "github.com/workos/workos-go/v6";

/// The SDK's package name as the ecosystem's manifests spell it.
pub fn sdk_package(ecosystem: Ecosystem) -> &'static str {
    match ecosystem {
        Ecosystem::Node => "@workos-inc/node",
        Ecosystem::Python | Ecosystem::Ruby | Ecosystem::Elixir | Ecosystem::Rust => "workos",
        Ecosystem::Go => GO_MODULE_BASE,
        Ecosystem::Php => "workos/workos-php",
        Ecosystem::Jvm => "com.workos:workos",
        Ecosystem::Dotnet => "WorkOS.net",
    }
}

/// The first SDK release with Pipes, or `None` when the SDK has no Pipes module yet.
pub fn pipes_since(ecosystem: Ecosystem) -> Option<Version> {
    let (major, minor, patch) = match ecosystem {
        Ecosystem::Node => (7, 77, 0),
        Ecosystem::Python => (5, 38, 0),
        Ecosystem::Go => (6, 3, 0),
        Ecosystem::Ruby => (7, 0, 0),
        Ecosystem::Php => (5, 0, 0),
        Ecosystem::Jvm => (5, 0, 0),
        Ecosystem::Dotnet => (3, 0, 0),
        Ecosystem::Rust => (1, 0, 0),
        Ecosystem::Elixir => return None,
    };
    Some(Version::new(major, minor, patch))
}

/// How people name the language in a sentence.
pub fn label(ecosystem: Ecosystem) -> &'static str {
    match ecosystem {
        Ecosystem::Node => "Node.js",
        Ecosystem::Python => "Python",
        Ecosystem::Go => "Go",
        Ecosystem::Ruby => "Ruby",
        Ecosystem::Php => "PHP",
        Ecosystem::Jvm => "Java/Kotlin",
        Ecosystem::Dotnet => ".NET",
        Ecosystem::Elixir => "Elixir",
        Ecosystem::Rust => "Rust",
    }
}

/// The lowercase name used in `Fix::InstallSdk.ecosystem` and IPC (serde's spelling).
pub fn ecosystem_id(ecosystem: Ecosystem) -> String {
    serde_json::to_value(ecosystem)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The inverse of [`ecosystem_id`]: what the UI sends back when the user clicks "Install".
pub fn ecosystem_from_id(id: &str) -> Option<Ecosystem> {
    serde_json::from_value(serde_json::Value::String(id.to_string())).ok()
}

pub(super) fn docs_url(ecosystem: Ecosystem) -> &'static str {
    match ecosystem {
        Ecosystem::Node => "https://github.com/workos/workos-node",
        Ecosystem::Python => "https://github.com/workos/workos-python",
        Ecosystem::Go => "https://github.com/workos/workos-go",
        Ecosystem::Ruby => "https://github.com/workos/workos-ruby",
        Ecosystem::Php => "https://github.com/workos/workos-php",
        Ecosystem::Jvm => "https://github.com/workos/workos-kotlin",
        Ecosystem::Dotnet => "https://github.com/workos/workos-dotnet",
        Ecosystem::Elixir => "https://github.com/workos/workos-elixir",
        Ecosystem::Rust => "https://crates.io/crates/workos",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecosystem_ids_round_trip() {
        for ecosystem in ALL {
            assert_eq!(ecosystem_from_id(&ecosystem_id(ecosystem)), Some(ecosystem));
        }
        assert_eq!(ecosystem_id(Ecosystem::Node), "node");
        assert_eq!(ecosystem_from_id("cobol"), None);
    }
}
