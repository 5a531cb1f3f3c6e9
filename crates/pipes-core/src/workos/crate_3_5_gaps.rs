//! What the official `workos` crate 3.5.0 cannot do yet, called over the same pooled client
//! with our own types (see shared/reference/PIPES-API-DELTA.md §5, §6, §12):
//!
//! - authorize with a PKCE `code_challenge`, and its answer's `state` and `completion`;
//! - `POST /data-integrations/finish`, the secure finish of a connection;
//! - the token probe and the connected-account read for one named connection
//!   (`connected_account_id`), when a user has several;
//! - `GET /data-integrations` read leniently, with `ownership`, `auth_methods` and `credentials`;
//! - `data_providers` read leniently (the crate requires camelCase twins that WorkOS dropped),
//!   with `connected_accounts[]` for several connections per provider.
//!
//! Delete each part when the crate has it.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::connection::WorkosConnection;
use crate::codes::{LiveCode, WorkosAnswerCode, WorkosCode};
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::random;
use crate::foundation::sensitive::Sensitive;

/// The characters RFC 7636 allows in a code verifier.
const VERIFIER_ALPHABET: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
const VERIFIER_LEN: usize = 64;

/// A code verifier kept in Rust for one authorization, and the challenge sent with it.
pub struct Pkce {
    pub verifier: Sensitive<String>,
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> AppResult<Self> {
        Ok(Self::from_verifier(random_verifier()?))
    }

    pub fn from_verifier(verifier: String) -> Self {
        let challenge = base64url(&Sha256::digest(verifier.as_bytes()));
        Self {
            verifier: Sensitive::new(verifier),
            challenge,
        }
    }
}

/// Random bytes past the largest multiple of the alphabet's size are dropped, so that every
/// character is equally likely.
fn random_verifier() -> AppResult<String> {
    let limit = 256 - 256 % VERIFIER_ALPHABET.len();
    let mut out = String::with_capacity(VERIFIER_LEN);
    while out.len() < VERIFIER_LEN {
        let mut random = [0u8; VERIFIER_LEN];
        random::fill(&mut random)?;
        for byte in random.into_iter().filter(|b| usize::from(*b) < limit) {
            if out.len() == VERIFIER_LEN {
                break;
            }
            out.push(char::from(
                VERIFIER_ALPHABET[usize::from(byte) % VERIFIER_ALPHABET.len()],
            ));
        }
    }
    Ok(out)
}

/// Base64url without padding (RFC 4648 §5), as PKCE's S256 wants it.
fn base64url(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// `POST /data-integrations/{slug}/authorize`, today's fields.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuthorizeRequest {
    pub user_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_challenge: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_challenge_method: Option<&'static str>,
    /// `add` a second account, or `reauthorize` the one named by `connected_account_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_intent: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connected_account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_display_name: Option<String>,
}

impl AuthorizeRequest {
    /// A request bound to `pkce` that comes back to `return_to`.
    pub fn secure(user_id: &str, return_to: &str, pkce: &Pkce) -> Self {
        Self {
            user_id: user_id.to_string(),
            return_to: Some(return_to.to_string()),
            code_challenge: Some(pkce.challenge.clone()),
            code_challenge_method: Some("S256"),
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AuthorizeResponse {
    pub url: String,
    #[serde(default)]
    pub state: Option<String>,
    /// `finish_required` when a `code_challenge` was sent.
    #[serde(default)]
    pub completion: Option<String>,
}

/// A connected account as WorkOS answers it today; everything but `id` and `state` may be absent.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ConnectedAccount {
    pub id: String,
    pub state: String,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub organization_id: Option<String>,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub connection_role: Option<String>,
    #[serde(default)]
    pub account_identifier: Option<String>,
    #[serde(default)]
    pub account_display_name: Option<String>,
    #[serde(default)]
    pub state_reason: Option<String>,
    #[serde(default)]
    pub auth_method: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// One row of `GET /data-integrations`: an integration root, one per slug and ownership.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DataIntegration {
    pub id: String,
    pub slug: String,
    #[serde(default)]
    pub name: Option<String>,
    /// `user` or `organization`.
    #[serde(default)]
    pub ownership: Option<String>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    /// The provider's callback for this integration; `""` for API-key and client-credentials ones.
    #[serde(default)]
    pub redirect_uri: Option<String>,
    #[serde(default)]
    pub auth_methods: Vec<String>,
    /// `null` for WorkOS's shared credentials.
    #[serde(default)]
    pub credentials: Option<IntegrationCredentials>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IntegrationCredentials {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub client_id: Option<String>,
}

/// Every integration root of the environment, following the list's pages.
pub async fn list_data_integrations(
    connection: &WorkosConnection,
) -> AppResult<Vec<DataIntegration>> {
    #[derive(Deserialize)]
    struct Page {
        data: Vec<DataIntegration>,
        #[serde(default)]
        list_metadata: Option<Value>,
    }
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..50 {
        let mut query = vec![("limit", "100".to_string())];
        if let Some(cursor) = &after {
            query.push(("after", cursor.clone()));
        }
        let page: Page = send(connection.get("/data-integrations").query(&query)).await?;
        all.extend(page.data);
        after = page
            .list_metadata
            .and_then(|m| m["after"].as_str().map(str::to_string));
        if after.is_none() {
            break;
        }
    }
    Ok(all)
}

/// `PUT /data-integrations/{slug}` with custom OAuth credentials (and scopes, when given).
/// The answer, which holds only a redacted secret, is not kept.
pub async fn set_custom_credentials(
    connection: &WorkosConnection,
    slug: &str,
    client_id: &str,
    client_secret: &Sensitive<String>,
    scopes: Option<&[String]>,
) -> AppResult<()> {
    let mut body = serde_json::json!({
        "credentials": {"type": "custom", "client_id": client_id, "client_secret": client_secret.expose()},
    });
    if let Some(scopes) = scopes {
        body["scopes"] = serde_json::json!(scopes);
    }
    let path = format!("/data-integrations/{}", segment(slug));
    let _: Value = send(connection.put(&path).json(&body)).await?;
    Ok(())
}

/// One row of `GET /user_management/users/{id}/data_providers`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DataProvider {
    pub slug: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub integration_type: Option<String>,
    #[serde(default)]
    pub connection_owner: Option<String>,
    /// `shared`, `custom` or `organization`.
    #[serde(default)]
    pub credentials_type: Option<String>,
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    /// The compatibility slot only: `null` does not mean no account is connected.
    #[serde(default)]
    pub connected_account: Option<ConnectedAccount>,
    /// Every account, when asked with `supports_multiple_connections=true`.
    #[serde(default)]
    pub connected_accounts: Vec<ConnectedAccount>,
}

#[derive(Deserialize)]
struct List<T> {
    data: Vec<T>,
}

#[derive(Deserialize)]
struct Finished {
    connected_account: ConnectedAccount,
}

/// Starts an authorization. With a `code_challenge`, WorkOS must promise the secure finish
/// (`completion: "finish_required"`); an answer without it is refused, so the browser is
/// never sent to a flow that would save the connection without us.
pub async fn authorize(
    connection: &WorkosConnection,
    slug: &str,
    request: &AuthorizeRequest,
) -> AppResult<AuthorizeResponse> {
    let path = format!("/data-integrations/{}/authorize", segment(slug));
    let answer: AuthorizeResponse = send(connection.post(&path).json(request)).await?;
    if request.code_challenge.is_some() && answer.completion.as_deref() != Some("finish_required") {
        return Err(AppError::new(
            WorkosCode::FinishNotOffered,
            "WorkOS did not promise the secure finish for this authorization, so the browser was not opened.",
        ));
    }
    Ok(answer)
}

/// Saves the connection the user just authorized: the `connect_code` from `return_to`, once,
/// within 90 s, with the verifier behind the challenge.
pub async fn finish(
    connection: &WorkosConnection,
    connect_code: &str,
    verifier: &Sensitive<String>,
    state: Option<&str>,
) -> AppResult<ConnectedAccount> {
    let body = serde_json::json!({
        "connect_code": connect_code,
        "code_verifier": verifier.expose(),
        "state": state,
    });
    let answer: Finished = send(connection.post("/data-integrations/finish").json(&body)).await?;
    Ok(answer.connected_account)
}

/// What the token call says about a connection. The access token itself is never kept:
/// this type has no field for it, so it is dropped while the answer is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenProbe {
    Active {
        expires_at: Option<String>,
        scopes: Vec<String>,
        missing_scopes: Vec<String>,
    },
    /// `not_installed`, `needs_reauthorization`, …
    Inactive { error: String },
}

#[derive(Deserialize)]
struct TokenAnswer {
    active: bool,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    access_token: Option<TokenFacts>,
}

#[derive(Deserialize)]
struct TokenFacts {
    #[serde(default)]
    expires_at: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
    #[serde(default)]
    missing_scopes: Vec<String>,
}

/// `POST /data-integrations/{slug}/token` for one connection of a user.
pub async fn probe_token(
    connection: &WorkosConnection,
    slug: &str,
    user_id: &str,
    connected_account_id: Option<&str>,
) -> AppResult<TokenProbe> {
    let path = format!("/data-integrations/{}/token", segment(slug));
    let body =
        serde_json::json!({"user_id": user_id, "connected_account_id": connected_account_id});
    let answer: TokenAnswer = send(connection.post(&path).json(&body)).await?;
    Ok(match (answer.active, answer.access_token) {
        (true, Some(facts)) => TokenProbe::Active {
            expires_at: facts.expires_at,
            scopes: facts.scopes,
            missing_scopes: facts.missing_scopes,
        },
        (_, _) => TokenProbe::Inactive {
            error: answer.error.unwrap_or_else(|| "inactive".into()),
        },
    })
}

/// `GET /user_management/users/{id}/connected_accounts/{slug}`, naming one connection.
pub async fn user_connected_account(
    connection: &WorkosConnection,
    user_id: &str,
    slug: &str,
    connected_account_id: Option<&str>,
) -> AppResult<ConnectedAccount> {
    let path = format!(
        "/user_management/users/{}/connected_accounts/{}",
        segment(user_id),
        segment(slug)
    );
    let mut query = vec![("supports_multiple_connections", "true")];
    if let Some(id) = connected_account_id {
        query.push(("connected_account_id", id));
    }
    send(connection.get(&path).query(&query)).await
}

/// Every provider enabled for the user, each with all its connected accounts.
pub async fn user_data_providers(
    connection: &WorkosConnection,
    user_id: &str,
    organization_id: Option<&str>,
) -> AppResult<Vec<DataProvider>> {
    let path = format!("/user_management/users/{}/data_providers", segment(user_id));
    let mut query = vec![("supports_multiple_connections", "true")];
    if let Some(org) = organization_id {
        query.push(("organization_id", org));
    }
    let list: List<DataProvider> = send(connection.get(&path).query(&query)).await?;
    Ok(list.data)
}

/// Percent-encodes everything but unreserved characters, so an id cannot change the path.
pub(crate) fn segment(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Sends, and turns an error answer into `{code, message}` with WorkOS's own code in it
/// (`WORKOS_INVALID_RETURN_TO`, `WORKOS_ACCOUNT_SELECTION_REQUIRED`, …).
pub(crate) async fn send<T: serde::de::DeserializeOwned>(
    request: reqwest::RequestBuilder,
) -> AppResult<T> {
    let response = request.send().await.map_err(|e| {
        AppError::new(
            LiveCode::Unreachable,
            format!("WorkOS could not be reached: {e}"),
        )
    })?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| AppError::new(LiveCode::Unreachable, format!("The answer broke off: {e}")))?;
    if !status.is_success() {
        return Err(api_error(status.as_u16(), &body));
    }
    serde_json::from_slice(&body).map_err(|e| {
        AppError::new(
            WorkosCode::UnexpectedAnswer,
            format!("WorkOS answered {status} in a shape this app does not know: {e}"),
        )
    })
}

pub(crate) fn api_error(status: u16, body: &[u8]) -> AppError {
    let json: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let code = json["code"].as_str().or_else(|| json["error"].as_str());
    let message = json["message"]
        .as_str()
        .or_else(|| json["error_description"].as_str())
        .unwrap_or("no message");
    workos_answer_error(status, code, message)
}

/// `{code, message}` for an error answer of WorkOS, its own code kept as `WORKOS_<CODE>`
/// (the SDK's errors and ours alike).
pub(crate) fn workos_answer_error(status: u16, code: Option<&str>, message: &str) -> AppError {
    let code = code.unwrap_or(match status {
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        429 => "rate_limited",
        _ => "error",
    });
    // `{"error": "Not Found"}` bodies carry words, not a code: keep the code an identifier.
    let code: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let code = format!("WORKOS_{code}");
    let message = format!("WorkOS answered {status}: {message}");
    match WorkosAnswerCode::from_code(&code) {
        Some(known) => AppError::new(known, message),
        None => AppError::unlisted_workos_answer(code, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_challenge_is_the_s256_of_the_verifier() {
        // Expected value from Python: base64.urlsafe_b64encode(hashlib.sha256(v).digest()).rstrip(b"=")
        let pkce = Pkce::from_verifier("dBjftJeZ4CVP-mJ92K9RQhHT6BBcJVcE9dIR7g2fNuI".into());
        assert_eq!(
            pkce.challenge,
            "jd6imAJx52Tg79vjKlyHyjjPBM6VaSBa2COCOE1MaEQ"
        );
    }

    #[test]
    fn a_new_verifier_is_64_unreserved_characters_and_never_repeats() {
        let a = Pkce::new().unwrap();
        let b = Pkce::new().unwrap();
        assert_eq!(a.verifier.expose().len(), VERIFIER_LEN);
        assert!(
            a.verifier
                .expose()
                .bytes()
                .all(|c| VERIFIER_ALPHABET.contains(&c))
        );
        assert_ne!(a.verifier.expose(), b.verifier.expose());
        assert!(!format!("{:?}", a.verifier).contains(a.verifier.expose().as_str()));
    }

    #[test]
    fn base64url_pads_nothing() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn error_bodies_keep_workos_own_code() {
        let error = api_error(
            400,
            br#"{"code":"return_to_requires_exact_match","message":"not registered"}"#,
        );
        assert_eq!(error.code, "WORKOS_RETURN_TO_REQUIRES_EXACT_MATCH");
        assert_eq!(error.message, "WorkOS answered 400: not registered");
        assert_eq!(api_error(401, b"").code, "WORKOS_UNAUTHORIZED");
    }

    #[test]
    fn a_provider_row_of_today_parses_with_several_accounts_and_without_camel_case() {
        let row = r#"{"object":"data_provider","id":"data_integration_1","name":"GitHub","slug":"github",
            "integration_type":"github","credentials_type":"shared","scopes":null,"connection_owner":"user",
            "created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:00.000Z",
            "connected_account":null,
            "connected_accounts":[{"id":"data_installation_1","state":"connected","connection_role":"standard",
              "account_display_name":"Work","account_identifier":"ada-work","user_id":"user_1",
              "organization_id":null,"scopes":["repo"],"created_at":"x","updated_at":"y"},
              {"id":"data_installation_2","state":"needs_reauthorization","state_reason":"establishing_member_membership_ended"}]}"#;
        let provider: DataProvider = serde_json::from_str(row).unwrap();
        assert!(provider.connected_account.is_none());
        assert_eq!(provider.connected_accounts.len(), 2);
        assert_eq!(
            provider.connected_accounts[0]
                .account_display_name
                .as_deref(),
            Some("Work")
        );
        assert_eq!(
            provider.connected_accounts[1].state_reason.as_deref(),
            Some("establishing_member_membership_ended")
        );
    }

    #[test]
    fn ids_cannot_change_the_path() {
        assert_eq!(segment("user_1/../../x"), "user_1%2F..%2F..%2Fx");
        assert_eq!(segment("google-drive"), "google-drive");
    }
}
