//! HTTP handlers, one module per resource.

pub mod admin;
pub mod consent;
pub mod events;
pub mod finish;
pub mod integrations;
pub mod org_accounts;
pub mod org_configurations;
pub mod organizations;
pub mod provider_api;
pub mod redirect_uris;
pub mod token;
pub mod user_list;
pub mod users;
pub mod webhooks;

use std::collections::HashMap;

use axum::body::Bytes;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::errors::{ApiError, ApiResult, FieldError};

/// The environment an API key belongs to; put on the request by the auth layer.
#[derive(Clone, Debug)]
pub struct EnvName(pub String);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Order {
    Asc,
    Desc,
}

/// `limit`, `order`, `before`, `after` as the spec defines them for list endpoints.
#[derive(Debug)]
pub struct Page {
    limit: usize,
    order: Order,
    before: Option<String>,
    after: Option<String>,
}

impl Page {
    pub fn from_query(query: &HashMap<String, String>) -> ApiResult<Self> {
        let limit = match query.get("limit") {
            None => 10,
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if (1..=100).contains(&n) => n,
                _ => {
                    return Err(ApiError::validation(vec![FieldError::new(
                        "limit",
                        "invalid_limit",
                        "limit must be an integer between 1 and 100",
                    )]));
                }
            },
        };
        let order = match query.get("order").map(String::as_str) {
            None | Some("desc") | Some("normal") => Order::Desc,
            Some("asc") => Order::Asc,
            Some(_) => {
                return Err(ApiError::validation(vec![FieldError::new(
                    "order",
                    "invalid_order",
                    "order must be one of asc, desc, normal",
                )]));
            }
        };
        Ok(Self {
            limit,
            order,
            before: query.get("before").filter(|s| !s.is_empty()).cloned(),
            after: query.get("after").filter(|s| !s.is_empty()).cloned(),
        })
    }

    /// Cuts one page out of `items` (in creation order). Returns the page and the
    /// `before`/`after` cursors: the first/last id when more items lie that way.
    pub fn apply<T: Clone>(
        &self,
        items: &[T],
        id: impl Fn(&T) -> &str,
    ) -> (Vec<T>, Option<String>, Option<String>) {
        let mut ordered: Vec<T> = items.to_vec();
        if self.order == Order::Desc {
            ordered.reverse();
        }
        let position = |cursor: &str| ordered.iter().position(|item| id(item) == cursor);
        let (start, end) = if let Some(after) = &self.after {
            let start = position(after).map_or(ordered.len(), |i| i + 1);
            (start, (start + self.limit).min(ordered.len()))
        } else if let Some(before) = &self.before {
            let end = position(before).unwrap_or(0);
            (end.saturating_sub(self.limit), end)
        } else {
            (0, self.limit.min(ordered.len()))
        };
        let page = ordered[start..end].to_vec();
        let before = (start > 0)
            .then(|| page.first().map(|i| id(i).to_string()))
            .flatten();
        let after = (end < ordered.len())
            .then(|| page.last().map(|i| id(i).to_string()))
            .flatten();
        (page, before, after)
    }
}

/// Parses a JSON body leniently (unknown fields ignored); a malformed body is a 400.
pub fn parse_body<T: DeserializeOwned>(body: &Bytes) -> ApiResult<T> {
    let value: Value = if body.is_empty() {
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(body)
            .map_err(|e| ApiError::bad_request(format!("Invalid JSON body: {e}")))?
    };
    serde_json::from_value(value)
        .map_err(|e| ApiError::bad_request(format!("Invalid request body: {e}")))
}

/// A required, non-empty string field; `None` records a 'required' error.
pub fn required<'a>(
    value: &'a Option<String>,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> &'a str {
    match value.as_deref() {
        Some(v) if !v.is_empty() => v,
        _ => {
            errors.push(FieldError::new(
                field,
                "required",
                format!("{field} is required"),
            ));
            ""
        }
    }
}

pub fn not_found_integration(slug: &str) -> ApiError {
    ApiError::entity_not_found(format!("Data integration not found: '{slug}'."))
}

/// The enabled integration serving `owner` for `slug` (404 when absent or disabled).
pub fn enabled_root(
    env: &crate::state::Environment,
    slug: &str,
    owner: &crate::connections::Owner,
) -> ApiResult<crate::state::Integration> {
    env.root(slug, owner.ownership())
        .filter(|i| i.enabled)
        .cloned()
        .ok_or_else(|| not_found_integration(slug))
}

pub fn not_found_user(user_id: &str) -> ApiError {
    ApiError::entity_not_found(format!("User not found: '{user_id}'."))
}

pub fn not_found_organization(org: &str) -> ApiError {
    ApiError::entity_not_found(format!("Organization not found: '{org}'."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(q: &[(&str, &str)]) -> Page {
        let map = q
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Page::from_query(&map).unwrap()
    }

    #[test]
    fn pages_walk_forward_and_back_in_desc_order() {
        let items: Vec<String> = (1..=5).map(|i| format!("id{i}")).collect();
        let (first, before, after) = page(&[("limit", "2")]).apply(&items, |s| s);
        assert_eq!(first, ["id5", "id4"]);
        assert_eq!((before, after.as_deref()), (None, Some("id4")));
        let (second, before, after) =
            page(&[("limit", "2"), ("after", "id4")]).apply(&items, |s| s);
        assert_eq!(second, ["id3", "id2"]);
        assert_eq!(
            (before.as_deref(), after.as_deref()),
            (Some("id3"), Some("id2"))
        );
        let (back, _, _) = page(&[("limit", "2"), ("before", "id3")]).apply(&items, |s| s);
        assert_eq!(back, ["id5", "id4"]);
        let (asc, _, after) = page(&[("order", "asc"), ("limit", "5")]).apply(&items, |s| s);
        assert_eq!(asc[0], "id1");
        assert_eq!(after, None);
    }

    #[test]
    fn limit_out_of_range_is_422() {
        let map = [("limit".to_string(), "101".to_string())]
            .into_iter()
            .collect();
        assert_eq!(Page::from_query(&map).unwrap_err().status.as_u16(), 422);
    }
}
