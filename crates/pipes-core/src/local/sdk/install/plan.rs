//! The allowlist: for each (ecosystem, package manager), the exact program and arguments that
//! install or upgrade the WorkOS SDK. Nothing from outside (no string from the UI, nothing
//! read from a file without validation) ever becomes part of a command.

use std::path::PathBuf;

use super::super::ecosystems::{Ecosystem, GO_DEFAULT_MODULE};
use super::super::manifests::is_workos_go_module;
use super::super::package_manager::PackageManager;

/// Facts about the app folder that pick between allowlisted variants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PlanContext {
    /// The SDK is already declared (Bundler needs `update` instead of `add` then).
    pub declared: bool,
    /// The declared Go module (`github.com/workos/workos-go/vN`); validated before use.
    pub go_module: Option<String>,
    /// The project's own virtualenv interpreter, used instead of a global pip.
    pub venv_python: Option<PathBuf>,
    /// The one `*.csproj` to add the package to, when the folder has several.
    pub csproj: Option<String>,
}

/// Ecosystems whose SDK the app can install with a command (Maven/Gradle have no "add
/// dependency" command; Elixir's SDK has no Pipes).
pub(crate) fn is_installable(ecosystem: Ecosystem) -> bool {
    !matches!(ecosystem, Ecosystem::Jvm | Ecosystem::Elixir)
}

/// The program and its arguments, or `None` when no command is allowlisted for the pair.
pub(crate) fn program_and_args(
    ecosystem: Ecosystem,
    package_manager: PackageManager,
    ctx: &PlanContext,
) -> Option<(String, Vec<String>)> {
    use PackageManager as Pm;
    let (program, args): (&str, Vec<&str>) = match (ecosystem, package_manager) {
        (Ecosystem::Node, Pm::Npm) => (
            "npm",
            vec![
                "install",
                "@workos-inc/node@latest",
                "--no-fund",
                "--no-audit",
            ],
        ),
        (Ecosystem::Node, Pm::Yarn) => ("yarn", vec!["add", "@workos-inc/node@latest"]),
        (Ecosystem::Node, Pm::Pnpm) => ("pnpm", vec!["add", "@workos-inc/node@latest"]),
        (Ecosystem::Node, Pm::Bun) => ("bun", vec!["add", "@workos-inc/node@latest"]),
        (Ecosystem::Python, Pm::Pip) => return Some(pip(ctx)),
        (Ecosystem::Python, Pm::Poetry) => ("poetry", vec!["add", "workos@latest"]),
        (Ecosystem::Python, Pm::Uv) => ("uv", vec!["add", "workos", "--upgrade-package", "workos"]),
        (Ecosystem::Python, Pm::Pipenv) => ("pipenv", vec!["install", "workos"]),
        (Ecosystem::Go, Pm::Go) => return Some(go_get(ctx)),
        (Ecosystem::Ruby, Pm::Bundler) if ctx.declared => ("bundle", vec!["update", "workos"]),
        (Ecosystem::Ruby, Pm::Bundler) => ("bundle", vec!["add", "workos"]),
        (Ecosystem::Php, Pm::Composer) => ("composer", vec!["require", "workos/workos-php"]),
        (Ecosystem::Dotnet, Pm::Dotnet) => return Some(dotnet_add(ctx)),
        (Ecosystem::Rust, Pm::Cargo) => ("cargo", vec!["add", "workos"]),
        _ => return None,
    };
    Some((
        program.to_string(),
        args.into_iter().map(str::to_string).collect(),
    ))
}

/// The command as a person would type it, for messages and the UI.
pub(crate) fn display(program: &str, args: &[String]) -> String {
    std::iter::once(program)
        .chain(args.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

fn pip(ctx: &PlanContext) -> (String, Vec<String>) {
    let python = match &ctx.venv_python {
        Some(path) => path.to_string_lossy().into_owned(),
        None if cfg!(windows) => "python".to_string(),
        None => "python3".to_string(),
    };
    (
        python,
        ["-m", "pip", "install", "--upgrade", "workos"]
            .map(str::to_string)
            .to_vec(),
    )
}

fn go_get(ctx: &PlanContext) -> (String, Vec<String>) {
    let module = ctx
        .go_module
        .as_deref()
        .filter(|m| is_workos_go_module(m))
        .unwrap_or(GO_DEFAULT_MODULE);
    (
        "go".to_string(),
        vec!["get".to_string(), format!("{module}@latest")],
    )
}

fn dotnet_add(ctx: &PlanContext) -> (String, Vec<String>) {
    let mut args = vec!["add".to_string()];
    if let Some(project) = ctx.csproj.as_deref().filter(|p| is_plain_project_file(p)) {
        args.push(project.to_string());
    }
    args.extend(["package", "WorkOS.net"].map(str::to_string));
    ("dotnet".to_string(), args)
}

/// A bare `Name.csproj` in the app folder: no path, no option-looking name.
fn is_plain_project_file(name: &str) -> bool {
    name.ends_with(".csproj")
        && !name.starts_with('-')
        && !name.contains(['/', '\\'])
        && !name.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(ecosystem: Ecosystem, pm: PackageManager, ctx: &PlanContext) -> String {
        program_and_args(ecosystem, pm, ctx)
            .map_or_else(|| "-".into(), |(program, args)| display(&program, &args))
    }

    #[test]
    fn the_allowlist() {
        let ctx = PlanContext::default();
        assert_eq!(
            line(Ecosystem::Node, PackageManager::Npm, &ctx),
            "npm install @workos-inc/node@latest --no-fund --no-audit"
        );
        assert_eq!(
            line(Ecosystem::Node, PackageManager::Pnpm, &ctx),
            "pnpm add @workos-inc/node@latest"
        );
        assert_eq!(
            line(Ecosystem::Python, PackageManager::Uv, &ctx),
            "uv add workos --upgrade-package workos"
        );
        assert_eq!(
            line(Ecosystem::Go, PackageManager::Go, &ctx),
            "go get github.com/workos/workos-go/v6@latest"
        );
        assert_eq!(
            line(Ecosystem::Ruby, PackageManager::Bundler, &ctx),
            "bundle add workos"
        );
        assert_eq!(
            line(Ecosystem::Php, PackageManager::Composer, &ctx),
            "composer require workos/workos-php"
        );
        assert_eq!(
            line(Ecosystem::Dotnet, PackageManager::Dotnet, &ctx),
            "dotnet add package WorkOS.net"
        );
        assert_eq!(
            line(Ecosystem::Rust, PackageManager::Cargo, &ctx),
            "cargo add workos"
        );
        assert_eq!(line(Ecosystem::Jvm, PackageManager::Maven, &ctx), "-");
        assert_eq!(line(Ecosystem::Elixir, PackageManager::Mix, &ctx), "-");
        assert_eq!(line(Ecosystem::Node, PackageManager::Cargo, &ctx), "-");
    }

    #[test]
    fn context_picks_variants_but_never_injects() {
        let ctx = PlanContext {
            declared: true,
            go_module: Some("github.com/workos/workos-go/v4".into()),
            venv_python: Some("/app/.venv/bin/python".into()),
            csproj: Some("Api.csproj".into()),
        };
        assert_eq!(
            line(Ecosystem::Ruby, PackageManager::Bundler, &ctx),
            "bundle update workos"
        );
        assert_eq!(
            line(Ecosystem::Go, PackageManager::Go, &ctx),
            "go get github.com/workos/workos-go/v4@latest"
        );
        assert_eq!(
            line(Ecosystem::Python, PackageManager::Pip, &ctx),
            "/app/.venv/bin/python -m pip install --upgrade workos"
        );
        assert_eq!(
            line(Ecosystem::Dotnet, PackageManager::Dotnet, &ctx),
            "dotnet add Api.csproj package WorkOS.net"
        );

        let hostile = PlanContext {
            go_module: Some("github.com/evil/x@v1 github.com/workos/workos-go/v6".into()),
            csproj: Some("--source=http://evil.example/x.csproj".into()),
            ..PlanContext::default()
        };
        assert_eq!(
            line(Ecosystem::Go, PackageManager::Go, &hostile),
            "go get github.com/workos/workos-go/v6@latest"
        );
        assert_eq!(
            line(Ecosystem::Dotnet, PackageManager::Dotnet, &hostile),
            "dotnet add package WorkOS.net"
        );
    }
}
