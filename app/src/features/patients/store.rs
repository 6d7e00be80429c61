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

/// Writes the details of a validated draft for a patient just inserted.
pub async fn set_details(
    tx: &mut Tx,
    id: PatientId,
    v: &super::ValidPatient,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE patients SET preferred_name = $1, preferred_language = $2, pronouns = $3, \
         gender_identity = $4, race = $5, ethnicity = $6, address = $7, no_fixed_address_where = $8, \
         mrn = $9, health_plan_id = $10, emergency_contact = $11 WHERE id = $12",
    )
    .bind(&v.preferred_name)
    .bind(&v.preferred_language)
    .bind(&v.pronouns)
    .bind(&v.gender_identity)
    .bind(&v.race)
    .bind(&v.ethnicity)
    .bind(&v.address)
    .bind(&v.where_to_find)
    .bind(&v.mrn)
    .bind(&v.health_plan_id)
    .bind(&v.emergency_contact)
    .bind(id.to_string())
    .execute(&mut **tx)
    .await?;
    for (i, phone) in v.phones.iter().enumerate() {
        sqlx::query("INSERT INTO patient_phones (patient_id, phone, position) VALUES ($1, $2, $3)")
            .bind(id.to_string())
            .bind(phone.as_str())
            .bind(i as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Adds a member to the care team in a given part (chw, case_manager, …).
pub async fn add_care_team_role(
    tx: &mut Tx,
    patient: PatientId,
    user: UserId,
    role: domain::Role,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO care_team (patient_id, user_id, created_at, role) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (patient_id, user_id) DO UPDATE SET role = excluded.role",
    )
    .bind(patient.to_string())
    .bind(user.to_string())
    .bind(ts(now))
    .bind(role.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Existing patients (other than `exclude`) the new identity may duplicate.
pub async fn possible_duplicates(
    db: &Db,
    new: &domain::patient::Identity,
    exclude: PatientId,
) -> Result<Vec<(PatientId, domain::patient::DuplicateReason)>, AppError> {
    use domain::patient::{Identity, Phone, possible_duplicate};
    let mut candidates: Vec<String> = Vec::new();
    if let Some(dob) = new.date_of_birth {
        candidates.extend(
            sqlx::query_scalar::<_, String>("SELECT id FROM patients WHERE date_of_birth = $1")
                .bind(dob.format("%Y-%m-%d").to_string())
                .fetch_all(db.pool())
                .await?,
        );
    }
    for phone in &new.phones {
        candidates.extend(
            sqlx::query_scalar::<_, String>(
                "SELECT patient_id FROM patient_phones WHERE phone = $1",
            )
            .bind(phone.as_str())
            .fetch_all(db.pool())
            .await?,
        );
    }
    candidates.sort();
    candidates.dedup();
    let mut found = Vec::new();
    for id in candidates {
        let Ok(pid) = id.parse::<PatientId>() else {
            continue;
        };
        if pid == exclude {
            continue;
        }
        let Some(p) = get(db, pid).await? else {
            continue;
        };
        let phones: Vec<String> =
            sqlx::query_scalar("SELECT phone FROM patient_phones WHERE patient_id = $1")
                .bind(&id)
                .fetch_all(db.pool())
                .await?;
        let existing = Identity {
            given_name: p.given_name,
            family_name: p.family_name,
            date_of_birth: p
                .date_of_birth
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            phones: phones.iter().filter_map(|s| Phone::parse(s).ok()).collect(),
        };
        if let Some(reason) = possible_duplicate(new, &existing) {
            found.push((pid, reason));
        }
    }
    Ok(found)
}

/// Active colleagues of a team who can join care teams.
pub async fn team_members(db: &Db, team: TeamId) -> Result<Vec<super::TeamMember>, AppError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, display_name, role FROM users WHERE team_id = $1 AND disabled_at IS NULL \
         AND role <> 'admin' ORDER BY display_name",
    )
    .bind(team.to_string())
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, display_name, role)| {
            Some(super::TeamMember {
                id: id.parse().ok()?,
                display_name,
                role: role.parse().ok()?,
            })
        })
        .collect())
}

/// The whole chart header of one patient.
pub async fn record(db: &Db, id: PatientId) -> Result<Option<super::PatientRecord>, AppError> {
    let Some(summary) = get(db, id).await? else {
        return Ok(None);
    };
    let r = sqlx::query(
        "SELECT preferred_name, preferred_language, address, no_fixed_address_where, pronouns, \
         gender_identity, race, ethnicity, mrn, health_plan_id, emergency_contact FROM patients WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_one(db.pool())
    .await?;
    let phones: Vec<String> = sqlx::query_scalar(
        "SELECT phone FROM patient_phones WHERE patient_id = $1 ORDER BY position",
    )
    .bind(id.to_string())
    .fetch_all(db.pool())
    .await?;
    let team: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT u.id, u.display_name, u.role, c.role FROM care_team c JOIN users u ON u.id = c.user_id \
         WHERE c.patient_id = $1 ORDER BY u.display_name",
    )
    .bind(id.to_string())
    .fetch_all(db.pool())
    .await?;
    let care_team = team
        .into_iter()
        .filter_map(|(uid, display_name, user_role, part)| {
            let role = part.as_deref().unwrap_or(&user_role).parse().ok()?;
            Some(super::TeamMember {
                id: uid.parse().ok()?,
                display_name,
                role,
            })
        })
        .collect();
    let phones = phones
        .iter()
        .map(|p| {
            domain::patient::Phone::parse(p)
                .map(|p| p.to_string())
                .unwrap_or_else(|_| p.clone())
        })
        .collect();
    Ok(Some(super::PatientRecord {
        summary,
        preferred_name: r.try_get("preferred_name")?,
        preferred_language: r.try_get("preferred_language")?,
        phones,
        address: r.try_get("address")?,
        where_to_find: r.try_get("no_fixed_address_where")?,
        pronouns: r.try_get("pronouns")?,
        gender_identity: r.try_get("gender_identity")?,
        race: r.try_get("race")?,
        ethnicity: r.try_get("ethnicity")?,
        mrn: r.try_get("mrn")?,
        health_plan_id: r.try_get("health_plan_id")?,
        emergency_contact: r.try_get("emergency_contact")?,
        care_team,
    }))
}
