//! Storage of user accounts.

use crate::error::AppError;
use crate::platform::db::{Db, Tx, ts};
use chrono::{DateTime, Utc};
use domain::access::Actor;
use domain::command::Version;
use domain::validate::Email;
use domain::{Role, TeamId, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::super::UserView;

/// A user as stored. Holds the password hash, so it is deliberately not
/// `Serialize`: it can never be sent to a client by mistake.
#[derive(Clone)]
pub struct UserRow {
    pub id: UserId,
    pub team_id: TeamId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub disabled_at: Option<String>,
    pub version: Version,
}

impl UserRow {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            role: self.role,
            team_id: self.team_id,
        }
    }
}

fn parse_err(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("bad {what} in users row").into())
}

fn user_row(r: &AnyRow) -> Result<UserRow, sqlx::Error> {
    let id: String = r.try_get("id")?;
    let team: String = r.try_get("team_id")?;
    let role: String = r.try_get("role")?;
    Ok(UserRow {
        id: id.parse().map_err(|_| parse_err("id"))?,
        team_id: team.parse().map_err(|_| parse_err("team_id"))?,
        email: r.try_get("email")?,
        display_name: r.try_get("display_name")?,
        role: role.parse().map_err(|_| parse_err("role"))?,
        password_hash: r.try_get("password_hash")?,
        disabled_at: r.try_get("disabled_at")?,
        version: Version(r.try_get("version")?),
    })
}

const COLS: &str = "id, team_id, email, display_name, role, password_hash, disabled_at, version";

pub async fn get(db: &Db, id: UserId) -> Result<Option<UserRow>, AppError> {
    let r = sqlx::query(&format!("SELECT {COLS} FROM users WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    Ok(r.as_ref().map(user_row).transpose()?)
}

pub async fn find_by_email(db: &Db, email: &Email) -> Result<Option<UserRow>, AppError> {
    let r = sqlx::query(&format!("SELECT {COLS} FROM users WHERE email = $1"))
        .bind(email.as_str())
        .fetch_optional(db.pool())
        .await?;
    Ok(r.as_ref().map(user_row).transpose()?)
}

fn view_row(r: &AnyRow) -> Result<UserView, sqlx::Error> {
    let u = user_row(r)?;
    Ok(UserView {
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        role: u.role,
        team_id: u.team_id,
        team_name: r.try_get("team_name")?,
        disabled: u.disabled_at.is_some(),
        version: u.version,
    })
}

const VIEW_SQL: &str = "SELECT u.id, u.team_id, u.email, u.display_name, u.role, u.password_hash, \
     u.disabled_at, u.version, t.name AS team_name FROM users u JOIN teams t ON t.id = u.team_id";

pub async fn list(db: &Db) -> Result<Vec<UserView>, AppError> {
    let rows = sqlx::query(&format!("{VIEW_SQL} ORDER BY u.display_name, u.email"))
        .fetch_all(db.pool())
        .await?;
    Ok(rows.iter().map(view_row).collect::<Result<_, _>>()?)
}

pub async fn view_in(tx: &mut Tx, id: UserId) -> Result<Option<UserView>, AppError> {
    let r = sqlx::query(&format!("{VIEW_SQL} WHERE u.id = $1"))
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(r.as_ref().map(view_row).transpose()?)
}

pub struct NewUser<'a> {
    pub id: UserId,
    pub team_id: TeamId,
    pub email: &'a Email,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
}

/// Inserts; `Ok(false)` when the email is already taken.
pub async fn insert(
    tx: &mut Tx,
    u: &NewUser<'_>,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let taken: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(u.email.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    if taken.is_some() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO users (id, team_id, email, display_name, role, password_hash, version, \
         created_at, created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $7, $8)",
    )
    .bind(u.id.to_string())
    .bind(u.team_id.to_string())
    .bind(u.email.as_str())
    .bind(u.display_name)
    .bind(u.role.as_str())
    .bind(u.password_hash)
    .bind(ts(now))
    .bind(by.map(|b| b.to_string()))
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// Sets the editable fields (the caller has already bumped the version).
pub async fn set_profile(
    tx: &mut Tx,
    id: UserId,
    display_name: &str,
    role: Role,
    team_id: TeamId,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET display_name = $1, role = $2, team_id = $3 WHERE id = $4")
        .bind(display_name)
        .bind(role.as_str())
        .bind(team_id.to_string())
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_disabled(
    tx: &mut Tx,
    id: UserId,
    at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
        .bind(at.map(ts))
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_password_hash(tx: &mut Tx, id: UserId, hash: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn count(db: &Db) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?)
}
