//! The WorkOS SDK requirement an app declares, read from each ecosystem's manifests.

mod dotnet;
mod jvm;
mod python;
mod text;

use super::ecosystems::Ecosystem;
use super::files::{AppFolder, FileRole, check_nesting};
use dotnet::dotnet;
use jvm::{gradle, gradle_catalog, pom};
use python::{pipfile, pyproject, requirements_txt, setup_py};
use text::{gemfile, go_mod, mix_exs};

pub(super) use text::is_workos_go_module;

/// A declared dependency: the requirement as written (`""` when none is given) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Declared {
    pub requirement: String,
    pub file: String,
    /// Go only: the module path with its major suffix, e.g. `github.com/workos/workos-go/v6`.
    pub module: Option<String>,
}

impl Declared {
    fn new(requirement: impl Into<String>, file: &str) -> Self {
        Self {
            requirement: requirement.into().trim().to_string(),
            file: file.to_string(),
            module: None,
        }
    }
}

/// The manifests of `ecosystem` present in the folder (top level only).
pub(super) fn manifest_files(folder: &AppFolder, ecosystem: Ecosystem) -> Vec<String> {
    let fixed: &[&str] = match ecosystem {
        Ecosystem::Node => &["package.json"],
        Ecosystem::Python => &["pyproject.toml", "setup.py", "Pipfile"],
        Ecosystem::Go => &["go.mod"],
        Ecosystem::Ruby => &["Gemfile"],
        Ecosystem::Php => &["composer.json"],
        Ecosystem::Jvm => &["pom.xml", "build.gradle", "build.gradle.kts"],
        Ecosystem::Dotnet => &["Directory.Packages.props"],
        Ecosystem::Elixir => &["mix.exs"],
        Ecosystem::Rust => &["Cargo.toml"],
    };
    let mut files = folder.names_matching(|n| fixed.contains(&n));
    files.extend(folder.names_matching(|n| match ecosystem {
        Ecosystem::Python => n.starts_with("requirements") && n.ends_with(".txt"),
        Ecosystem::Dotnet => n.ends_with(".csproj") || n.ends_with(".fsproj"),
        _ => false,
    }));
    files
}

/// The first declaration of `package` in the ecosystem's manifests.
pub(super) fn declared(
    folder: &mut AppFolder,
    ecosystem: Ecosystem,
    package: &str,
) -> Option<Declared> {
    let files = manifest_files(folder, ecosystem);
    if ecosystem == Ecosystem::Dotnet {
        return dotnet(folder, &files, package);
    }
    if ecosystem == Ecosystem::Jvm
        && let Some(found) = gradle_catalog(folder)
    {
        return Some(found);
    }
    files.iter().find_map(|file| {
        let text = folder.read(file, FileRole::Manifest)?;
        let found = match file.as_str() {
            "package.json" => node(&text, package)
                .map_err(|e| folder.problem(FileRole::Manifest, file, e))
                .ok()?,
            "pyproject.toml" => toml_doc(folder, file, &text).and_then(|d| pyproject(&d, package)),
            "Pipfile" => toml_doc(folder, file, &text).and_then(|d| pipfile(&d, package)),
            "setup.py" => setup_py(&text, package),
            "go.mod" => return go_mod(&text, file),
            "Gemfile" => gemfile(&text, package),
            "composer.json" => composer(&text, package)
                .map_err(|e| folder.problem(FileRole::Manifest, file, e))
                .ok()?,
            "pom.xml" => pom(&text)
                .map_err(|e| folder.problem(FileRole::Manifest, file, e))
                .ok()?,
            "build.gradle" | "build.gradle.kts" => gradle(&text),
            "mix.exs" => mix_exs(&text, package),
            "Cargo.toml" => toml_doc(folder, file, &text).and_then(|d| cargo_toml(&d, package)),
            requirements => {
                requirements_txt(&text, package).filter(|_| requirements.ends_with(".txt"))
            }
        };
        found.map(|requirement| Declared::new(requirement, file))
    })
}

fn toml_doc(folder: &mut AppFolder, file: &str, text: &str) -> Option<toml::Table> {
    if let Err(reason) = check_nesting(text) {
        folder.problem(FileRole::Manifest, file, reason);
        return None;
    }
    text.parse::<toml::Table>()
        .map_err(|e| {
            folder.problem(
                FileRole::Manifest,
                file,
                format!("is not valid TOML: {}", first_line(&e.to_string())),
            )
        })
        .ok()
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

fn json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| format!("is not valid JSON: {e}"))
}

fn node(text: &str, package: &str) -> Result<Option<String>, String> {
    let doc = json(text)?;
    let sections = [
        "dependencies",
        "devDependencies",
        "optionalDependencies",
        "peerDependencies",
    ];
    Ok(sections
        .iter()
        .find_map(|s| doc.get(s)?.get(package)?.as_str().map(str::to_string)))
}

fn composer(text: &str, package: &str) -> Result<Option<String>, String> {
    let doc = json(text)?;
    Ok(["require", "require-dev"]
        .iter()
        .find_map(|s| doc.get(s)?.get(package)?.as_str().map(str::to_string)))
}

fn cargo_toml(doc: &toml::Table, package: &str) -> Option<String> {
    let sections = ["dependencies", "dev-dependencies", "build-dependencies"];
    let top = sections.iter().filter_map(|s| doc.get(*s)?.as_table());
    let workspace = doc
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table());
    let targets = doc
        .get("target")
        .and_then(|t| t.as_table())
        .into_iter()
        .flat_map(|t| t.values())
        .flat_map(|t| sections.iter().filter_map(move |s| t.get(*s)?.as_table()));
    top.chain(workspace).chain(targets).find_map(|t| {
        t.get(package).map(cargo_version).or_else(|| {
            t.values()
                .find(|v| v.get("package").and_then(|p| p.as_str()) == Some(package))
                .map(cargo_version)
        })
    })
}

fn cargo_version(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other
            .get("version")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string(),
    }
}
