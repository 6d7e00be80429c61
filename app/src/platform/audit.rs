//! Storage of the append-only, hash-chained audit log.

use super::db::{Db, Tx, ts};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::audit::{AuditAction, AuditRow, ChainBreak, verify_chain};
use domain::{PatientId, UserId};
use sqlx::Row;

/// One thing to record.
#[derive(Clone, Debug)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    pub user_id: Option<UserId>,
    pub action: AuditAction,
    pub record_type: Option<&'static str>,
    pub record_id: Option<String>,
    pub patient_id: Option<PatientId>,
    pub client_addr: Option<String>,
}

impl AuditEvent {
    pub fn new(at: DateTime<Utc>, action: AuditAction) -> Self {
        Self {
            at,
            user_id: None,
            action,
            record_type: None,
            record_id: None,
            patient_id: None,
            client_addr: None,
        }
    }
    pub fn by(mut self, user: UserId) -> Self {
        self.user_id = Some(user);
        self
    }
    pub fn record(mut self, kind: &'static str, id: impl ToString) -> Self {
        self.record_type = Some(kind);
        self.record_id = Some(id.to_string());
        self
    }
    pub fn patient(mut self, id: PatientId) -> Self {
        self.patient_id = Some(id);
        self
    }
    pub fn from_addr(mut self, addr: Option<String>) -> Self {
        self.client_addr = addr;
        self
    }
}

/// Appends inside the caller's write transaction, so the audit row commits
/// (or not) with the change it records. The head row is locked by the update,
/// which serialises appends into one chain.
pub async fn append(tx: &mut Tx, e: &AuditEvent) -> Result<(), AppError> {
    let head = sqlx::query(
        "UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq, last_hash",
    )
    .fetch_one(&mut **tx)
    .await?;
    let mut row = AuditRow {
        seq: head.try_get("last_seq")?,
        at: ts(e.at),
        user_id: e.user_id.map(|u| u.to_string()),
        action: e.action.as_str().to_owned(),
        record_type: e.record_type.map(str::to_owned),
        record_id: e.record_id.clone(),
        patient_id: e.patient_id.map(|p| p.to_string()),
        client_addr: e.client_addr.clone(),
        prev_hash: head.try_get("last_hash")?,
        hash: String::new(),
    };
    row.hash = row.expected_hash();
    sqlx::query(
        "INSERT INTO audit_log (seq, at, user_id, action, record_type, record_id, patient_id, \
         client_addr, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(row.seq)
    .bind(&row.at)
    .bind(&row.user_id)
    .bind(&row.action)
    .bind(&row.record_type)
    .bind(&row.record_id)
    .bind(&row.patient_id)
    .bind(&row.client_addr)
    .bind(&row.prev_hash)
    .bind(&row.hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE id = 1")
        .bind(&row.hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records an event on its own (reads, sign-ins).
pub async fn record(db: &Db, e: &AuditEvent) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    append(&mut tx, e).await?;
    tx.commit().await?;
    Ok(())
}

fn row_of(r: &sqlx::any::AnyRow) -> Result<AuditRow, sqlx::Error> {
    Ok(AuditRow {
        seq: r.try_get("seq")?,
        at: r.try_get("at")?,
        user_id: r.try_get("user_id")?,
        action: r.try_get("action")?,
        record_type: r.try_get("record_type")?,
        record_id: r.try_get("record_id")?,
        patient_id: r.try_get("patient_id")?,
        client_addr: r.try_get("client_addr")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

const COLUMNS: &str =
    "seq, at, user_id, action, record_type, record_id, patient_id, client_addr, prev_hash, hash";

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    Broken(#[from] ChainBreak),
    #[error("the newest rows were removed: log ends at {last_row} but the head says {head}")]
    Truncated { last_row: i64, head: i64 },
    #[error("the head hash does not match the last row")]
    HeadMismatch,
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

/// Checks the whole chain and that it ends where the head says.
pub async fn verify(db: &Db) -> Result<u64, VerifyError> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"))
        .fetch_all(db.pool())
        .await?;
    let rows = rows.iter().map(row_of).collect::<Result<Vec<_>, _>>()?;
    let last = rows.last().map(|r| (r.seq, r.hash.clone()));
    let n = verify_chain(rows)?;
    let head = sqlx::query("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
        .fetch_one(db.pool())
        .await?;
    let head_seq: i64 = head.try_get("last_seq")?;
    let head_hash: String = head.try_get("last_hash")?;
    let (last_seq, last_hash) = last.unwrap_or((0, domain::audit::GENESIS.to_owned()));
    if last_seq != head_seq {
        return Err(VerifyError::Truncated {
            last_row: last_seq,
            head: head_seq,
        });
    }
    if last_hash != head_hash {
        return Err(VerifyError::HeadMismatch);
    }
    Ok(n)
}

/// Who touched a patient's data, newest first.
pub async fn for_patient(
    db: &Db,
    patient: PatientId,
    limit: i64,
) -> Result<Vec<AuditRow>, AppError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE patient_id = $1 ORDER BY seq DESC LIMIT $2"
    ))
    .bind(patient.to_string())
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.iter().map(row_of).collect::<Result<Vec<_>, _>>()?)
}

/// Count of rows by action, for tests and reports.
pub async fn count(db: &Db, action: AuditAction) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
            .bind(action.as_str())
            .fetch_one(db.pool())
            .await?,
    )
}
