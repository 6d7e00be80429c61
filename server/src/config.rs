//! Configuration from environment variables (documented in README.md).

use app::platform::state::Settings;
use chrono::Duration;
use domain::session::SessionPolicy;
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub bind: SocketAddr,
    pub settings: Settings,
    /// Take the client address from `X-Forwarded-For` (behind a trusted proxy).
    pub trust_proxy: bool,
    pub leptos: LeptosOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|e: T::Err| ConfigError::Invalid {
            name,
            reason: e.to_string(),
        }),
    }
}

fn flag(name: &'static str, default: bool) -> Result<bool, ConfigError> {
    match var(name).map(|v| v.to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => Ok(false),
        Some(v) => Err(ConfigError::Invalid {
            name,
            reason: format!("expected true or false, got {v:?}"),
        }),
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/carelink.db";

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        // cargo-leptos bakes the output name into its builds; a plain cargo
        // build (tests, tools) reads the same LEPTOS_* variables with our
        // defaults instead.
        let baked = option_env!("LEPTOS_OUTPUT_NAME").is_some();
        let mut leptos = if baked || var("LEPTOS_OUTPUT_NAME").is_some() {
            leptos::config::get_configuration(None)
                .map_err(|e| ConfigError::Invalid {
                    name: "LEPTOS_*",
                    reason: e.to_string(),
                })?
                .leptos_options
        } else {
            let env = match var("LEPTOS_ENV").as_deref() {
                Some("PROD" | "prod" | "production") => leptos::config::Env::PROD,
                _ => leptos::config::Env::DEV,
            };
            let default_addr = SocketAddr::from(([127, 0, 0, 1], 3000));
            LeptosOptions::builder()
                .output_name("app")
                .site_root(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()))
                .site_addr(parse("LEPTOS_SITE_ADDR", default_addr)?)
                .env(env)
                .build()
        };
        let bind = match var("BIND_ADDR") {
            Some(_) => parse("BIND_ADDR", leptos.site_addr)?,
            None => leptos.site_addr,
        };
        leptos.site_addr = bind;
        let idle = parse("SESSION_IDLE_MINUTES", 15i64)?;
        let absolute = parse("SESSION_ABSOLUTE_HOURS", 12i64)?;
        if idle < 1 || absolute < 1 {
            return Err(ConfigError::Invalid {
                name: "SESSION_*",
                reason: "must be at least 1".into(),
            });
        }
        Ok(Self {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            bind,
            settings: Settings {
                sessions: SessionPolicy {
                    idle: Duration::minutes(idle),
                    absolute: Duration::hours(absolute),
                },
                secure_cookies: !flag("INSECURE_COOKIES", false)?,
                ..Settings::default()
            },
            trust_proxy: flag("TRUST_PROXY", false)?,
            leptos,
        })
    }
}
