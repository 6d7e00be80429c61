//! Test support: real databases (a fresh SQLite file, and a fresh
//! PostgreSQL database when TEST_POSTGRES_URL is set), the real router, and a
//! small cookie-keeping client.
#![allow(dead_code)]

use app::platform::clock::{Clock, ManualClock};
use app::platform::db::Db;
use app::platform::state::Settings;
use axum::Router;
use axum::body::Body;
use chrono::Utc;
use http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

pub const PASSWORD: &str = "test-password-2026";

/// A fresh, migrated SQLite database in a temporary file.
pub async fn sqlite() -> Db {
    let dir = std::env::temp_dir().join("carelink-tests");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{}.db", uuid::Uuid::now_v7()));
    let db = Db::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("sqlite connects");
    db.migrate().await.expect("sqlite migrates");
    db
}

/// A fresh, migrated PostgreSQL database, or `None` when no server is
/// configured (then REQUIRE_POSTGRES makes it a failure, as in CI).
pub async fn postgres() -> Option<Db> {
    let Ok(base) = std::env::var("TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("REQUIRE_POSTGRES").is_err(),
            "REQUIRE_POSTGRES is set but TEST_POSTGRES_URL is not"
        );
        eprintln!("TEST_POSTGRES_URL not set: skipping the PostgreSQL run of this test");
        return None;
    };
    let admin = Db::connect(&base).await.expect("postgres connects");
    let name = format!("t_{}", uuid::Uuid::now_v7().simple());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(admin.pool())
        .await
        .expect("create database");
    admin.close().await;
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("TEST_POSTGRES_URL must end in /database"),
    };
    let db = Db::connect(&url).await.expect("test database connects");
    db.migrate().await.expect("postgres migrates");
    Some(db)
}

/// Every backend this run can reach: SQLite always, PostgreSQL when set up.
pub async fn backends() -> Vec<(&'static str, Db)> {
    let mut v = vec![("sqlite", sqlite().await)];
    if let Some(pg) = postgres().await {
        v.push(("postgres", pg));
    }
    v
}

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    pub clock: ManualClock,
    pub secure: bool,
}

impl TestApp {
    pub async fn new(db: Db) -> Self {
        Self::with_settings(db, Settings::default()).await
    }

    pub async fn with_settings(db: Db, settings: Settings) -> Self {
        server::seed::seed_demo(&db, Some(PASSWORD.into()))
            .await
            .expect("seed");
        let (clock, manual) = Clock::manual(Utc::now());
        let secure = settings.secure_cookies;
        let options = LeptosOptions::builder().output_name("app").build();
        let state = server::state(options, db.clone(), settings, clock);
        Self {
            router: server::router(state, false),
            db,
            clock: manual,
            secure,
        }
    }

    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookies: Arc::new(Mutex::new(BTreeMap::new())),
        }
    }

    /// A client signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Client {
        let c = self.client();
        let r = c.login(email, PASSWORD).await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "login {email}: {} {}",
            r.status,
            r.text
        );
        c
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or(serde_json::Value::Null)
    }
}

#[derive(Clone)]
pub struct Client {
    router: Router,
    pub cookies: Arc<Mutex<BTreeMap<String, String>>>,
}

impl Client {
    pub async fn send(&self, mut req: Request<Body>) -> Reply {
        let cookie = self
            .cookies
            .lock()
            .expect("cookie jar")
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        if !cookie.is_empty() {
            req.headers_mut()
                .insert(http::header::COOKIE, cookie.parse().expect("cookie header"));
        }
        let res: Response<Body> = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router answers");
        let status = res.status();
        let headers = res.headers().clone();
        for sc in headers.get_all(http::header::SET_COOKIE) {
            let s = sc.to_str().unwrap_or_default();
            let pair = s.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                let expired = s.to_ascii_lowercase().contains("max-age=0");
                let mut jar = self.cookies.lock().expect("cookie jar");
                if expired || v.is_empty() {
                    jar.remove(k);
                } else {
                    jar.insert(k.to_owned(), v.to_owned());
                }
            }
        }
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn post_json(&self, path: &str, body: serde_json::Value) -> Reply {
        let body = body.to_string();
        self.send(
            Request::post(path)
                .header("content-type", "application/json")
                .header("content-length", body.len())
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Reply {
        let body = form
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(
            Request::post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.post_form("/api/login", &[("email", email), ("password", password)])
            .await
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Ids of seeded records, by a readable key.
pub async fn patient_id(db: &Db, family_name: &str) -> String {
    sqlx::query_scalar("SELECT id FROM patients WHERE family_name = $1")
        .bind(family_name)
        .fetch_one(db.pool())
        .await
        .expect("seeded patient")
}

pub async fn user_row(db: &Db, email: &str) -> (String, i64) {
    let id: String = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(db.pool())
        .await
        .expect("seeded user");
    let v: i64 = sqlx::query_scalar("SELECT version FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(db.pool())
        .await
        .expect("version");
    (id, v)
}

pub async fn team_id(db: &Db, starts: &str) -> (String, i64) {
    let row: (String, i64) = sqlx::query_as("SELECT id, version FROM teams WHERE name LIKE $1")
        .bind(format!("{starts}%"))
        .fetch_one(db.pool())
        .await
        .expect("seeded team");
    row
}
