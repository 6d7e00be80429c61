//! The server binary's admin tasks, run as a user would run them.

use std::process::Command;

fn server(db: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_server"));
    c.env("DATABASE_URL", db).env("RUST_LOG", "warn");
    c
}

fn run(c: &mut Command) -> (bool, String) {
    let out = c.output().expect("server binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn migrate_seed_create_user_backup_and_audit_verify() {
    let dir = std::env::temp_dir().join(format!("carelink-cli-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = format!("sqlite://{}/app.db", dir.display());

    let (ok, out) = run(server(&db).arg("migrate"));
    assert!(ok, "{out}");
    let (ok, out) = run(server(&db).arg("seed-demo"));
    assert!(ok, "{out}");
    assert!(
        out.contains("password for every demo user: ") && out.contains("chw2@demo.test"),
        "{out}"
    );

    let mut c = server(&db);
    c.args([
        "create-user",
        "--email",
        "Lee@Clinic.test",
        "--name",
        "Lee Park",
        "--role",
        "case_manager",
        "--team",
        "Team C",
    ]);
    let (ok, out) = run(&mut c);
    assert!(
        ok && out.contains("created lee@clinic.test") && out.contains("password: "),
        "{out}"
    );
    let mut bad = server(&db);
    bad.args([
        "create-user",
        "--email",
        "x@clinic.test",
        "--name",
        "X",
        "--role",
        "boss",
        "--team",
        "T",
    ]);
    assert!(!run(&mut bad).0, "an unknown role is refused");

    let backup = dir.join("backup.db");
    let (ok, out) = run(server(&db).arg("backup").arg(&backup));
    assert!(ok, "{out}");
    let (ok, out) =
        run(server(&format!("sqlite://{}", backup.display())).args(["audit", "verify"]));
    assert!(
        ok && out.contains("audit log intact"),
        "the backup is a usable database: {out}"
    );
    let (ok, _) = run(server(&db).arg("backup").arg(&backup));
    assert!(!ok, "an existing backup file is not overwritten");

    let (ok, out) = run(server(&db).args(["audit", "verify"]));
    assert!(ok, "{out}");
}

#[test]
fn audit_verify_fails_on_a_tampered_log() {
    let dir = std::env::temp_dir().join(format!("carelink-cli-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("app.db");
    let db = format!("sqlite://{}", path.display());
    assert!(run(server(&db).arg("seed-demo")).0);
    // Write two audit rows through the app's own path, then tamper by hand.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let conn = app::platform::db::Db::connect(&db).await.expect("db");
        for _ in 0..2 {
            let e = app::platform::audit::AuditEvent::new(
                chrono::Utc::now(),
                domain::audit::AuditAction::Read,
            )
            .record("patient", "p1");
            app::platform::audit::record(&conn, &e)
                .await
                .expect("append");
        }
        sqlx::query("DROP TRIGGER audit_log_no_delete")
            .execute(conn.pool())
            .await
            .expect("bypass");
        sqlx::query("DELETE FROM audit_log WHERE seq = 1")
            .execute(conn.pool())
            .await
            .expect("delete");
        conn.close().await;
    });
    let (ok, out) = run(server(&db).args(["audit", "verify"]));
    assert!(!ok, "tampering must fail the check");
    assert!(out.contains("AUDIT LOG TAMPERED"), "{out}");
}
