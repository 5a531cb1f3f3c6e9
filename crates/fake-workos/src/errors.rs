//! API errors in WorkOS's shape: `{message, code?, errors?: [{field?, code, message?}]}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FieldError {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.to_string()),
            code: code.to_string(),
            message: message.into(),
        }
    }
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Option<Value>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    fn with_body(status: StatusCode, body: Value) -> Self {
        Self {
            status,
            body: Some(body),
            retry_after: None,
        }
    }

    /// The body's `code`, when it has one.
    pub fn code(&self) -> Option<&str> {
        self.body.as_ref()?.get("code")?.as_str()
    }

    pub fn message(status: StatusCode, message: impl Into<String>) -> Self {
        Self::with_body(status, json!({ "message": message.into() }))
    }

    pub fn coded(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self::with_body(status, json!({ "code": code, "message": message.into() }))
    }

    /// 401 with a `{message}` body, which the SDKs parse into their Unauthorized errors.
    pub fn unauthorized() -> Self {
        Self::message(StatusCode::UNAUTHORIZED, "Unauthorized")
    }

    pub fn forbidden() -> Self {
        Self::message(
            StatusCode::FORBIDDEN,
            "This API key does not have permission to perform this action.",
        )
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::message(StatusCode::NOT_FOUND, message)
    }

    /// 404 `entity_not_found`, the code the SDKs name for a missing user, organization
    /// or integration.
    pub fn entity_not_found(message: impl Into<String>) -> Self {
        Self::coded(StatusCode::NOT_FOUND, "entity_not_found", message)
    }

    /// 400 `invalid_request_parameters`: a malformed body, with the field when one is to blame.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::coded(
            StatusCode::BAD_REQUEST,
            "invalid_request_parameters",
            message,
        )
    }

    pub fn bad_field(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self::with_body(
            StatusCode::BAD_REQUEST,
            json!({
                "code": "invalid_request_parameters",
                "message": message,
                "errors": [FieldError::new(field, "invalid", message.clone())],
            }),
        )
    }

    pub fn unprocessable(message: impl Into<String>) -> Self {
        Self::message(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    /// 422 `invalid_request_parameters` listing every offending field.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self::with_body(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({ "code": "invalid_request_parameters", "message": "Validation failed.", "errors": errors }),
        )
    }

    pub fn auth_method_mismatch(expected: &str, actual: &str) -> Self {
        Self::coded(
            StatusCode::UNPROCESSABLE_ENTITY,
            "auth_method_mismatch",
            format!(
                "This endpoint expects a {expected} installation, but the installation uses {actual}."
            ),
        )
    }

    pub fn rate_limited(retry_after: u64) -> Self {
        let mut error = Self::message(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests. Please retry after the time in the Retry-After header.",
        );
        error.retry_after = Some(retry_after);
        error
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = match self.body {
            Some(body) => (self.status, axum::Json(body)).into_response(),
            None => self.status.into_response(),
        };
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
