//! The one application state handed to the router and to server functions.

use super::clock::Clock;
use super::db::Db;
use axum::extract::FromRef;
use domain::session::SessionPolicy;
use domain::throttle::ThrottlePolicy;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct Settings {
    pub sessions: SessionPolicy,
    pub throttle: ThrottlePolicy,
    /// Secure, `__Host-` cookies. Off only for local plain-http use.
    pub secure_cookies: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            sessions: SessionPolicy::default(),
            throttle: ThrottlePolicy::default(),
            secure_cookies: true,
        }
    }
}

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub clock: Clock,
}

/// The client address of the request, put in the request extensions by the
/// server's middleware (from the socket, or a trusted proxy header).
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);
