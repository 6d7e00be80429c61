//! Sign-in (`POST /api/login`, form fields `email` and `password`),
//! sign-out (`POST /api/logout`) and the current user (`POST /api/me`).

use super::Me;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::features::accounts::store::{teams, users};
    pub use crate::features::auth::store;
    pub use crate::platform::auth::{Need, RequestCx, api};
    pub use crate::platform::{audit, password};
    pub use domain::audit::AuditAction;
    pub use domain::throttle::ThrottleDecision;
    pub use domain::validate::{Email, FieldErrors, Invalid};
}

/// A sign-in or sign-out posted by a plain HTML form (no JavaScript yet)
/// gets a redirect; the app itself reloads the page so that nothing of the
/// previous session stays in memory.
#[cfg(feature = "ssr")]
fn redirect_plain_form(to: &str) {
    let from_form = leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    });
    if from_form {
        leptos_axum::redirect(to);
    }
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let db = &cx.state.db;
        let now = cx.now();
        let policy = cx.state.settings.throttle;
        let key = email.trim().to_lowercase();
        if key.is_empty() || password.is_empty() {
            let mut e = FieldErrors::default();
            if key.is_empty() {
                e.add("email", Invalid::Required);
            }
            if password.is_empty() {
                e.add("password", Invalid::Required);
            }
            return Err(e.into());
        }
        let addr = cx.client_addr.clone().unwrap_or_else(|| "unknown".into());
        let since = policy.since(now);
        let by_account = store::failures_for_email(db, &key, since).await?;
        let by_addr = store::failures_for_addr(db, &addr, since).await?;
        if let ThrottleDecision::Locked { until } = policy.decide(&by_account, &by_addr, now) {
            return Err(AppError::Throttled {
                retry_after_secs: (until - now).num_seconds().max(1),
            });
        }
        let user = match Email::parse(&key) {
            Ok(e) => users::find_by_email(db, &e).await?,
            Err(_) => None,
        };
        let verified = match &user {
            Some(u) => password::verify(password, u.password_hash.clone()).await,
            None => {
                // Same work for an unknown account as for a wrong password.
                password::verify(password, password::dummy_hash().to_owned()).await;
                false
            }
        };
        let user = match user {
            Some(u) if verified && u.disabled_at.is_none() => u,
            other => {
                store::record_failure(db, &key, &addr, now).await?;
                let mut event = cx.event(AuditAction::LoginFailed);
                if let Some(u) = other {
                    event = event.record("user", u.id);
                }
                audit::record(db, &event).await?;
                return Err(AppError::BadCredentials);
            }
        };
        store::clear(db, &key, since).await?;
        cx.sign_in(user.id).await?;
        audit::record(
            db,
            &cx.event(AuditAction::Login)
                .by(user.id)
                .record("user", user.id),
        )
        .await?;
        redirect_plain_form("/");
        Ok(())
    })
    .await
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        if let Some(user) = cx.sign_out().await? {
            audit::record(
                &cx.state.db,
                &cx.event(AuditAction::Logout).by(user).record("user", user),
            )
            .await?;
        }
        redirect_plain_form("/login");
        Ok(())
    })
    .await
}

/// The signed-in user; `Unauthenticated` or `SessionExpired` otherwise.
#[server(prefix = "/api", endpoint = "me")]
pub async fn current_user() -> Result<Me, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::SignedIn).await?;
        let user = users::get(&cx.state.db, actor.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let team_name = teams::name(&cx.state.db, user.team_id)
            .await?
            .unwrap_or_default();
        Ok(Me {
            id: user.id,
            display_name: user.display_name,
            email: user.email,
            role: user.role,
            team_id: user.team_id,
            team_name,
        })
    })
    .await
}
