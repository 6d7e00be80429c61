//! Storage of failed sign-in attempts (for throttling).

use crate::error::AppError;
use crate::platform::db::{Db, parse_ts, ts};
use chrono::{DateTime, Utc};

async fn times(
    db: &Db,
    column: &'static str,
    key: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, AppError> {
    let sql = format!("SELECT at FROM login_failures WHERE {column} = $1 AND at > $2");
    let rows: Vec<String> = sqlx::query_scalar(&sql)
        .bind(key)
        .bind(ts(since))
        .fetch_all(db.pool())
        .await?;
    Ok(rows.iter().filter_map(|s| parse_ts(s)).collect())
}

pub async fn failures_for_email(
    db: &Db,
    email: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, AppError> {
    times(db, "email", email, since).await
}

pub async fn failures_for_addr(
    db: &Db,
    addr: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, AppError> {
    times(db, "client_addr", addr, since).await
}

pub async fn record_failure(
    db: &Db,
    email: &str,
    addr: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO login_failures (id, email, client_addr, at) VALUES ($1, $2, $3, $4)")
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(email)
        .bind(addr)
        .bind(ts(at))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// A successful sign-in clears the account's failures; old rows are pruned.
pub async fn clear(db: &Db, email: &str, older_than: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query("DELETE FROM login_failures WHERE email = $1 OR at < $2")
        .bind(email)
        .bind(ts(older_than))
        .execute(db.pool())
        .await?;
    Ok(())
}
