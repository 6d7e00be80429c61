//! The axum server: router, HTTP layers and command-line tasks. `main.rs`
//! only parses the command line; everything here is testable in-process.

pub mod config;
pub mod pwa;
pub mod security;
pub mod seed;

use app::platform::clock::Clock;
use app::platform::db::Db;
use app::platform::sessions::DbSessionStore;
use app::platform::state::{AppState, Settings};
use app::{App, shell};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use leptos::prelude::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Largest request body accepted (forms and commands are small).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

pub fn state(leptos_options: LeptosOptions, db: Db, settings: Settings, clock: Clock) -> AppState {
    AppState {
        leptos_options,
        db,
        settings: Arc::new(settings),
        clock,
    }
}

/// Session cookie name: `__Host-` prefixed (Secure, host-only, path /) unless
/// the local plain-http switch is on.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-carelink_session"
    } else {
        "carelink_session"
    }
}

pub fn router(state: AppState, trust_proxy: bool) -> Router {
    let secure = state.settings.secure_cookies;
    let absolute = state.settings.sessions.absolute.num_seconds();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(session_cookie_name(secure))
        .with_secure(secure)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(absolute)));
    let routes = generate_route_list(App);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/sw.js", get(pwa::service_worker))
        .route("/app-shell", get(pwa::app_shell))
        .leptos_routes_with_context(&state, routes, || {}, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(server_fn_status))
        .layer(sessions)
        .layer(axum::middleware::from_fn(security::reject_cross_site))
        .layer(axum::middleware::from_fn_with_state(
            trust_proxy,
            security::client_addr,
        ))
        .layer(axum::middleware::from_fn_with_state(
            secure,
            security::headers,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(refuse_oversize))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Answers an oversize body with 413 and a clear message up front (the
/// body-limit layer still guards bodies sent without a length).
async fn refuse_oversize(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        let msg = format!(
            "request body too large (limit {} KB)",
            MAX_BODY_BYTES / 1024
        );
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            axum::Json(serde_json::json!({ "error": msg })),
        )
            .into_response();
    }
    next.run(req).await
}

/// Errors raised by the server-function framework itself (a body that does
/// not decode, a missing argument) arrive as 500 with the typed error in the
/// body; give them the status their kind means (400 for bad input).
async fn server_fn_status(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return axum::response::Response::from_parts(parts, axum::body::Body::empty());
    };
    if let Ok(e) = serde_json::from_slice::<app::error::AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(e.status())
    {
        parts.status = status;
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(serde_json::json!({"status": "ok", "database": "ok"})),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "degraded", "database": "unreachable"})),
            )
        }
    }
}

/// Deletes expired sessions every few minutes.
pub fn spawn_session_cleanup(db: Db) {
    tokio::spawn(async move {
        let store = DbSessionStore::new(db);
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(300));
        loop {
            tick.tick().await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!(error = %e, "session cleanup failed");
            }
        }
    });
}
