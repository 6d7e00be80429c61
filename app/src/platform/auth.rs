//! The request context of a server function and the single authorization
//! check. Every server function starts with [`RequestCx::load`] and
//! [`RequestCx::authorize`]; nothing else decides who may see what.

use super::audit::AuditEvent;
use super::sessions::AUTH_KEY;
use super::state::{AppState, ClientAddr};
use crate::error::AppError;
use crate::features::accounts::store::users;
use crate::features::patients::store as patients;
use chrono::{DateTime, Duration, Utc};
use domain::access::Actor;
use domain::audit::AuditAction;
use domain::session::{SessionState, SessionTimes};
use domain::{PatientId, UserId};
use leptos::prelude::use_context;
use serde::{Deserialize, Serialize};
use std::future::Future;
use tower_sessions::Session;

/// What the session holds about the signed-in user.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuthData {
    pub user_id: UserId,
    #[serde(flatten)]
    pub times: SessionTimes,
}

/// What a server function needs the caller to be allowed.
#[derive(Clone, Copy, Debug)]
pub enum Need {
    SignedIn,
    Admin,
    /// Read or change this patient's data.
    Patient(PatientId),
    /// See who accessed this patient's data.
    PatientAudit(PatientId),
}

/// How often the idle timer is written back (seconds). Finer than any
/// useful idle timeout, coarse enough not to write on every request.
const TOUCH_EVERY_SECS: i64 = 20;

#[derive(Clone, Debug)]
pub struct RequestCx {
    pub state: AppState,
    pub session: Session,
    pub client_addr: Option<String>,
}

impl RequestCx {
    pub fn load() -> Result<Self, AppError> {
        let state = use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from server-function context");
            AppError::Internal
        })?;
        let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
        let session = parts.extensions.get::<Session>().cloned().ok_or_else(|| {
            tracing::error!("session layer missing");
            AppError::Internal
        })?;
        let client_addr = parts.extensions.get::<ClientAddr>().map(|a| a.0.clone());
        Ok(Self {
            state,
            session,
            client_addr,
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.state.clock.now()
    }

    pub fn event(&self, action: AuditAction) -> AuditEvent {
        AuditEvent::new(self.now(), action).from_addr(self.client_addr.clone())
    }

    async fn auth_data(&self) -> Result<Option<AuthData>, AppError> {
        self.session.get::<AuthData>(AUTH_KEY).await.map_err(|e| {
            tracing::warn!(error = %e, "unreadable session");
            AppError::Unauthenticated
        })
    }

    /// The signed-in user, with idle and absolute timeouts enforced here on
    /// the server. A disabled user, or one removed, is signed out.
    pub async fn actor(&self) -> Result<Actor, AppError> {
        let Some(mut auth) = self.auth_data().await? else {
            return Err(AppError::Unauthenticated);
        };
        let now = self.now();
        match self.state.settings.sessions.state(&auth.times, now) {
            SessionState::Active => {}
            SessionState::IdleExpired | SessionState::AbsoluteExpired => {
                let _ = self.session.flush().await;
                return Err(AppError::SessionExpired);
            }
        }
        let Some(user) = users::get(&self.state.db, auth.user_id).await? else {
            let _ = self.session.flush().await;
            return Err(AppError::Unauthenticated);
        };
        if user.disabled_at.is_some() {
            let _ = self.session.flush().await;
            return Err(AppError::Unauthenticated);
        }
        if now - auth.times.last_seen_at >= Duration::seconds(TOUCH_EVERY_SECS) {
            auth.times.last_seen_at = now;
            self.session
                .insert(AUTH_KEY, &auth)
                .await
                .map_err(|_| AppError::Internal)?;
        }
        Ok(user.actor())
    }

    /// The one authorization check: role and caseload scope.
    pub async fn authorize(&self, need: Need) -> Result<Actor, AppError> {
        let actor = self.actor().await?;
        let allowed = match need {
            Need::SignedIn => true,
            Need::Admin => actor.may_administer(),
            Need::Patient(id) | Need::PatientAudit(id) => {
                let Some(scope) = patients::scope(&self.state.db, id).await? else {
                    return Err(AppError::NotFound);
                };
                match need {
                    Need::PatientAudit(_) => actor.may_review_audit_of(&scope),
                    _ => actor.may_access_patient(&scope),
                }
            }
        };
        if allowed {
            Ok(actor)
        } else {
            tracing::info!(user = %actor.user_id, ?need, "access refused");
            Err(AppError::Forbidden)
        }
    }

    /// Signs `user` in: a fresh session id (no fixation), times started now.
    pub async fn sign_in(&self, user: UserId) -> Result<(), AppError> {
        self.session
            .cycle_id()
            .await
            .map_err(|_| AppError::Internal)?;
        let now = self.now();
        let auth = AuthData {
            user_id: user,
            times: SessionTimes {
                signed_in_at: now,
                last_seen_at: now,
            },
        };
        self.session
            .insert(AUTH_KEY, &auth)
            .await
            .map_err(|_| AppError::Internal)
    }

    pub async fn sign_out(&self) -> Result<Option<UserId>, AppError> {
        let user = self.auth_data().await.ok().flatten().map(|a| a.user_id);
        self.session.flush().await.map_err(|_| AppError::Internal)?;
        Ok(user)
    }
}

/// Runs a server function's body and sets the HTTP status from its error,
/// so scripts and tests see 401/403/404/409/429 rather than a blanket 500.
/// During server rendering the same functions run in-process; there the
/// page's own status is left alone.
pub async fn api<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let is_call =
        use_context::<http::request::Parts>().is_some_and(|p| p.uri.path().starts_with("/api/"));
    let response = use_context::<leptos_axum::ResponseOptions>().filter(|_| is_call);
    let result = body.await;
    if let (Err(e), Some(response)) = (&result, response)
        && let Ok(status) = http::StatusCode::from_u16(e.status())
    {
        response.set_status(status);
    }
    result
}
