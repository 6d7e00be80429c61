//! Storage of teams.

use crate::error::AppError;
use crate::platform::db::{Db, Tx, ts};
use chrono::{DateTime, Utc};
use domain::command::Version;
use domain::{TeamId, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::super::TeamView;

fn view_row(r: &AnyRow) -> Result<TeamView, sqlx::Error> {
    let id: String = r.try_get("id")?;
    Ok(TeamView {
        id: id
            .parse()
            .map_err(|_| sqlx::Error::Decode("bad team id".into()))?,
        name: r.try_get("name")?,
        version: Version(r.try_get("version")?),
        members: r.try_get("members")?,
        disabled: r.try_get::<Option<String>, _>("disabled_at")?.is_some(),
    })
}

const VIEW_SQL: &str = "SELECT t.id, t.name, t.version, t.disabled_at, \
     (SELECT COUNT(*) FROM users u WHERE u.team_id = t.id AND u.disabled_at IS NULL) AS members \
     FROM teams t";

pub async fn list(db: &Db) -> Result<Vec<TeamView>, AppError> {
    let rows = sqlx::query(&format!("{VIEW_SQL} ORDER BY t.name"))
        .fetch_all(db.pool())
        .await?;
    Ok(rows.iter().map(view_row).collect::<Result<_, _>>()?)
}

pub async fn view_in(tx: &mut Tx, id: TeamId) -> Result<Option<TeamView>, AppError> {
    let r = sqlx::query(&format!("{VIEW_SQL} WHERE t.id = $1"))
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(r.as_ref().map(view_row).transpose()?)
}

/// Whether the team exists and takes members (is not disabled).
pub async fn takes_members(tx: &mut Tx, id: TeamId) -> Result<bool, AppError> {
    let r: Option<String> =
        sqlx::query_scalar("SELECT id FROM teams WHERE id = $1 AND disabled_at IS NULL")
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?;
    Ok(r.is_some())
}

async fn name_taken(tx: &mut Tx, name: &str, except: Option<TeamId>) -> Result<bool, AppError> {
    let r: Option<String> =
        sqlx::query_scalar("SELECT id FROM teams WHERE lower(name) = lower($1)")
            .bind(name)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(r.is_some_and(|id| Some(id) != except.map(|e| e.to_string())))
}

/// Inserts; `Ok(false)` when the name is taken.
pub async fn insert(
    tx: &mut Tx,
    id: TeamId,
    name: &str,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if name_taken(tx, name, None).await? {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO teams (id, name, version, created_at, created_by, updated_at, updated_by) \
         VALUES ($1, $2, 1, $3, $4, $3, $4)",
    )
    .bind(id.to_string())
    .bind(name)
    .bind(ts(now))
    .bind(by.map(|b| b.to_string()))
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// Renames (after the caller bumped the version); `Ok(false)` when taken.
pub async fn rename(tx: &mut Tx, id: TeamId, name: &str) -> Result<bool, AppError> {
    if name_taken(tx, name, Some(id)).await? {
        return Ok(false);
    }
    sqlx::query("UPDATE teams SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

pub async fn name(db: &Db, id: TeamId) -> Result<Option<String>, AppError> {
    Ok(sqlx::query_scalar("SELECT name FROM teams WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?)
}

pub async fn set_disabled(
    tx: &mut Tx,
    id: TeamId,
    at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE teams SET disabled_at = $1 WHERE id = $2")
        .bind(at.map(ts))
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}
