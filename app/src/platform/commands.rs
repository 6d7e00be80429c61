//! The one write path for the whole product (design.md §8).
//!
//! [`run`] applies a command inside one write transaction: if the command id
//! was applied before, it returns the stored first result and changes
//! nothing; otherwise it runs the command's body and stores its result with
//! the id, atomically. [`bump_version`] is the optimistic-concurrency check
//! every update uses: a stale expected version is refused and the caller
//! returns the current record as a conflict.

use super::db::{Db, Tx, ts};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::access::Actor;
use domain::command::{CommandMeta, Version};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::Row;
use std::future::Future;
use std::pin::Pin;

pub type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Whether a command was applied now or had been applied before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied<T> {
    Now(T),
    Replayed(T),
}

impl<T> Applied<T> {
    pub fn into_inner(self) -> T {
        match self {
            Applied::Now(t) | Applied::Replayed(t) => t,
        }
    }
}

/// Runs `body` once per command id. `kind` names the command ("team.create").
pub async fn run<T, F>(
    db: &Db,
    actor: &Actor,
    meta: &CommandMeta,
    kind: &str,
    now: DateTime<Utc>,
    body: F,
) -> Result<Applied<T>, AppError>
where
    T: Serialize + DeserializeOwned + Send,
    F: for<'t> FnOnce(&'t mut Tx) -> BoxFut<'t, Result<T, AppError>> + Send,
{
    let mut tx = db.begin_write().await?;
    let command_id = meta.command_id.to_string();
    // Claim the id first. A concurrent duplicate blocks on the primary key
    // until this transaction ends, then finds the row and replays it (or,
    // if this one rolled back, claims the id itself).
    let claimed = sqlx::query(
        "INSERT INTO commands (id, user_id, kind, result, applied_at) VALUES ($1, $2, $3, '', $4) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(&command_id)
    .bind(actor.user_id.to_string())
    .bind(kind)
    .bind(ts(now))
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        let row = sqlx::query("SELECT user_id, kind, result FROM commands WHERE id = $1")
            .bind(&command_id)
            .fetch_one(&mut *tx)
            .await?;
        let user: String = row.try_get("user_id")?;
        let stored_kind: String = row.try_get("kind")?;
        if user != actor.user_id.to_string() || stored_kind != kind {
            return Err(AppError::CommandReused);
        }
        let result: String = row.try_get("result")?;
        let value = serde_json::from_str(&result).map_err(|e| {
            tracing::error!(error = %e, kind, "stored command result unreadable");
            AppError::Internal
        })?;
        return Ok(Applied::Replayed(value));
    }
    // An error inside the body drops the transaction: nothing half-written,
    // and the id is free for a retry.
    let value = body(&mut tx).await?;
    let result = serde_json::to_string(&value).map_err(|e| {
        tracing::error!(error = %e, kind, "command result not serializable");
        AppError::Internal
    })?;
    sqlx::query("UPDATE commands SET result = $1 WHERE id = $2")
        .bind(&result)
        .bind(&command_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Applied::Now(value))
}

/// The expected version did not match; the record is now at `current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BumpError {
    NotFound,
    Stale { current: Version },
}

/// Moves a record from `expected` to the next version and stamps who and
/// when, or refuses if someone else changed it first. `table` is one of the
/// product's own table names, never user input.
pub async fn bump_version(
    tx: &mut Tx,
    table: &'static str,
    id: &str,
    expected: Version,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Result<Version, BumpError>, AppError> {
    let sql = format!(
        "UPDATE {table} SET version = version + 1, updated_at = $1, updated_by = $2 \
         WHERE id = $3 AND version = $4"
    );
    let done = sqlx::query(&sql)
        .bind(ts(now))
        .bind(actor.user_id.to_string())
        .bind(id)
        .bind(expected.0)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 1 {
        return Ok(Ok(expected.next()));
    }
    let sql = format!("SELECT version FROM {table} WHERE id = $1");
    let current: Option<i64> = sqlx::query_scalar(&sql)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(Err(match current {
        None => BumpError::NotFound,
        Some(v) => BumpError::Stale {
            current: Version(v),
        },
    }))
}

/// Builds the typed conflict for a stale update from the current record.
pub fn conflict<V: Serialize>(current_version: Version, current: &V) -> AppError {
    match serde_json::to_string(current) {
        Ok(current) => AppError::Conflict {
            current_version: current_version.0,
            current,
        },
        Err(_) => AppError::Internal,
    }
}
