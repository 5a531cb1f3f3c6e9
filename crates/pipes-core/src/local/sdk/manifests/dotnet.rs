//! .NET: `<PackageReference>` in project files and central package versions.

use super::Declared;
use crate::local::sdk::files::{AppFolder, FileRole, check_nesting};

/// `<PackageReference Include="WorkOS.net" Version="3.0.0" />` in a project, or its version
/// from `Directory.Packages.props` (central package management).
pub(super) fn dotnet(folder: &mut AppFolder, files: &[String], package: &str) -> Option<Declared> {
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
