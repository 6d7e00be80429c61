//! Database tests of the platform's storage, run on SQLite and PostgreSQL.

mod support;

use app::error::AppError;
use app::features::accounts::store::teams;
use app::platform::audit::{self, AuditEvent};
use app::platform::commands::{self, Applied, BumpError};
use app::platform::sessions::{self, DbSessionStore};
use chrono::Utc;
use domain::access::Actor;
use domain::audit::AuditAction;
use domain::command::{CommandMeta, Version};
use domain::{Role, TeamId, UserId};
use support::*;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};

fn admin() -> Actor {
    Actor {
        user_id: UserId::new(),
        role: Role::Admin,
        team_id: TeamId::new(),
    }
}

#[tokio::test]
async fn a_command_applies_once_whatever_the_replays() {
    for (backend, db) in backends().await {
        let actor = admin();
        let meta = CommandMeta::create();
        let id = TeamId::new();
        let create = |name: &'static str| {
            let db = db.clone();
            let actor = actor.clone();
            async move {
                commands::run(&db, &actor, &meta, "team.create", Utc::now(), move |tx| {
                    Box::pin(async move {
                        teams::insert(tx, id, name, None, Utc::now()).await?;
                        teams::view_in(tx, id).await?.ok_or(AppError::Internal)
                    })
                })
                .await
            }
        };
        let first = create("Replayed").await.expect("applies");
        assert!(matches!(first, Applied::Now(_)), "{backend}");
        // A replay (even with a different payload, as a confused client might
        // send) returns the stored first result and changes nothing.
        let again = create("Something else").await.expect("replays");
        assert_eq!(
            again,
            Applied::Replayed(first.clone().into_inner()),
            "{backend}"
        );
        let names: Vec<String> = sqlx::query_scalar("SELECT name FROM teams")
            .fetch_all(db.pool())
            .await
            .expect("teams");
        assert_eq!(names, vec!["Replayed".to_string()], "{backend}");

        // Concurrent duplicates from several devices: still applied once.
        let meta2 = CommandMeta::create();
        let id2 = TeamId::new();
        let mut tasks = Vec::new();
        for _ in 0..6 {
            let db = db.clone();
            let actor = actor.clone();
            tasks.push(tokio::spawn(async move {
                commands::run(&db, &actor, &meta2, "team.create", Utc::now(), move |tx| {
                    Box::pin(async move {
                        teams::insert(tx, id2, "Concurrent", None, Utc::now()).await?;
                        Ok(id2)
                    })
                })
                .await
            }));
        }
        let mut now = 0;
        for t in tasks {
            match t.await.expect("task") {
                Ok(Applied::Now(_)) => now += 1,
                Ok(Applied::Replayed(_)) => {}
                Err(e) => panic!("{backend}: duplicate failed: {e:?}"),
            }
        }
        assert_eq!(now, 1, "{backend}: exactly one application");

        // Another user's command id is refused, not replayed to them.
        let other = Actor {
            user_id: UserId::new(),
            ..actor.clone()
        };
        let stolen = commands::run(&db, &other, &meta, "team.create", Utc::now(), |_tx| {
            Box::pin(async { Ok(()) })
        })
        .await;
        assert_eq!(stolen, Err(AppError::CommandReused), "{backend}");
    }
}

#[tokio::test]
async fn a_failed_command_writes_nothing_and_can_be_retried() {
    for (backend, db) in backends().await {
        let actor = admin();
        let meta = CommandMeta::create();
        let id = TeamId::new();
        let failed: Result<Applied<()>, AppError> =
            commands::run(&db, &actor, &meta, "team.create", Utc::now(), move |tx| {
                Box::pin(async move {
                    teams::insert(tx, id, "Half", None, Utc::now()).await?;
                    Err(AppError::Internal)
                })
            })
            .await;
        assert!(failed.is_err());
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM teams")
            .fetch_one(db.pool())
            .await
            .expect("count");
        assert_eq!(n, 0, "{backend}: rolled back");
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commands")
            .fetch_one(db.pool())
            .await
            .expect("count");
        assert_eq!(n, 0, "{backend}: not recorded as applied");
        let retried = commands::run(&db, &actor, &meta, "team.create", Utc::now(), move |tx| {
            Box::pin(async move {
                teams::insert(tx, id, "Whole", None, Utc::now()).await?;
                Ok(())
            })
        })
        .await;
        assert_eq!(retried, Ok(Applied::Now(())), "{backend}");
    }
}

#[tokio::test]
async fn stale_versions_are_refused() {
    for (backend, db) in backends().await {
        let actor = admin();
        let id = TeamId::new();
        let mut tx = db.begin_write().await.expect("tx");
        teams::insert(&mut tx, id, "Versioned", None, Utc::now())
            .await
            .expect("insert");
        let bumped = commands::bump_version(
            &mut tx,
            "teams",
            &id.to_string(),
            Version(1),
            &actor,
            Utc::now(),
        )
        .await
        .expect("query");
        assert_eq!(bumped, Ok(Version(2)), "{backend}");
        let stale = commands::bump_version(
            &mut tx,
            "teams",
            &id.to_string(),
            Version(1),
            &actor,
            Utc::now(),
        )
        .await
        .expect("query");
        assert_eq!(
            stale,
            Err(BumpError::Stale {
                current: Version(2)
            }),
            "{backend}"
        );
        let missing = commands::bump_version(
            &mut tx,
            "teams",
            &TeamId::new().to_string(),
            Version(1),
            &actor,
            Utc::now(),
        )
        .await
        .expect("query");
        assert_eq!(missing, Err(BumpError::NotFound), "{backend}");
        tx.commit().await.expect("commit");
        let updated_by: Option<String> =
            sqlx::query_scalar("SELECT updated_by FROM teams WHERE id = $1")
                .bind(id.to_string())
                .fetch_one(db.pool())
                .await
                .expect("row");
        assert_eq!(
            updated_by,
            Some(actor.user_id.to_string()),
            "{backend}: author stamped"
        );
    }
}

#[tokio::test]
async fn concurrent_audit_appends_form_one_verifiable_chain() {
    for (backend, db) in backends().await {
        let mut tasks = Vec::new();
        for i in 0..24 {
            let db = db.clone();
            tasks.push(tokio::spawn(async move {
                let e = AuditEvent::new(Utc::now(), AuditAction::Read)
                    .by(UserId::new())
                    .record("patient", i);
                audit::record(&db, &e).await
            }));
        }
        for t in tasks {
            t.await.expect("task").expect("append");
        }
        assert_eq!(audit::verify(&db).await.expect("intact"), 24, "{backend}");
        assert_eq!(
            audit::count(&db, AuditAction::Read).await.expect("count"),
            24
        );
        // Removing the newest rows is detected against the head.
        let disable = if backend == "sqlite" {
            "DROP TRIGGER audit_log_no_delete"
        } else {
            "ALTER TABLE audit_log DISABLE TRIGGER USER"
        };
        sqlx::query(disable)
            .execute(db.pool())
            .await
            .expect("bypass");
        sqlx::query("DELETE FROM audit_log WHERE seq = 24")
            .execute(db.pool())
            .await
            .expect("delete");
        assert!(
            audit::verify(&db).await.is_err(),
            "{backend}: truncation detected"
        );
    }
}

#[tokio::test]
async fn sqlite_concurrent_writers_never_fail_busy() {
    let db = sqlite().await;
    sqlx::query("CREATE TABLE counter (n BIGINT NOT NULL)")
        .execute(db.pool())
        .await
        .expect("table");
    sqlx::query("INSERT INTO counter (n) VALUES (0)")
        .execute(db.pool())
        .await
        .expect("row");
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..25 {
                // Read then write in one transaction: with a deferred BEGIN
                // this is where SQLITE_BUSY appears under contention.
                let mut tx = db.begin_write().await?;
                let n: i64 = sqlx::query_scalar("SELECT n FROM counter")
                    .fetch_one(&mut *tx)
                    .await?;
                sqlx::query("UPDATE counter SET n = $1")
                    .bind(n + 1)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            }
            Ok::<_, sqlx::Error>(())
        }));
    }
    for t in tasks {
        t.await.expect("task").expect("no busy errors");
    }
    let n: i64 = sqlx::query_scalar("SELECT n FROM counter")
        .fetch_one(db.pool())
        .await
        .expect("n");
    assert_eq!(n, 200, "no lost updates");
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(db.pool())
        .await
        .expect("pragma");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn session_store_round_trip_and_per_user_end() {
    for (backend, db) in backends().await {
        let store = DbSessionStore::new(db.clone());
        let user = UserId::new().to_string();
        let expiry = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
        let mut rec = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: expiry,
        };
        rec.data
            .insert("auth".into(), serde_json::json!({ "user_id": user }));
        store.create(&mut rec).await.expect("create");
        let loaded = store.load(&rec.id).await.expect("load").expect("present");
        assert_eq!(loaded.data, rec.data, "{backend}");
        rec.data.insert("lang".into(), serde_json::json!("es"));
        store.save(&rec).await.expect("save");
        assert_eq!(
            store
                .load(&rec.id)
                .await
                .expect("load")
                .expect("present")
                .data["lang"],
            "es"
        );

        let mut old = Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: time::OffsetDateTime::now_utc() - time::Duration::minutes(1),
        };
        store.create(&mut old).await.expect("create");
        assert!(
            store.load(&old.id).await.expect("load").is_none(),
            "{backend}: expired is not loaded"
        );
        assert_eq!(
            store.delete_expired().await.expect("cleanup"),
            1,
            "{backend}"
        );

        assert_eq!(
            sessions::end_all_for_user(&db, &user).await.expect("end"),
            1,
            "{backend}"
        );
        assert!(store.load(&rec.id).await.expect("load").is_none());
    }
}

#[tokio::test]
async fn caseload_lists_follow_scope() {
    for (backend, db) in backends().await {
        server::seed::seed_demo(&db, Some(PASSWORD.into()))
            .await
            .expect("seed");
        let actor = |email: &'static str| {
            let db = db.clone();
            async move {
                let email = domain::validate::Email::parse(email).expect("email");
                app::features::accounts::store::users::find_by_email(&db, &email)
                    .await
                    .expect("query")
                    .expect("user")
                    .actor()
            }
        };
        let names = |list: Vec<app::features::patients::PatientSummary>| {
            list.into_iter().map(|p| p.family_name).collect::<Vec<_>>()
        };
        let chw = actor("chw@demo.test").await;
        let list = app::features::patients::store::list(&db, &chw.caseload(), 100)
            .await
            .expect("list");
        assert_eq!(names(list), vec!["Bell", "Delgado", "Rivera"], "{backend}");
        let sup = actor("supervisor@demo.test").await;
        let list = app::features::patients::store::list(&db, &sup.caseload(), 100)
            .await
            .expect("list");
        assert_eq!(list.len(), 5, "{backend}: supervisor sees team A");
        let adm = actor("admin@demo.test").await;
        let list = app::features::patients::store::list(&db, &adm.caseload(), 100)
            .await
            .expect("list");
        assert_eq!(list.len(), 7, "{backend}: admin sees all");
        let chw2 = actor("chw2@demo.test").await;
        let list = app::features::patients::store::list(&db, &chw2.caseload(), 100)
            .await
            .expect("list");
        assert_eq!(names(list), vec!["Haddad", "Nguyen"], "{backend}");
        // Re-seeding is safe: no duplicates.
        server::seed::seed_demo(&db, Some(PASSWORD.into()))
            .await
            .expect("seed again");
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(db.pool())
            .await
            .expect("count");
        assert_eq!(n, 6, "{backend}");
    }
}
