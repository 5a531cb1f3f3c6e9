//! The WorkOS SDK requirement an app declares, read from each ecosystem's manifests.

use super::ecosystems::{Ecosystem, GO_MODULE_BASE};
use super::files::{AppFolder, FileRole, check_nesting};

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

/// `workos[extra]>=5.38,<6 ; python_version >= "3.8"` → `>=5.38,<6` when the name matches.
pub(super) fn pep508_requirement(spec: &str, package: &str) -> Option<String> {
    let spec = spec.split(';').next()?.trim();
    let name_len = spec
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c)))
        .unwrap_or(spec.len());
    let (name, rest) = spec.split_at(name_len);
    if normalize_python_name(name) != package {
        return None;
    }
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix('[') {
        Some(after) => after.split_once(']').map_or("", |(_, r)| r),
        None => rest,
    };
    Some(
        rest.trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim()
            .to_string(),
    )
}

fn normalize_python_name(name: &str) -> String {
    name.to_ascii_lowercase().replace(['_', '.'], "-")
}

fn requirements_txt(text: &str, package: &str) -> Option<String> {
    text.lines()
        .map(|line| line.split(" #").next().unwrap_or("").trim())
        .filter(|line| !line.is_empty() && !line.starts_with(['#', '-']))
        .find_map(|line| pep508_requirement(line, package))
}

fn pyproject(doc: &toml::Table, package: &str) -> Option<String> {
    let project = doc.get("project");
    let pep621 = project
        .and_then(|p| p.get("dependencies"))
        .into_iter()
        .chain(
            project
                .and_then(|p| p.get("optional-dependencies"))
                .and_then(|o| o.as_table())
                .into_iter()
                .flat_map(|t| t.values()),
        );
    let groups = doc
        .get("dependency-groups")
        .and_then(|g| g.as_table())
        .into_iter()
        .flat_map(|t| t.values());
    let from_lists = pep621
        .chain(groups)
        .filter_map(|list| list.as_array())
        .flatten()
        .filter_map(|item| item.as_str())
        .find_map(|spec| pep508_requirement(spec, package));
    from_lists.or_else(|| poetry(doc, package))
}

fn poetry(doc: &toml::Table, package: &str) -> Option<String> {
    let poetry = doc.get("tool")?.get("poetry")?;
    let groups = poetry
        .get("group")
        .and_then(|g| g.as_table())
        .into_iter()
        .flat_map(|t| t.values());
    let tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
        .into_iter()
        .flatten()
        .chain(groups.filter_map(|g| g.get("dependencies")));
    tables
        .filter_map(|t| t.as_table())
        .find_map(|t| dependency_version(t, package))
}

fn pipfile(doc: &toml::Table, package: &str) -> Option<String> {
    ["packages", "dev-packages"]
        .iter()
        .filter_map(|s| doc.get(*s)?.as_table())
        .find_map(|t| dependency_version(t, package))
}

/// `name = "1.2"` or `name = { version = "1.2", … }` in a TOML table; a table without a
/// version (git, path, workspace) is an empty requirement.
fn dependency_version(table: &toml::Table, package: &str) -> Option<String> {
    let value = table
        .iter()
        .find(|(k, _)| normalize_python_name(k) == package || k.as_str() == package)?
        .1;
    Some(match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Table(t) => t
            .get("version")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    })
}

/// Quoted strings in setup.py that are a requirement for `package`.
fn setup_py(text: &str, package: &str) -> Option<String> {
    quoted_strings(text)
        .into_iter()
        .find_map(|s| pep508_requirement(&s, package))
}

fn quoted_strings(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(['"', '\'']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

/// `require github.com/workos/workos-go/v6 v6.3.0`, alone or inside a `require (…)` block.
fn go_mod(text: &str, file: &str) -> Option<Declared> {
    text.lines().find_map(|line| {
        let line = line.split("//").next()?.trim();
        let line = line.strip_prefix("require").map_or(line, str::trim);
        let mut tokens = line.split_whitespace();
        let module = tokens.next()?;
        let version = tokens.next()?;
        is_workos_go_module(module).then(|| Declared {
            module: Some(module.to_string()),
            ..Declared::new(version, file)
        })
    })
}

/// `github.com/workos/workos-go` or `github.com/workos/workos-go/vN`, nothing else.
pub(super) fn is_workos_go_module(module: &str) -> bool {
    match module.strip_prefix(GO_MODULE_BASE) {
        Some("") => true,
        Some(suffix) => suffix
            .strip_prefix("/v")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())),
        None => false,
    }
}

/// `gem 'workos', '~> 7.0', '>= 7.1'` → `~> 7.0, >= 7.1`.
fn gemfile(text: &str, package: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("gem ") || l.starts_with("gem("))
        .find_map(|line| {
            let strings = quoted_strings(line.split('#').next().unwrap_or(""));
            let (name, rest) = strings.split_first()?;
            (name == package).then(|| {
                rest.iter()
                    .filter(|s| {
                        s.trim_start()
                            .starts_with(|c: char| c.is_ascii_digit() || "<>=~!".contains(c))
                    })
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
}

/// `{:workos, "~> 1.0"}` in mix.exs.
fn mix_exs(text: &str, package: &str) -> Option<String> {
    let start = text.find(&format!("{{:{package},"))?;
    let tuple = &text[start..];
    let tuple = &tuple[..tuple.find('}').unwrap_or(tuple.len())];
    Some(quoted_strings(tuple).into_iter().next().unwrap_or_default())
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

/// `<dependency>` com.workos:workos in pom.xml, `${property}` versions resolved from `<properties>`.
fn pom(text: &str) -> Result<Option<String>, String> {
    check_nesting(text)?;
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("is not valid XML: {e}"))?;
    let child_text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .map(str::trim)
            .map(str::to_string)
    };
    let dependency = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "dependency")
        .find(|n| {
            child_text(*n, "groupId").as_deref() == Some("com.workos")
                && child_text(*n, "artifactId").as_deref() == Some("workos")
        });
    let Some(dependency) = dependency else {
        return Ok(None);
    };
    let version = child_text(dependency, "version").unwrap_or_default();
    let Some(property) = version.strip_prefix("${").and_then(|v| v.strip_suffix('}')) else {
        return Ok(Some(version));
    };
    let resolved = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "properties")
        .flat_map(|p| p.children())
        .find(|c| c.tag_name().name() == property)
        .and_then(|c| c.text())
        .map(|t| t.trim().to_string());
    Ok(Some(resolved.unwrap_or(version)))
}

/// `"com.workos:workos:5.1.0"` (Groovy or Kotlin DSL) or `group: 'com.workos', name: 'workos', version: '5.1.0'`.
fn gradle(text: &str) -> Option<String> {
    let coordinate = "com.workos:workos";
    for start in text
        .match_indices(coordinate)
        .map(|(i, _)| i + coordinate.len())
    {
        let rest = &text[start..];
        if let Some(version) = rest.strip_prefix(':') {
            return Some(
                version
                    .chars()
                    .take_while(|c| !matches!(c, '"' | '\'' | ')' | '@' | '\n'))
                    .collect(),
            );
        }
        if rest.starts_with(['"', '\'']) {
            return Some(String::new());
        }
    }
    text.lines()
        .find(|l| l.contains("'com.workos'") || l.contains("\"com.workos\""))
        .and_then(|line| {
            let strings = quoted_strings(line);
            strings.iter().any(|s| s == "workos").then(|| {
                let version_at = line.find("version")?;
                quoted_strings(&line[version_at..]).into_iter().next()
            })?
        })
}

/// `gradle/libs.versions.toml`: `workos = { module = "com.workos:workos", version.ref = "workos" }`.
fn gradle_catalog(folder: &mut AppFolder) -> Option<Declared> {
    let file = "gradle/libs.versions.toml";
    let text = folder.read(file, FileRole::Manifest)?;
    let doc = toml_doc(folder, file, &text)?;
    let versions = doc.get("versions").and_then(|v| v.as_table());
    let library = doc
        .get("libraries")?
        .as_table()?
        .values()
        .find_map(|lib| catalog_version(lib, versions))?;
    Some(Declared::new(library, file))
}

fn catalog_version(lib: &toml::Value, versions: Option<&toml::Table>) -> Option<String> {
    if let Some(s) = lib.as_str() {
        return s
            .strip_prefix("com.workos:workos")
            .map(|v| v.trim_start_matches(':').to_string());
    }
    let module = lib
        .get("module")
        .and_then(|m| m.as_str())
        .map(str::to_string)
        .or_else(|| {
            Some(format!(
                "{}:{}",
                lib.get("group")?.as_str()?,
                lib.get("name")?.as_str()?
            ))
        })?;
    if module != "com.workos:workos" {
        return None;
    }
    let version = lib.get("version");
    let direct = version.and_then(|v| v.as_str()).map(str::to_string);
    let by_ref = version
        .and_then(|v| v.get("ref"))
        .and_then(|r| r.as_str())
        .and_then(|key| versions?.get(key)?.as_str())
        .map(str::to_string);
    Some(direct.or(by_ref).unwrap_or_default())
}

/// `<PackageReference Include="WorkOS.net" Version="3.0.0" />` in a project, or its version
/// from `Directory.Packages.props` (central package management).
fn dotnet(folder: &mut AppFolder, files: &[String], package: &str) -> Option<Declared> {
    let mut referenced_in: Option<String> = None;
    let mut central: Option<Declared> = None;
    for file in files {
        let Some(text) = folder.read(file, FileRole::Manifest) else {
            continue;
        };
        let doc = match check_nesting(&text).and_then(|()| {
            roxmltree::Document::parse(&text).map_err(|e| format!("is not valid XML: {e}"))
        }) {
            Ok(doc) => doc,
            Err(reason) => {
                folder.problem(FileRole::Manifest, file, reason);
                continue;
            }
        };
        for node in doc
            .descendants()
            .filter(|n| matches!(n.tag_name().name(), "PackageReference" | "PackageVersion"))
        {
            let names_package = ["Include", "Update"].iter().any(|a| {
                node.attribute(*a)
                    .is_some_and(|v| v.eq_ignore_ascii_case(package))
            });
            if !names_package {
                continue;
            }
            let version = node
                .attribute("Version")
                .or_else(|| node.attribute("VersionOverride"))
                .map(str::to_string)
                .or_else(|| {
                    node.children()
                        .find(|c| c.tag_name().name() == "Version")
                        .and_then(|c| c.text())
                        .map(|t| t.trim().to_string())
                });
            match (node.tag_name().name(), version) {
                ("PackageReference", Some(v)) => return Some(Declared::new(v, file)),
                ("PackageReference", None) => referenced_in = Some(file.clone()),
                (_, Some(v)) => central = Some(Declared::new(v, file)),
                _ => {}
            }
        }
    }
    match (referenced_in, central) {
        (Some(_), Some(central)) => Some(central),
        (Some(file), None) => Some(Declared::new("", &file)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep508_strings() {
        assert_eq!(
            pep508_requirement("workos>=5.38,<6", "workos").as_deref(),
            Some(">=5.38,<6")
        );
        assert_eq!(
            pep508_requirement("WorkOS[async] ==5.40.0 ; python_version>'3.8'", "workos")
                .as_deref(),
            Some("==5.40.0")
        );
        assert_eq!(pep508_requirement("workos", "workos").as_deref(), Some(""));
        assert_eq!(pep508_requirement("workos-extra==1", "workos"), None);
    }

    #[test]
    fn go_modules_are_matched_exactly() {
        assert!(is_workos_go_module("github.com/workos/workos-go/v6"));
        assert!(is_workos_go_module("github.com/workos/workos-go"));
        assert!(!is_workos_go_module("github.com/workos/workos-go-extra"));
        assert!(!is_workos_go_module(
            "github.com/workos/workos-go/v6; rm -rf /"
        ));
        let found = go_mod(
            "module x\n\nrequire (\n\tgithub.com/workos/workos-go/v6 v6.3.0 // indirect\n)\n",
            "go.mod",
        )
        .unwrap();
        assert_eq!(found.requirement, "v6.3.0");
        assert_eq!(
            found.module.as_deref(),
            Some("github.com/workos/workos-go/v6")
        );
    }

    #[test]
    fn gemfile_mix_and_gradle_lines() {
        assert_eq!(
            gemfile(
                "gem 'rails'\ngem \"workos\", \"~> 7.0\", require: false\n",
                "workos"
            )
            .as_deref(),
            Some("~> 7.0")
        );
        assert_eq!(gemfile("gem 'workos'\n", "workos").as_deref(), Some(""));
        assert_eq!(
            mix_exs("[{:jason, \"~> 1.4\"}, {:workos, \"~> 1.1\"}]", "workos").as_deref(),
            Some("~> 1.1")
        );
        assert_eq!(
            gradle("implementation(\"com.workos:workos:5.2.0\")").as_deref(),
            Some("5.2.0")
        );
        assert_eq!(
            gradle("implementation group: 'com.workos', name: 'workos', version: '4.1.0'")
                .as_deref(),
            Some("4.1.0")
        );
        assert_eq!(gradle("implementation 'org.other:lib:1.0'"), None);
    }

    #[test]
    fn pom_resolves_properties() {
        let pom_xml = r#"<project xmlns="http://maven.apache.org/POM/4.0.0"><properties><workos.version>5.1.0</workos.version></properties>
            <dependencies><dependency><groupId>com.workos</groupId><artifactId>workos</artifactId><version>${workos.version}</version></dependency></dependencies></project>"#;
        assert_eq!(pom(pom_xml).unwrap().as_deref(), Some("5.1.0"));
        assert!(pom("<project><dependencies>").is_err());
    }
}
