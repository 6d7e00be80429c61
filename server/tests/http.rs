//! HTTP tests against the real router: security headers, CSRF, sign-in,
//! throttling, session expiry, authorization, audit, commands, bad input.

mod support;

use app::platform::state::Settings;
use chrono::Duration;
use serde_json::json;
use support::*;

fn cmd(expected_version: Option<i64>) -> serde_json::Value {
    json!({ "command_id": uuid::Uuid::now_v7().to_string(), "expected_version": expected_version })
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let app = TestApp::new(sqlite().await).await;
    let c = app.client();
    let replies = vec![
        ("page", c.get("/login").await),
        ("health", c.get("/healthz").await),
        ("missing", c.get("/no/such/page").await),
        ("asset", c.get("/pkg/missing.js").await),
        ("server fn", c.post_json("/api/me", json!({})).await),
        ("sw", c.get("/sw.js").await),
    ];
    for (what, r) in replies {
        let h = |name: &str| {
            r.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let csp = h("content-security-policy");
        assert!(csp.contains("default-src 'self'"), "{what}: {csp}");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{what}: {csp}"
        );
        assert!(
            csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"),
            "{what}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{what}");
        assert_eq!(h("referrer-policy"), "no-referrer", "{what}");
        assert!(
            h("strict-transport-security").starts_with("max-age="),
            "{what}: HSTS in secure mode"
        );
    }
    // Rendered pages allow their inline hydration script by nonce only.
    let page = c.get("/login").await;
    let csp = page.headers["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("nonce in CSP");
    assert!(
        page.text.contains(&format!("nonce=\"{nonce}\"")),
        "page scripts carry the CSP nonce"
    );
    assert!(!page.text.contains("<script>") || page.text.matches("<script>").count() <= 1);
    assert_eq!(c.get("/no/such/page").await.status, 404);
}

#[tokio::test]
async fn no_hsts_in_local_plain_http_mode() {
    let settings = Settings {
        secure_cookies: false,
        ..Settings::default()
    };
    let app = TestApp::with_settings(sqlite().await, settings).await;
    let r = app.client().get("/login").await;
    assert!(r.headers.get("strict-transport-security").is_none());
}

#[tokio::test]
async fn cross_site_and_get_requests_to_server_functions_are_refused() {
    let app = TestApp::new(sqlite().await).await;
    let c = app.client();
    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let req = http::Request::post("/api/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "127.0.0.1:3000")
            .header(header, value)
            .body(axum::body::Body::from(format!(
                "email=admin%40demo.test&password={PASSWORD}"
            )))
            .expect("request");
        let r = c.send(req).await;
        assert_eq!(r.status, 403, "{header}: {value}");
        assert!(
            r.headers.get("set-cookie").is_none(),
            "no session for a refused request"
        );
    }
    let same = http::Request::post("/api/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "127.0.0.1:3000")
        .header("origin", "http://127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(format!(
            "email=admin%40demo.test&password={PASSWORD}"
        )))
        .expect("request");
    let r = c.send(same).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "same-origin sign-in works: {}",
        r.status
    );
    assert_eq!(c.post_json("/api/me", json!({})).await.status, 200);
    assert_eq!(c.get("/api/logout").await.status, 405);
    assert_eq!(c.get("/api/admin/users").await.status, 405);
}

#[tokio::test]
async fn login_sets_a_hardened_rotated_session_cookie() {
    let app = TestApp::new(sqlite().await).await;
    let c = app.client();
    // A session started before sign-in (language, etc.) must not survive it.
    c.cookies.lock().expect("jar").insert(
        "__Host-carelink_session".into(),
        "planted-by-attacker".into(),
    );
    let r = c.login("chw@demo.test", PASSWORD).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{} {}",
        r.status,
        r.text
    );
    let set = r
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("session cookie")
        .to_owned();
    assert!(set.starts_with("__Host-carelink_session="), "{set}");
    for attr in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(set.contains(attr), "{attr} missing in {set}");
    }
    assert!(!set.contains("Domain="), "__Host- cookies have no Domain");
    let value = c.cookies.lock().expect("jar")["__Host-carelink_session"].clone();
    assert_ne!(value, "planted-by-attacker");
    let me = c.post_json("/api/me", json!({})).await;
    assert_eq!(me.status, 200, "{}", me.text);
    assert_eq!(me.json()["email"], "chw@demo.test");
    assert!(!me.text.contains("argon2"), "no password hash on the wire");
}

#[tokio::test]
async fn wrong_passwords_get_a_clear_error_then_throttling() {
    let app = TestApp::new(sqlite().await).await;
    let c = app.client();
    let r = c.login("chw@demo.test", "wrong password here").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json(), json!("BadCredentials"));
    let unknown = c.login("nobody@demo.test", "wrong password here").await;
    assert_eq!(
        unknown.json(),
        json!("BadCredentials"),
        "unknown accounts look the same"
    );
    for _ in 0..4 {
        c.login("chw@demo.test", "wrong password here").await;
    }
    let locked = c.login("chw@demo.test", PASSWORD).await;
    assert_eq!(locked.status, 429, "{}", locked.text);
    assert!(
        locked.json()["Throttled"]["retry_after_secs"]
            .as_i64()
            .unwrap_or(0)
            > 0
    );
    // Another account from the same address is not locked yet.
    assert!(
        app.client()
            .login("navigator@demo.test", PASSWORD)
            .await
            .status
            .is_success()
    );
    // After the window the account works again.
    app.clock.advance(Duration::minutes(16));
    let ok = c.login("chw@demo.test", PASSWORD).await;
    assert!(ok.status.is_success(), "{} {}", ok.status, ok.text);
    let empty = c.login("", "").await;
    assert_eq!(empty.status, 400);
    assert_eq!(empty.json()["Invalid"][0]["field"], "email");
}

#[tokio::test]
async fn sessions_expire_when_idle_and_absolutely() {
    let app = TestApp::new(sqlite().await).await;
    let c = app.signed_in("supervisor@demo.test").await;
    app.clock.advance(Duration::minutes(14));
    assert_eq!(
        c.post_json("/api/me", json!({})).await.status,
        200,
        "activity within 15 minutes"
    );
    app.clock.advance(Duration::minutes(14));
    assert_eq!(
        c.post_json("/api/me", json!({})).await.status,
        200,
        "the idle timer slid"
    );
    app.clock.advance(Duration::minutes(16));
    let r = c.post_json("/api/me", json!({})).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json(), json!("SessionExpired"));
    assert_eq!(
        c.post_json("/api/me", json!({})).await.json(),
        json!("Unauthenticated"),
        "session is gone"
    );

    let c = app.signed_in("supervisor@demo.test").await;
    for _ in 0..71 {
        app.clock.advance(Duration::minutes(10));
        assert_eq!(c.post_json("/api/me", json!({})).await.status, 200);
    }
    app.clock.advance(Duration::minutes(10));
    assert_eq!(
        c.post_json("/api/me", json!({})).await.json(),
        json!("SessionExpired"),
        "12 h absolute limit"
    );
}

#[tokio::test]
async fn logout_and_disabling_end_sessions() {
    let app = TestApp::new(sqlite().await).await;
    let c = app.signed_in("chw@demo.test").await;
    let stolen = c.cookies.lock().expect("jar").clone();
    let out = c.post_form("/api/logout", &[]).await;
    assert!(
        out.status.is_success() || out.status.is_redirection(),
        "{}",
        out.status
    );
    let thief = app.client();
    *thief.cookies.lock().expect("jar") = stolen;
    assert_eq!(
        thief.post_json("/api/me", json!({})).await.status,
        401,
        "old cookie is dead after logout"
    );

    let victim = app.signed_in("navigator@demo.test").await;
    let admin = app.signed_in("admin@demo.test").await;
    let (id, version) = user_row(&app.db, "navigator@demo.test").await;
    let r = admin
        .post_json(
            "/api/admin/users/disable",
            json!({ "meta": cmd(Some(version)), "id": id, "disabled": true }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["disabled"], true);
    assert_eq!(
        victim.post_json("/api/me", json!({})).await.status,
        401,
        "disabled user is signed out"
    );
    assert_eq!(
        app.client()
            .login("navigator@demo.test", PASSWORD)
            .await
            .json(),
        json!("BadCredentials")
    );
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
        .bind(&id)
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn oversize_and_malformed_requests_get_clear_errors() {
    let app = TestApp::new(sqlite().await).await;
    let admin = app.signed_in("admin@demo.test").await;
    let big = "x".repeat(server::MAX_BODY_BYTES + 1);
    let r = admin
        .post_json(
            "/api/admin/teams/create",
            json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(), "name": big }),
        )
        .await;
    assert_eq!(r.status, 413);
    let r = admin
        .send(
            http::Request::post("/api/admin/teams/create")
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{not json"))
                .expect("request"),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    let r = admin
        .post_json(
            "/api/admin/teams/create",
            json!({ "meta": cmd(None), "id": "not-a-uuid", "name": "X" }),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    let r = admin
        .post_json("/api/patients/get", json!({ "id": uuid::Uuid::now_v7() }))
        .await;
    assert_eq!(r.status, 404, "{}", r.text);
}

#[tokio::test]
async fn commands_are_idempotent_and_versioned_over_http() {
    for (backend, db) in backends().await {
        let app = TestApp::new(db).await;
        let admin = app.signed_in("admin@demo.test").await;
        let id = uuid::Uuid::now_v7().to_string();
        let meta = cmd(None);
        let body = json!({ "meta": meta, "id": id, "name": "Team Z" });
        let first = admin
            .post_json("/api/admin/teams/create", body.clone())
            .await;
        assert_eq!(first.status, 200, "{backend}: {}", first.text);
        let again = admin.post_json("/api/admin/teams/create", body).await;
        assert_eq!(
            again.text, first.text,
            "{backend}: a replay returns the first result"
        );
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM teams WHERE name = 'Team Z'")
            .fetch_one(app.db.pool())
            .await
            .expect("count");
        assert_eq!(n, 1, "{backend}: applied once");

        let rename = |name: &str, v: i64| json!({ "meta": cmd(Some(v)), "id": id, "name": name });
        let r = admin
            .post_json("/api/admin/teams/rename", rename("Team Zed", 1))
            .await;
        assert_eq!(r.json()["version"], 2, "{backend}: {}", r.text);
        let stale = admin
            .post_json("/api/admin/teams/rename", rename("Team Zulu", 1))
            .await;
        assert_eq!(stale.status, 409, "{backend}");
        let conflict = &stale.json()["Conflict"];
        assert_eq!(conflict["current_version"], 2);
        let current: serde_json::Value =
            serde_json::from_str(conflict["current"].as_str().expect("current")).expect("json");
        assert_eq!(
            current["name"], "Team Zed",
            "{backend}: the conflict carries the current record"
        );

        // A duplicate name is a field error, and nothing is half-written.
        let dup = admin
            .post_json(
                "/api/admin/teams/create",
                json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(), "name": "team zed" }),
            )
            .await;
        assert_eq!(dup.status, 400);
        assert_eq!(
            dup.json()["Invalid"][0],
            json!({ "field": "name", "problem": "already_taken" })
        );
    }
}

/// Team B markers that must never reach a non-admin user of team A.
const TEAM_B_MARKERS: &[&str] = &[
    "Haddad",
    "Nguyen",
    "Riverside",
    "chw2@demo.test",
    "Kim Health Worker",
];

#[tokio::test]
async fn authorization_matrix_team_a_gets_nothing_of_team_b() {
    for (backend, db) in backends().await {
        let app = TestApp::new(db).await;
        let b_patient = patient_id(&app.db, "Haddad").await;
        let a_other = patient_id(&app.db, "Okafor").await; // team A, not on the CHW's caseload
        let (b_user, b_version) = user_row(&app.db, "chw2@demo.test").await;
        let (b_team, b_team_version) = team_id(&app.db, "Team B").await;
        let (a_team, _) = team_id(&app.db, "Team A").await;

        // Every server function the app registers, with a request aimed at team B.
        let calls: Vec<(&str, serde_json::Value)> = vec![
            ("/api/me", json!({})),
            ("/api/patients/mine", json!({})),
            ("/api/patients/get", json!({ "id": b_patient })),
            ("/api/patients/access-log", json!({ "id": b_patient })),
            ("/api/admin/users", json!({})),
            ("/api/admin/teams", json!({})),
            (
                "/api/admin/teams/create",
                json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(), "name": "Sneaky" }),
            ),
            (
                "/api/admin/teams/rename",
                json!({ "meta": cmd(Some(b_team_version)), "id": b_team, "name": "Owned" }),
            ),
            (
                "/api/admin/users/create",
                json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(), "draft": {
                    "email": "x@demo.test", "display_name": "X", "role": "admin", "team_id": b_team, "password": "long enough password" } }),
            ),
            (
                "/api/admin/users/update",
                json!({ "meta": cmd(Some(b_version)), "id": b_user, "draft": {
                    "email": "", "display_name": "Owned", "role": "admin", "team_id": a_team, "password": "" } }),
            ),
            (
                "/api/admin/users/disable",
                json!({ "meta": cmd(Some(b_version)), "id": b_user, "disabled": true }),
            ),
            (
                "/api/admin/teams/disable",
                json!({ "meta": cmd(Some(b_team_version)), "id": b_team, "disabled": true }),
            ),
            ("/api/team/members", json!({})),
            (
                "/api/patients/create",
                json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(), "confirm_duplicate": false, "draft": {
                    "given_name": "Omar", "family_name": "Haddad", "date_of_birth": "1969-03-17",
                    "phones": ["971-555-0201"], "chw": b_user } }),
            ),
            ("/api/logout", json!(null)),
            ("/api/login", json!(null)),
        ];
        let registered: std::collections::BTreeSet<String> =
            leptos::server_fn::axum::server_fn_paths()
                .map(|(p, _)| p.to_owned())
                .collect();
        let covered: std::collections::BTreeSet<String> =
            calls.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(
            registered, covered,
            "every server function must be in the authorization matrix"
        );

        for email in [
            "chw@demo.test",
            "casemanager@demo.test",
            "navigator@demo.test",
            "supervisor@demo.test",
        ] {
            for (path, body) in &calls {
                let c = app.signed_in(email).await;
                let r = match *path {
                    "/api/login" => c.login(email, PASSWORD).await,
                    "/api/logout" => c.post_form(path, &[]).await,
                    _ => c.post_json(path, body.clone()).await,
                };
                for marker in TEAM_B_MARKERS {
                    assert!(
                        !r.text.contains(marker),
                        "{backend} {email} {path} leaked {marker}: {}",
                        r.text
                    );
                }
                let targeted = path.contains("/admin/")
                    || path.ends_with("/get")
                    || path.ends_with("/access-log");
                if targeted {
                    assert_eq!(r.status, 403, "{backend} {email} {path}: {}", r.text);
                }
            }
            // Within team A: only patients on one's own caseload (supervisors see the team).
            let c = app.signed_in(email).await;
            let r = c
                .post_json("/api/patients/get", json!({ "id": a_other }))
                .await;
            let expected = if email == "supervisor@demo.test" || email == "casemanager@demo.test" {
                200
            } else {
                403
            };
            assert_eq!(r.status, expected, "{backend} {email} Okafor: {}", r.text);
        }
        // Nothing was changed by the refused calls.
        let owned: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM teams WHERE name IN ('Owned', 'Sneaky')")
                .fetch_one(app.db.pool())
                .await
                .expect("count");
        assert_eq!(owned, 0);
        // An admin sees everything.
        let admin = app.signed_in("admin@demo.test").await;
        assert_eq!(
            admin
                .post_json("/api/patients/get", json!({ "id": b_patient }))
                .await
                .status,
            200
        );
    }
}

#[tokio::test]
async fn audit_rows_are_written_verified_and_tampering_is_detected() {
    for (backend, db) in backends().await {
        let app = TestApp::new(db).await;
        let rosa = patient_id(&app.db, "Delgado").await;
        let chw = app.signed_in("chw@demo.test").await;
        assert_eq!(
            chw.post_json("/api/patients/get", json!({ "id": rosa }))
                .await
                .status,
            200
        );
        chw.post_form("/api/logout", &[]).await;
        app.client().login("chw@demo.test", "bad password!!").await;

        let sup = app.signed_in("supervisor@demo.test").await;
        let log = sup
            .post_json("/api/patients/access-log", json!({ "id": rosa }))
            .await;
        assert_eq!(log.status, 200, "{backend}: {}", log.text);
        let rows = log.json();
        let rows = rows.as_array().expect("rows");
        assert!(
            rows.iter().any(|r| r["action"] == "read"
                && r["user_email"] == "chw@demo.test"
                && r["record_type"] == "patient"),
            "{backend}: the CHW's read is listed: {rows:?}"
        );
        // The CHW may not see who accessed the record.
        let chw = app.signed_in("chw@demo.test").await;
        assert_eq!(
            chw.post_json("/api/patients/access-log", json!({ "id": rosa }))
                .await
                .status,
            403
        );

        let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY seq")
            .fetch_all(app.db.pool())
            .await
            .expect("audit");
        for a in ["login", "logout", "login_failed", "read"] {
            assert!(
                actions.iter().any(|x| x == a),
                "{backend}: {a} audited: {actions:?}"
            );
        }
        let n = app::platform::audit::verify(&app.db)
            .await
            .expect("intact chain");
        assert_eq!(n as usize, actions.len());

        // The table refuses edits...
        let refused = sqlx::query("UPDATE audit_log SET user_id = NULL WHERE seq = 1")
            .execute(app.db.pool())
            .await;
        assert!(refused.is_err(), "{backend}: audit_log is append-only");
        // ...and an edit made by going around the triggers is detected.
        match backend {
            "sqlite" => {
                sqlx::query("DROP TRIGGER audit_log_no_update")
                    .execute(app.db.pool())
                    .await
                    .expect("drop");
            }
            _ => {
                sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER USER")
                    .execute(app.db.pool())
                    .await
                    .expect("disable");
            }
        }
        sqlx::query("UPDATE audit_log SET client_addr = '10.9.9.9' WHERE seq = 2")
            .execute(app.db.pool())
            .await
            .expect("tamper");
        let err = app::platform::audit::verify(&app.db)
            .await
            .expect_err("tampering detected");
        assert!(err.to_string().contains("row 2"), "{backend}: {err}");
    }
}

#[tokio::test]
async fn teams_with_members_cannot_be_disabled_and_disabled_teams_take_no_members() {
    let app = TestApp::new(sqlite().await).await;
    let admin = app.signed_in("admin@demo.test").await;
    let (b_team, v) = team_id(&app.db, "Team B").await;
    let r = admin
        .post_json(
            "/api/admin/teams/disable",
            json!({ "meta": cmd(Some(v)), "id": b_team, "disabled": true }),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(
        r.json()["Invalid"][0],
        json!({ "field": "disabled", "problem": "has_active_members" })
    );

    let id = uuid::Uuid::now_v7().to_string();
    let made = admin
        .post_json(
            "/api/admin/teams/create",
            json!({ "meta": cmd(None), "id": id, "name": "Retired" }),
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.text);
    let r = admin
        .post_json(
            "/api/admin/teams/disable",
            json!({ "meta": cmd(Some(1)), "id": id, "disabled": true }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["disabled"], true);
    let draft = json!({ "email": "late@demo.test", "display_name": "Late", "role": "chw", "team_id": id, "password": "long enough password" });
    let r = admin
        .post_json(
            "/api/admin/users/create",
            json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(), "draft": draft }),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(
        r.json()["Invalid"][0],
        json!({ "field": "team_id", "problem": "unknown_choice" })
    );
}

fn draft(given: &str, family: &str, dob: &str, phone: &str) -> serde_json::Value {
    json!({ "given_name": given, "family_name": family, "date_of_birth": dob, "phones": [phone] })
}

#[tokio::test]
async fn creating_patients_with_duplicate_check_and_scope() {
    for (backend, db) in backends().await {
        let app = TestApp::new(db).await;
        let chw = app.signed_in("chw@demo.test").await;
        let id = uuid::Uuid::now_v7().to_string();
        let body = json!({ "meta": cmd(None), "id": id, "confirm_duplicate": false,
            "draft": draft("Ana", "Soto", "1980-02-29", "(503) 555-0199") });
        let r = chw.post_json("/api/patients/create", body.clone()).await;
        assert_eq!(r.status, 200, "{backend}: {}", r.text);
        assert_eq!(r.json()["Created"]["family_name"], "Soto");
        assert_eq!(
            chw.post_json("/api/patients/create", body).await.text,
            r.text,
            "{backend}: replay"
        );
        let mine = chw.post_json("/api/patients/mine", json!({})).await;
        assert!(
            mine.text.contains("Soto"),
            "{backend}: the creator carries the patient"
        );

        // Same name and birth date: stopped with the match shown.
        let again = json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(), "confirm_duplicate": false,
            "draft": draft(" ana ", "SOTO", "1980-02-29", "") });
        let r = chw.post_json("/api/patients/create", again.clone()).await;
        let dups = &r.json()["PossibleDuplicates"];
        assert_eq!(
            dups[0]["reason"], "same_name_and_birth_date",
            "{backend}: {}",
            r.text
        );
        assert_eq!(dups[0]["visible"]["id"], id.as_str());
        let mut confirmed = again.clone();
        confirmed["confirm_duplicate"] = json!(true);
        let r = chw.post_json("/api/patients/create", confirmed).await;
        assert!(
            r.json()["Created"].is_object(),
            "{backend}: created anyway: {}",
            r.text
        );

        // A match in another team is reported without any of its data.
        let other = app.signed_in("chw2@demo.test").await;
        let r = other
            .post_json("/api/patients/create", json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(),
                "confirm_duplicate": false, "draft": draft("Someone", "Else", "", "503.555.0199") }))
            .await;
        let dups = &r.json()["PossibleDuplicates"];
        assert_eq!(dups[0]["reason"], "same_phone", "{backend}: {}", r.text);
        assert!(dups[0]["visible"].is_null());
        assert!(!r.text.contains("Soto"), "{backend}: no leak across teams");

        // Field errors, all at once; nothing written.
        let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM patients")
            .fetch_one(app.db.pool())
            .await
            .expect("n");
        let r = chw
            .post_json(
                "/api/patients/create",
                json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(),
                "confirm_duplicate": false, "draft": { "given_name": "", "family_name": "X",
                "date_of_birth": "2999-01-01", "phones": ["12345"], "no_fixed_address": true } }),
            )
            .await;
        assert_eq!(r.status, 400, "{backend}");
        let fields: Vec<String> = r.json()["Invalid"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| e["field"].as_str().unwrap_or("").to_owned())
            .collect();
        assert_eq!(
            fields,
            vec!["given_name", "date_of_birth", "phones.0", "where_to_find"],
            "{backend}"
        );
        let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM patients")
            .fetch_one(app.db.pool())
            .await
            .expect("n");
        assert_eq!(before, after);

        // Care-team members must be colleagues in the right role.
        let (b_user, _) = user_row(&app.db, "chw2@demo.test").await;
        let (nav, _) = user_row(&app.db, "navigator@demo.test").await;
        let mut d = draft("Lu", "Chen", "1990-05-05", "");
        d["chw"] = json!(b_user);
        d["housing_navigator"] = json!(nav);
        let r = chw.post_json("/api/patients/create", json!({ "meta": cmd(None), "id": uuid::Uuid::now_v7(), "confirm_duplicate": false, "draft": d })).await;
        assert_eq!(
            r.json()["Invalid"],
            json!([{ "field": "chw", "problem": "unknown_choice" }]),
            "{backend}: {}",
            r.text
        );
        let members = chw.post_json("/api/team/members", json!({})).await;
        assert!(
            members.text.contains("Nia Navigator") && !members.text.contains("Kim Health Worker"),
            "{backend}"
        );
    }
}
