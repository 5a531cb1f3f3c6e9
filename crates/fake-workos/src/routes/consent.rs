//! The browser part of a connection: `POST …/authorize` hands out a URL to the simulated
//! provider's consent page; Allow/Deny redirects to the integration's redirect URI
//! (WorkOS's callback), which records the outcome and redirects to `return_to`.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::connections::Intent;
use crate::errors::{ApiError, ApiResult, FieldError};
use crate::fake_state::{AccountEvent, FakeState};
use crate::html::{escape, page};
use crate::ids::{now_iso, random_hex};
use crate::providers;
use crate::routes::EnvName;
use crate::routes::users::OwnerRef;
use crate::state::{
    AccountState, AuthMethod, Authorization, ConnectedAccount, CredentialsType, Environment,
    Integration,
};

#[derive(Debug, Default, Deserialize)]
pub struct AuthorizeBody {
    #[serde(flatten)]
    owner: OwnerRef,
    return_to: Option<String>,
    connection_intent: Option<String>,
    connected_account_id: Option<String>,
    account_display_name: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

/// With a `code_challenge`: S256 only, and `return_to` must be a registered URI.
fn check_session_binding(env: &Environment, body: &AuthorizeBody) -> ApiResult<()> {
    let Some(challenge) = body.code_challenge.as_deref() else {
        return Ok(());
    };
    if body.code_challenge_method.as_deref().unwrap_or("S256") != "S256" || challenge.len() != 43 {
        return Err(ApiError::validation(vec![crate::errors::FieldError::new(
            "code_challenge",
            "invalid_code_challenge",
            "code_challenge must be an S256 challenge (43 base64url characters).",
        )]));
    }
    let Some(return_to) = body.return_to.as_deref() else {
        return Err(ApiError::coded(
            StatusCode::BAD_REQUEST,
            "invalid_return_to",
            "return_to is required when a code_challenge is sent.",
        ));
    };
    let registered: Vec<String> = env.redirect_uris.iter().map(|r| r.uri.clone()).collect();
    crate::return_urls::check(&registered, return_to).map_err(|refusal| {
        ApiError::coded(
            StatusCode::BAD_REQUEST,
            refusal.code(),
            format!("return_to '{return_to}' does not exactly match a registered redirect URI."),
        )
    })
}

pub async fn authorize(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body: AuthorizeBody = crate::routes::parse_body(&body)?;
    let user_id = body.owner.user.user_id()?.to_string();
    let org = body.owner.user.organization_id.clone();
    let intent = Intent::parse(
        body.connection_intent.as_deref(),
        body.connected_account_id.as_deref(),
    )?;
    if let Some(return_to) = &body.return_to {
        url::Url::parse(return_to).map_err(|_| {
            ApiError::coded(
                StatusCode::BAD_REQUEST,
                "invalid_return_to",
                "return_to must be an absolute URL.",
            )
        })?;
    }
    let (integration, client_id, owner) = state.with_env(&env, |e| {
        let (owner, _) = body.owner.resolve(e)?;
        let integration = crate::routes::enabled_root(e, &slug, &owner)?;
        e.intent_target(&owner, &slug, &intent)?;
        if !integration.supports(AuthMethod::Oauth) {
            return Err(ApiError::coded(
                StatusCode::UNPROCESSABLE_ENTITY,
                "auth_method_mismatch",
                format!(
                    "Data integration '{slug}' does not use OAuth; there is nothing to authorize."
                ),
            ));
        }
        let client_id = oauth_client_id(e, &integration, org.as_deref())?;
        check_session_binding(e, &body)?;
        Ok::<_, ApiError>((integration, client_id, owner))
    })??;
    let authorization = Authorization {
        id: random_hex(16),
        environment: env,
        slug,
        user_id,
        organization_id: org,
        return_to: body.return_to,
        scopes: integration.scopes.clone().unwrap_or_default(),
        code: None,
        client_state: random_hex(16),
        code_challenge: body.code_challenge.clone(),
        owner,
        intent,
        account_display_name: body.account_display_name.clone(),
    };
    let mut answer = json!({ "state": authorization.client_state });
    if authorization.code_challenge.is_some() {
        answer["completion"] = json!("finish_required");
    }
    let url = provider_authorize_url(&state, &integration, &client_id, &authorization);
    state.with_store(|s| {
        s.authorizations
            .insert(authorization.id.clone(), authorization)
    });
    answer["url"] = json!(url);
    Ok(Json(answer))
}

/// The OAuth client the provider sees: WorkOS's shared app, the environment's custom
/// app, or, for `organization` credentials, the organization's own app.
fn oauth_client_id(
    env: &Environment,
    integration: &Integration,
    org: Option<&str>,
) -> ApiResult<String> {
    match integration.credentials_type {
        CredentialsType::Shared => Ok(format!("workos-shared-{}", integration.slug)),
        CredentialsType::Custom => Ok(integration.client_id.clone().unwrap_or_default()),
        CredentialsType::Organization => {
            let org = org.ok_or_else(|| {
                ApiError::validation(vec![FieldError::new(
                    "organization_id",
                    "required",
                    "organization_id is required: this integration uses organization credentials.",
                )])
            })?;
            env.org_configuration(org, &integration.slug)
                .filter(|c| c.enabled && c.has_credentials())
                .and_then(|c| c.client_id.clone())
                .ok_or_else(|| {
                    ApiError::coded(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "client_credentials_not_configured",
                        format!(
                            "Organization '{org}' has not configured credentials for '{}'.",
                            integration.slug
                        ),
                    )
                })
        }
    }
}

/// The provider's authorize URL, carrying the integration's (WorkOS-side) redirect URI.
fn provider_authorize_url(
    state: &FakeState,
    integration: &Integration,
    client_id: &str,
    auth: &Authorization,
) -> String {
    let mut url = url::Url::parse(&format!(
        "{}/provider/{}/oauth/authorize",
        state.base_url(),
        integration.slug
    ))
    .expect("the base URL is a valid URL");
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", &integration.redirect_uri(state.base_url()))
        .append_pair("scope", &auth.scopes.join(" "))
        .append_pair("state", &auth.id);
    url.into()
}

struct ConsentContext {
    auth: Authorization,
    integration: Integration,
    email: String,
}

fn consent_context(state: &FakeState, state_param: Option<&String>) -> Option<ConsentContext> {
    let id = state_param?;
    state.with_store(|store| {
        let auth = store.authorizations.get(id).cloned()?;
        let env = store.environments.get(&auth.environment)?;
        let integration = env.root(&auth.slug, auth.owner.ownership()).cloned()?;
        let email = env
            .user(&auth.user_id)
            .map(|u| u.email.clone())
            .unwrap_or_default();
        Some(ConsentContext {
            auth,
            integration,
            email,
        })
    })
}

fn unknown_authorization() -> Response {
    provider_error(
        StatusCode::BAD_REQUEST,
        "Invalid request",
        "This authorization request is unknown or has expired. Start the connection again from the app.",
    )
}

pub async fn provider_page(
    State(state): State<FakeState>,
    Path(slug): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let ctx = match consent_context(&state, query.get("state")) {
        Some(ctx) => ctx,
        None => return unknown_authorization(),
    };
    let sent = query.get("redirect_uri").cloned().unwrap_or_default();
    let registered = ctx.integration.registered_redirect_uri(state.base_url());
    if sent != registered || ctx.integration.slug != slug {
        return redirect_uri_mismatch(&slug, &sent, &registered);
    }
    Html(consent_page(&ctx)).into_response()
}

fn consent_page(ctx: &ConsentContext) -> String {
    let provider = providers::display_name(&ctx.integration.slug);
    let scopes: String = ctx
        .auth
        .scopes
        .iter()
        .map(|s| format!("<li><code>{}</code></li>", escape(s)))
        .collect();
    let scopes = if scopes.is_empty() {
        "<p>The provider's default permissions.</p>".to_string()
    } else {
        format!("<ul>{scopes}</ul>")
    };
    let body = format!(
        "<h1>Allow {provider} access for {email}</h1>\n\
         <p>An application using WorkOS Pipes asks to connect your {provider} account.</p>\n\
         <h2>Requested permissions</h2>\n{scopes}\n\
         <form id=\"consent\" method=\"post\" action=\"/provider/{slug}/oauth/decision\">\n\
         <input type=\"hidden\" name=\"state\" value=\"{state}\">\n\
         <button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n\
         <button id=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>",
        provider = escape(&provider),
        email = escape(&ctx.email),
        slug = escape(&ctx.integration.slug),
        state = escape(&ctx.auth.id),
    );
    page(&format!("Allow {provider} access"), &body)
}

/// The error page GitHub or Google show when the redirect URI is not the registered one.
fn redirect_uri_mismatch(slug: &str, sent: &str, registered: &str) -> Response {
    let provider = providers::display_name(slug);
    let heading = if providers::is_google(slug) {
        "Error 400: redirect_uri_mismatch".to_string()
    } else {
        format!("{provider}: redirect_uri_mismatch")
    };
    let body = format!(
        "<h1 class=\"error\">{heading}</h1>\n\
         <p>The <code>redirect_uri</code> MUST match the registered callback URL for this application.</p>\n\
         <dl>\n<dt>Sent by the app</dt><dd><code id=\"sent\">{sent}</code></dd>\n\
         <dt>Registered at {provider}</dt><dd><code id=\"registered\">{registered}</code></dd>\n</dl>\n\
         <p>Copy the redirect URI from the data integration into the OAuth app's settings at {provider}.</p>",
        heading = escape(&heading),
        sent = escape(sent),
        registered = escape(registered),
        provider = escape(&provider),
    );
    (
        StatusCode::BAD_REQUEST,
        Html(page("redirect_uri_mismatch", &body)),
    )
        .into_response()
}

fn provider_error(status: StatusCode, title: &str, message: &str) -> Response {
    let body = format!(
        "<h1 class=\"error\">{}</h1>\n<p>{}</p>",
        escape(title),
        escape(message)
    );
    (status, Html(page(title, &body))).into_response()
}

#[derive(Debug, Deserialize)]
pub struct Decision {
    state: Option<String>,
    decision: Option<String>,
}

pub async fn provider_decision(
    State(state): State<FakeState>,
    Path(_slug): Path<String>,
    Form(form): Form<Decision>,
) -> Response {
    let ctx = match consent_context(&state, form.state.as_ref()) {
        Some(ctx) => ctx,
        None => return unknown_authorization(),
    };
    let mut callback = match url::Url::parse(&ctx.integration.redirect_uri(state.base_url())) {
        Ok(url) => url,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if form.decision.as_deref() == Some("allow") {
        let code = random_hex(16);
        state.with_store(|s| {
            if let Some(auth) = s.authorizations.get_mut(&ctx.auth.id) {
                auth.code = Some(code.clone());
            }
        });
        callback.query_pairs_mut().append_pair("code", &code);
    } else {
        callback
            .query_pairs_mut()
            .append_pair("error", "access_denied")
            .append_pair(
                "error_description",
                "The user has denied your application access.",
            );
    }
    callback
        .query_pairs_mut()
        .append_pair("state", &ctx.auth.id);
    Redirect::to(callback.as_str()).into_response()
}

pub async fn callback(
    State(state): State<FakeState>,
    Path((slug, redirect_key)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let ctx = match consent_context(&state, query.get("state")) {
        Some(ctx) => ctx,
        None => return unknown_authorization(),
    };
    if ctx.integration.slug != slug || ctx.integration.redirect_key != redirect_key {
        return provider_error(
            StatusCode::NOT_FOUND,
            "Not Found",
            "This callback does not belong to the integration.",
        );
    }
    state.with_store(|s| s.authorizations.remove(&ctx.auth.id));
    if let Some(error) = query.get("error") {
        let description = query.get("error_description").cloned();
        record_failure(&state, &ctx, error, description.as_deref());
        return finish(&ctx, Some((error, description.as_deref())));
    }
    if ctx.auth.code.is_none() || query.get("code") != ctx.auth.code.as_ref() {
        return provider_error(
            StatusCode::BAD_REQUEST,
            "Invalid code",
            "The authorization code is invalid or was already used.",
        );
    }
    if ctx.auth.code_challenge.is_some() {
        let code = issue_connect_code(&state, &ctx.auth);
        return finish(&ctx, Some(("connect_code", Some(code.as_str()))));
    }
    match connect(&state, &ctx.auth, &ctx.integration) {
        Ok(_) => finish(&ctx, None),
        Err(error) => {
            let code = error.code().unwrap_or("installation_failed").to_string();
            record_failure(&state, &ctx, &code, None);
            finish(&ctx, Some((code.as_str(), None)))
        }
    }
}

fn issue_connect_code(state: &FakeState, auth: &Authorization) -> String {
    let code = random_hex(24);
    state.with_store(|s| {
        let issued_at = s.now_secs();
        s.connect_codes.insert(
            code.clone(),
            crate::state::ConnectCode {
                authorization: auth.clone(),
                issued_at,
            },
        );
    });
    code
}

/// Saves the consented connection where the authorization's intent says, and records
/// the connected events. `Err` carries the finish error code when that is impossible now.
pub(crate) fn connect(
    state: &FakeState,
    auth: &Authorization,
    integration: &Integration,
) -> Result<ConnectedAccount, ApiError> {
    let account = state.with_store(|store| {
        let env = store
            .environments
            .get_mut(&auth.environment)
            .ok_or_else(|| {
                ApiError::coded(
                    StatusCode::BAD_REQUEST,
                    "target_deleted",
                    "The environment is gone.",
                )
            })?;
        let index = match env.intent_target(&auth.owner, &auth.slug, &auth.intent)? {
            Some(index) => index,
            None => env.add_connection(&auth.owner, integration, &auth.user_id),
        };
        let account = &mut env.connected_accounts[index];
        account.state = AccountState::Connected;
        account.labels.state_reason = None;
        account.scopes = auth.scopes.clone();
        account.forced_missing_scopes.clear();
        if let Some(name) = &auth.account_display_name {
            account.labels.account_display_name = Some(name.clone());
        }
        account.updated_at = now_iso();
        Ok(account.clone())
    })?;
    state.record_account_event(&auth.environment, AccountEvent::Connected, &account);
    Ok(account)
}

fn record_failure(state: &FakeState, ctx: &ConsentContext, error: &str, description: Option<&str>) {
    let data = json!({
        "object": "connection_failed",
        "data_integration_id": ctx.integration.id,
        "provider_slug": ctx.integration.slug,
        "user_id": ctx.auth.user_id,
        "organization_id": ctx.auth.organization_id,
        "error_code": "provider_authorization_failed",
        "error_reason": "The provider did not grant access.",
        "provider_error": error,
        "provider_error_description": description,
        "created_at": now_iso(),
    });
    let names: &[&str] = match ctx.auth.intent {
        Intent::Add => &["pipes.account_connection.add_failed"],
        _ => &[
            "pipes.connected_account.connection_failed",
            "pipes.account_connection.connection_failed",
        ],
    };
    for name in names {
        state.record_event(&ctx.auth.environment, name, data.clone());
    }
}

/// Back to the app's `return_to` (with `error` on failure), or a closing page without one.
fn finish(ctx: &ConsentContext, error: Option<(&str, Option<&str>)>) -> Response {
    let provider = providers::display_name(&ctx.integration.slug);
    let Some(return_to) = ctx
        .auth
        .return_to
        .as_deref()
        .and_then(|r| url::Url::parse(r).ok())
    else {
        let (title, message) = match error {
            None => (
                format!("{provider} connected"),
                "You can close this window.".to_string(),
            ),
            Some((code, _)) => (
                format!("{provider} not connected"),
                format!("The connection failed: {code}."),
            ),
        };
        return Html(page(
            &title,
            &format!("<h1>{}</h1><p>{}</p>", escape(&title), escape(&message)),
        ))
        .into_response();
    };
    let mut target = return_to;
    if ctx.auth.code_challenge.is_some() {
        let (key, value) = match error {
            Some(("connect_code", Some(code))) => ("connect_code", code),
            Some((code, _)) => ("error", code),
            None => ("error", "server_error"),
        };
        target
            .query_pairs_mut()
            .append_pair(key, value)
            .append_pair("state", &ctx.auth.client_state);
        return Redirect::to(target.as_str()).into_response();
    }
    if let Some((code, description)) = error {
        target.query_pairs_mut().append_pair("error", code);
        if let Some(description) = description {
            target
                .query_pairs_mut()
                .append_pair("error_description", description);
        }
    }
    Redirect::to(target.as_str()).into_response()
}
