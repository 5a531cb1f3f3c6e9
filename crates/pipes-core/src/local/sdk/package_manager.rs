//! Which package manager an app uses, from its lockfiles and manifests.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ecosystems::Ecosystem;
use super::files::{AppFolder, FileRole};
use super::lockfiles::search_prefixes;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PackageManager {
    Npm,
    Yarn,
    Pnpm,
    Bun,
    Pip,
    Poetry,
    Uv,
    Pipenv,
    Go,
    Bundler,
    Composer,
    Maven,
    Gradle,
    Dotnet,
    Mix,
    Cargo,
}

impl PackageManager {
    /// The command people type, for messages.
    pub fn program(self) -> &'static str {
        match self {
            Self::Npm => "npm",
            Self::Yarn => "yarn",
            Self::Pnpm => "pnpm",
            Self::Bun => "bun",
            Self::Pip => "pip",
            Self::Poetry => "poetry",
            Self::Uv => "uv",
            Self::Pipenv => "pipenv",
            Self::Go => "go",
            Self::Bundler => "bundle",
            Self::Composer => "composer",
            Self::Maven => "mvn",
            Self::Gradle => "gradle",
            Self::Dotnet => "dotnet",
            Self::Mix => "mix",
            Self::Cargo => "cargo",
        }
    }

    /// The command that installs everything the manifests already declare.
    pub fn install_all_command(self) -> &'static str {
        match self {
            Self::Npm => "npm install",
            Self::Yarn => "yarn install",
            Self::Pnpm => "pnpm install",
            Self::Bun => "bun install",
            Self::Pip => "pip install -r requirements.txt",
            Self::Poetry => "poetry install",
            Self::Uv => "uv sync",
            Self::Pipenv => "pipenv install",
            Self::Go => "go mod download",
            Self::Bundler => "bundle install",
            Self::Composer => "composer install",
            Self::Maven => "mvn dependency:resolve",
            Self::Gradle => "gradle dependencies",
            Self::Dotnet => "dotnet restore",
            Self::Mix => "mix deps.get",
            Self::Cargo => "cargo fetch",
        }
    }

    /// Where to get the tool when it is not installed.
    pub(super) fn how_to_get(self) -> &'static str {
        match self {
            Self::Npm => "Install Node.js (npm comes with it): https://nodejs.org/en/download",
            Self::Yarn => {
                "Enable Yarn with `corepack enable` (comes with Node.js) or see https://yarnpkg.com/getting-started/install"
            }
            Self::Pnpm => {
                "Enable pnpm with `corepack enable` (comes with Node.js) or see https://pnpm.io/installation"
            }
            Self::Bun => "Install Bun: https://bun.sh/docs/installation",
            Self::Pip => {
                "Install Python 3 with pip: https://www.python.org/downloads/ (or create the project's .venv with `python3 -m venv .venv`)"
            }
            Self::Poetry => "Install Poetry: https://python-poetry.org/docs/#installation",
            Self::Uv => "Install uv: https://docs.astral.sh/uv/getting-started/installation/",
            Self::Pipenv => "Install Pipenv: https://pipenv.pypa.io/en/latest/installation.html",
            Self::Go => "Install Go: https://go.dev/doc/install",
            Self::Bundler => {
                "Install Ruby and Bundler (`gem install bundler`): https://www.ruby-lang.org/en/documentation/installation/"
            }
            Self::Composer => "Install Composer: https://getcomposer.org/download/",
            Self::Maven => "Install Maven: https://maven.apache.org/install.html",
            Self::Gradle => "Install Gradle: https://gradle.org/install/",
            Self::Dotnet => "Install the .NET SDK: https://dotnet.microsoft.com/download",
            Self::Mix => "Install Elixir (mix comes with it): https://elixir-lang.org/install.html",
            Self::Cargo => "Install Rust with rustup: https://rustup.rs",
        }
    }
}

/// The app's package manager for `ecosystem`; the ecosystem's usual one when nothing says otherwise.
pub(super) fn detect(folder: &mut AppFolder, ecosystem: Ecosystem) -> PackageManager {
    match ecosystem {
        Ecosystem::Node => node(folder),
        Ecosystem::Python => python(folder),
        Ecosystem::Go => PackageManager::Go,
        Ecosystem::Ruby => PackageManager::Bundler,
        Ecosystem::Php => PackageManager::Composer,
        Ecosystem::Jvm if folder.has("pom.xml") => PackageManager::Maven,
        Ecosystem::Jvm => PackageManager::Gradle,
        Ecosystem::Dotnet => PackageManager::Dotnet,
        Ecosystem::Elixir => PackageManager::Mix,
        Ecosystem::Rust => PackageManager::Cargo,
    }
}

/// Nearest first (the app folder, then up to the workspace root): the `packageManager`
/// field of package.json (Corepack honours it), then the lockfile present.
fn node(folder: &mut AppFolder) -> PackageManager {
    for prefix in search_prefixes(folder, Ecosystem::Node) {
        if let Some(pm) =
            node_package_manager_field(folder, &prefix).or_else(|| node_lockfile(folder, &prefix))
        {
            return pm;
        }
    }
    PackageManager::Npm
}

fn node_package_manager_field(folder: &mut AppFolder, prefix: &str) -> Option<PackageManager> {
    let text = folder.read(&format!("{prefix}package.json"), FileRole::Manifest)?;
    let doc: serde_json::Value = serde_json::from_str(&text).ok()?;
    let field = doc.get("packageManager")?.as_str()?;
    match field.split('@').next().unwrap_or("") {
        "pnpm" => Some(PackageManager::Pnpm),
        "yarn" => Some(PackageManager::Yarn),
        "bun" => Some(PackageManager::Bun),
        "npm" => Some(PackageManager::Npm),
        _ => None,
    }
}

fn node_lockfile(folder: &AppFolder, prefix: &str) -> Option<PackageManager> {
    let by_lockfile = [
        ("pnpm-lock.yaml", PackageManager::Pnpm),
        ("yarn.lock", PackageManager::Yarn),
        ("bun.lock", PackageManager::Bun),
        ("bun.lockb", PackageManager::Bun),
        ("package-lock.json", PackageManager::Npm),
        ("npm-shrinkwrap.json", PackageManager::Npm),
    ];
    by_lockfile
        .iter()
        .find(|(file, _)| folder.has(&format!("{prefix}{file}")))
        .map(|(_, pm)| *pm)
}

fn python(folder: &mut AppFolder) -> PackageManager {
    if folder.has("poetry.lock") {
        return PackageManager::Poetry;
    }
    // A uv workspace keeps one uv.lock at its root.
    let prefixes = search_prefixes(folder, Ecosystem::Python);
    if prefixes
        .iter()
        .any(|prefix| folder.has(&format!("{prefix}uv.lock")))
    {
        return PackageManager::Uv;
    }
    if folder.has("Pipfile") || folder.has("Pipfile.lock") {
        return PackageManager::Pipenv;
    }
    let pyproject = folder
        .read("pyproject.toml", FileRole::Manifest)
        .unwrap_or_default();
    if pyproject.contains("[tool.poetry") {
        PackageManager::Poetry
    } else if pyproject.contains("[tool.uv") {
        PackageManager::Uv
    } else {
        PackageManager::Pip
    }
}
