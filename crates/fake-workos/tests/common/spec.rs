//! An OpenAPI document loaded for checking answers: finds the operation a concrete path
//! belongs to and validates a JSON body against the response schema of a status.
//! Shared by the HTTP tests (`common::spec()`) and `examples/check_exchanges.rs`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

/// Statuses every operation may answer even where an operation does not list them.
pub const API_WIDE_STATUSES: &[u16] = &[401, 403, 429, 500, 502, 503];

pub struct Spec {
    document: Value,
    text: String,
    validators: Mutex<HashMap<String, Option<Arc<jsonschema::Validator>>>>,
}

/// How an answer fits the spec.
#[derive(Debug, PartialEq)]
pub enum Fit {
    /// The body was validated against the schema documented for its status.
    Schema,
    /// The status is documented without a body schema; only the status was checked.
    StatusOnly,
    /// An error status the operation does not list, with a body in the spec's generic
    /// error shape (or an API-wide status such as 401 or 429).
    UndocumentedError,
}

/// Why an answer does not fit the spec.
#[derive(Debug, PartialEq)]
pub enum Misfit {
    NoOperation,
    UndocumentedStatus,
    UnexpectedBody,
    NotJson,
    Schema(Vec<String>),
}

impl Spec {
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut document: Value =
            serde_yaml_ng::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        // The v0.61 spec marks deprecated camelCase twins (createdAt, integrationType, …) as
        // required, but real responses omit them. Drop deprecated properties from every
        // `required` list so the checks match the real API rather than that quirk.
        strip_deprecated_required(&mut document);
        relax_extensible_enums(&mut document);
        Ok(Self {
            document,
            text,
            validators: Mutex::new(HashMap::new()),
        })
    }

    /// Whether the document names `word` anywhere (an event type, an error code).
    pub fn mentions(&self, word: &str) -> bool {
        self.text.contains(word)
    }

    /// The path template of the spec that `path` is an instance of, preferring the one
    /// with the most literal segments (`/data-integrations/finish` over `/{slug}`).
    pub fn template_for(&self, method: &str, path: &str) -> Option<String> {
        let method = method.to_lowercase();
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        self.document["paths"]
            .as_object()?
            .iter()
            .filter(|(_, item)| item[&method].is_object())
            .filter_map(|(template, _)| {
                let parts: Vec<&str> = template.split('/').collect();
                let fits = parts.len() == segments.len()
                    && parts.iter().zip(&segments).all(|(part, segment)| {
                        is_parameter(part) && !segment.is_empty() || part == segment
                    });
                fits.then(|| (parts.iter().filter(|p| !is_parameter(p)).count(), template))
            })
            .max_by_key(|(literals, _)| *literals)
            .map(|(_, template)| template.clone())
    }

    /// Judges an answer of `METHOD template` with `status` (body `None` when it had none).
    pub fn judge(
        &self,
        method: &str,
        template: &str,
        status: u16,
        body: Option<&Value>,
    ) -> Result<Fit, Misfit> {
        let operation = &self.document["paths"][template][method.to_lowercase()];
        if !operation.is_object() {
            return Err(Misfit::NoOperation);
        }
        let response = self.resolve(&operation["responses"][status.to_string()]);
        let is_error = status >= 400;
        if !response.is_object() {
            let generic = is_error && body.is_some() && self.fits_error_shape(body)?;
            return if API_WIDE_STATUSES.contains(&status) || generic {
                Ok(Fit::UndocumentedError)
            } else {
                Err(Misfit::UndocumentedStatus)
            };
        }
        let key = format!("{method} {template} {status}");
        match (
            self.validator(&key, &response["content"]["application/json"]["schema"]),
            body,
        ) {
            (Some(validator), Some(value)) => validate(&validator, value).map(|()| Fit::Schema),
            (Some(_), None) => Err(Misfit::NotJson),
            (None, Some(_)) if status == 204 => Err(Misfit::UnexpectedBody),
            (None, Some(_)) if is_error && self.fits_error_shape(body)? => Ok(Fit::Schema),
            (None, _) => Ok(Fit::StatusOnly),
        }
    }

    /// Whether an error body fits the spec's generic `MessageError`; `false` when the spec
    /// has no such schema, an error when the body contradicts it.
    fn fits_error_shape(&self, body: Option<&Value>) -> Result<bool, Misfit> {
        let schema = json!({"$ref": "#/components/schemas/MessageError"});
        if self
            .document
            .pointer("/components/schemas/MessageError")
            .is_none()
        {
            return Ok(false);
        }
        let validator = self
            .validator("MessageError", &schema)
            .expect("schema present");
        body.map_or(Ok(false), |value| {
            validate(&validator, value).map(|()| true)
        })
    }

    /// Follows a `$ref` to `#/components/responses/…`.
    fn resolve(&self, response: &Value) -> Value {
        match response["$ref"].as_str() {
            Some(reference) => self
                .document
                .pointer(reference.trim_start_matches('#'))
                .cloned()
                .unwrap_or(Value::Null),
            None => response.clone(),
        }
    }

    fn validator(&self, key: &str, schema: &Value) -> Option<Arc<jsonschema::Validator>> {
        if let Some(cached) = self.validators.lock().unwrap().get(key) {
            return cached.clone();
        }
        let schema = schema.clone();
        let validator = (!schema.is_null()).then(|| {
            let mut root = schema;
            root["components"] = self.document["components"].clone();
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&root)
                .unwrap_or_else(|e| panic!("schema for {key} compiles: {e}"));
            Arc::new(validator)
        });
        self.validators
            .lock()
            .unwrap()
            .insert(key.to_string(), validator.clone());
        validator
    }
}

fn validate(validator: &jsonschema::Validator, value: &Value) -> Result<(), Misfit> {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .take(5)
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Misfit::Schema(errors))
    }
}

fn is_parameter(part: &str) -> bool {
    part.starts_with('{') && part.ends_with('}')
}

/// The reconstructed spec marks enums the SDKs accept unknown values of as
/// "Extensible": there any string is valid, as it is to the SDKs.
fn relax_extensible_enums(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let extensible = map
                .get("description")
                .and_then(Value::as_str)
                .is_some_and(|d| d.starts_with("Extensible"));
            if extensible && map.contains_key("enum") {
                map.remove("enum");
            }
            map.values_mut().for_each(relax_extensible_enums);
        }
        Value::Array(items) => items.iter_mut().for_each(relax_extensible_enums),
        _ => {}
    }
}

fn strip_deprecated_required(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let deprecated: Vec<String> = map
                .get("properties")
                .and_then(Value::as_object)
                .map(|props| {
                    props
                        .iter()
                        .filter(|(_, schema)| schema["deprecated"] == Value::Bool(true))
                        .map(|(name, _)| name.clone())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(Value::Array(required)) = map.get_mut("required") {
                required.retain(|name| !deprecated.iter().any(|d| name == d));
            }
            map.values_mut().for_each(strip_deprecated_required);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_deprecated_required),
        _ => {}
    }
}
