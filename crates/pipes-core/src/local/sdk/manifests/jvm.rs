//! Java/Kotlin: pom.xml, build.gradle(.kts) and the Gradle version catalog.

use super::text::quoted_strings;
use super::{Declared, toml_doc};
use crate::local::sdk::files::{AppFolder, FileRole, check_nesting};

/// `<dependency>` com.workos:workos in pom.xml, `${property}` versions resolved from `<properties>`.
pub(super) fn pom(text: &str) -> Result<Option<String>, String> {
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
pub(super) fn gradle(text: &str) -> Option<String> {
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
pub(super) fn gradle_catalog(folder: &mut AppFolder) -> Option<Declared> {
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

pub(super) fn catalog_version(lib: &toml::Value, versions: Option<&toml::Table>) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradle_coordinates() {
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
