//! Which files are manifests, which ecosystem each belongs to, and the name an app gives itself.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::foundation::regular_file::read_regular_text;

/// The nine ecosystems the WorkOS SDK ships for (see WORKOS-FACTS.md, "SDKs").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Ecosystem {
    Node,
    Python,
    Go,
    Ruby,
    Php,
    Jvm,
    Dotnet,
    Elixir,
    Rust,
}

/// One kind of manifest file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ManifestKind {
    PackageJson,
    RequirementsTxt,
    PyprojectToml,
    SetupPy,
    Pipfile,
    GoMod,
    Gemfile,
    ComposerJson,
    PomXml,
    BuildGradle,
    BuildGradleKts,
    Csproj,
    MixExs,
    CargoToml,
}

impl ManifestKind {
    /// Recognises a manifest by its file name alone.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let kind = match name {
            "package.json" => Self::PackageJson,
            "pyproject.toml" => Self::PyprojectToml,
            "setup.py" => Self::SetupPy,
            "Pipfile" => Self::Pipfile,
            "go.mod" => Self::GoMod,
            "Gemfile" => Self::Gemfile,
            "composer.json" => Self::ComposerJson,
            "pom.xml" => Self::PomXml,
            "build.gradle" => Self::BuildGradle,
            "build.gradle.kts" => Self::BuildGradleKts,
            "mix.exs" => Self::MixExs,
            "Cargo.toml" => Self::CargoToml,
            _ if name.starts_with("requirements") && name.ends_with(".txt") => {
                Self::RequirementsTxt
            }
            _ if name.ends_with(".csproj") && name.len() > ".csproj".len() => Self::Csproj,
            _ => return None,
        };
        Some(kind)
    }

    pub fn ecosystem(self) -> Ecosystem {
        match self {
            Self::PackageJson => Ecosystem::Node,
            Self::RequirementsTxt | Self::PyprojectToml | Self::SetupPy | Self::Pipfile => {
                Ecosystem::Python
            }
            Self::GoMod => Ecosystem::Go,
            Self::Gemfile => Ecosystem::Ruby,
            Self::ComposerJson => Ecosystem::Php,
            Self::PomXml | Self::BuildGradle | Self::BuildGradleKts => Ecosystem::Jvm,
            Self::Csproj => Ecosystem::Dotnet,
            Self::MixExs => Ecosystem::Elixir,
            Self::CargoToml => Ecosystem::Rust,
        }
    }
}

/// Manifests larger than this are not read for a name (a name sits at the top anyway).
const NAME_READ_CAP: u64 = 256 * 1024;

/// The name an app declares in one of its manifests, if any manifest declares one.
pub fn declared_name(dir: &Path, kinds: &[ManifestKind]) -> Option<String> {
    kinds.iter().find_map(|kind| name_from(dir, *kind))
}

fn name_from(dir: &Path, kind: ManifestKind) -> Option<String> {
    match kind {
        ManifestKind::PackageJson => json_string(&read_small(&dir.join("package.json"))?, "name"),
        ManifestKind::ComposerJson => json_string(&read_small(&dir.join("composer.json"))?, "name"),
        ManifestKind::CargoToml => {
            toml_string(&read_small(&dir.join("Cargo.toml"))?, &["package", "name"])
        }
        ManifestKind::PyprojectToml => {
            let text = read_small(&dir.join("pyproject.toml"))?;
            toml_string(&text, &["project", "name"])
                .or_else(|| toml_string(&text, &["tool", "poetry", "name"]))
        }
        ManifestKind::GoMod => go_module_name(&read_small(&dir.join("go.mod"))?),
        _ => None,
    }
}

pub(crate) fn read_small(path: &Path) -> Option<String> {
    read_regular_text(path, NAME_READ_CAP).ok()?
}

fn json_string(text: &str, field: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let name = value.get(field)?.as_str()?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

fn toml_string(text: &str, path: &[&str]) -> Option<String> {
    let root = toml::Value::Table(text.parse::<toml::Table>().ok()?);
    let mut value = &root;
    for key in path {
        value = value.get(key)?;
    }
    value.as_str().map(str::to_string)
}

/// `module github.com/acme/api` → `api` is too lossy; the whole path is what Go users call it.
fn go_module_name(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix("module "))
        .map(|name| name.trim().trim_matches('"').to_string())
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn recognises_every_documented_manifest() {
        let cases = [
            ("package.json", Ecosystem::Node),
            ("requirements.txt", Ecosystem::Python),
            ("requirements-dev.txt", Ecosystem::Python),
            ("pyproject.toml", Ecosystem::Python),
            ("setup.py", Ecosystem::Python),
            ("Pipfile", Ecosystem::Python),
            ("go.mod", Ecosystem::Go),
            ("Gemfile", Ecosystem::Ruby),
            ("composer.json", Ecosystem::Php),
            ("pom.xml", Ecosystem::Jvm),
            ("build.gradle", Ecosystem::Jvm),
            ("build.gradle.kts", Ecosystem::Jvm),
            ("Api.csproj", Ecosystem::Dotnet),
            ("mix.exs", Ecosystem::Elixir),
            ("Cargo.toml", Ecosystem::Rust),
        ];
        for (name, ecosystem) in cases {
            let kind = ManifestKind::from_file_name(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(kind.ecosystem(), ecosystem, "{name}");
        }
    }

    #[test]
    fn ignores_look_alikes() {
        for name in [
            "package-lock.json",
            "requirements.in",
            ".csproj",
            "Cargo.lock",
            "gomod",
        ] {
            assert_eq!(ManifestKind::from_file_name(name), None, "{name}");
        }
    }

    #[test]
    fn reads_names_from_manifests() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("package.json"), r#"{"name":"@acme/web"}"#).unwrap();
        fs::write(
            dir.path().join("pyproject.toml"),
            "[tool.poetry]\nname = \"svc\"\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("go.mod"),
            "module github.com/acme/api\n\ngo 1.22\n",
        )
        .unwrap();
        assert_eq!(
            declared_name(dir.path(), &[ManifestKind::PackageJson]).as_deref(),
            Some("@acme/web")
        );
        assert_eq!(
            declared_name(dir.path(), &[ManifestKind::PyprojectToml]).as_deref(),
            Some("svc")
        );
        assert_eq!(
            declared_name(dir.path(), &[ManifestKind::GoMod]).as_deref(),
            Some("github.com/acme/api")
        );
    }

    #[test]
    fn a_broken_manifest_gives_no_name_instead_of_an_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("package.json"), "{ not json").unwrap();
        assert_eq!(
            declared_name(dir.path(), &[ManifestKind::PackageJson]),
            None
        );
    }
}
