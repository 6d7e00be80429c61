//! Storage of patients and their care teams.

use crate::error::AppError;
use crate::platform::db::{Db, Tx, ts};
use chrono::{DateTime, Utc};
use domain::access::{CaseloadFilter, PatientScope};
use domain::command::Version;
use domain::{PatientId, TeamId, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::PatientSummary;

fn decode(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("bad {what}").into())
}

fn summary(r: &AnyRow) -> Result<PatientSummary, sqlx::Error> {
    let id: String = r.try_get("id")?;
    let team: String = r.try_get("team_id")?;
    Ok(PatientSummary {
        id: id.parse().map_err(|_| decode("patient id"))?,
        given_name: r.try_get("given_name")?,
        family_name: r.try_get("family_name")?,
        date_of_birth: r.try_get("date_of_birth")?,
        phone: r.try_get("phone")?,
        team_id: team.parse().map_err(|_| decode("team id"))?,
        version: Version(r.try_get("version")?),
    })
}

const COLS: &str =
    "p.id, p.team_id, p.given_name, p.family_name, p.date_of_birth, p.phone, p.version";

/// What the access rule needs: team and care team.
pub async fn scope(db: &Db, id: PatientId) -> Result<Option<PatientScope>, AppError> {
    let team: Option<String> = sqlx::query_scalar("SELECT team_id FROM patients WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    let Some(team) = team else { return Ok(None) };
    let members: Vec<String> =
        sqlx::query_scalar("SELECT user_id FROM care_team WHERE patient_id = $1")
            .bind(id.to_string())
            .fetch_all(db.pool())
            .await?;
    Ok(Some(PatientScope {
        patient_id: id,
        team_id: team.parse().map_err(|_| decode("team id"))?,
        care_team: members.iter().filter_map(|m| m.parse().ok()).collect(),
    }))
}

/// The patients a caseload filter allows, by name.
pub async fn list(
    db: &Db,
    filter: &CaseloadFilter,
    limit: i64,
) -> Result<Vec<PatientSummary>, AppError> {
    let (clause, key) = match filter {
        CaseloadFilter::All => ("$1 = ''", String::new()),
        CaseloadFilter::Team(t) => ("p.team_id = $1", t.to_string()),
        CaseloadFilter::AssignedTo(u) => (
            "p.id IN (SELECT patient_id FROM care_team WHERE user_id = $1)",
            u.to_string(),
        ),
    };
    let rows = sqlx::query(&format!(
        "SELECT {COLS} FROM patients p WHERE {clause} ORDER BY p.family_name, p.given_name LIMIT $2"
    ))
    .bind(key)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.iter().map(summary).collect::<Result<_, _>>()?)
}

pub async fn get(db: &Db, id: PatientId) -> Result<Option<PatientSummary>, AppError> {
    let r = sqlx::query(&format!("SELECT {COLS} FROM patients p WHERE p.id = $1"))
        .bind(id.to_string())
        .fetch_optional(db.pool())
        .await?;
    Ok(r.as_ref().map(summary).transpose()?)
}

pub struct NewPatient<'a> {
    pub id: PatientId,
    pub team_id: TeamId,
    pub given_name: &'a str,
    pub family_name: &'a str,
    pub date_of_birth: Option<&'a str>,
    pub phone: Option<&'a str>,
}

pub async fn insert(
    tx: &mut Tx,
    p: &NewPatient<'_>,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO patients (id, team_id, given_name, family_name, date_of_birth, phone, version, \
         created_at, created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $7, $8)",
    )
    .bind(p.id.to_string())
    .bind(p.team_id.to_string())
    .bind(p.given_name)
    .bind(p.family_name)
    .bind(p.date_of_birth)
    .bind(p.phone)
    .bind(ts(now))
    .bind(by.map(|b| b.to_string()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn add_to_care_team(
    tx: &mut Tx,
    patient: PatientId,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO care_team (patient_id, user_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (patient_id, user_id) DO NOTHING",
    )
    .bind(patient.to_string())
    .bind(user.to_string())
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
