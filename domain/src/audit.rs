//! The audit log's hash chain. Each row's hash covers its own fields and the
//! previous row's hash, so an edited, inserted or deleted row breaks the
//! chain at that point.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened. Stored as text; new actions may be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Login,
    LoginFailed,
    Logout,
    Read,
    Create,
    Update,
    Export,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Logout => "logout",
            AuditAction::Read => "read",
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Export => "export",
        }
    }
}

/// One row as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub user_id: Option<String>,
    pub action: String,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub patient_id: Option<String>,
    pub client_addr: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRow {
    /// The hash this row must carry given its fields and `prev_hash`.
    pub fn expected_hash(&self) -> String {
        let mut h = Sha256::new();
        let mut field = |v: Option<&str>| {
            match v {
                Some(s) => {
                    h.update((s.len() as u64).to_be_bytes());
                    h.update(s.as_bytes());
                }
                None => h.update(u64::MAX.to_be_bytes()),
            };
        };
        field(Some(&self.prev_hash));
        field(Some(&self.seq.to_string()));
        field(Some(&self.at));
        field(self.user_id.as_deref());
        field(Some(&self.action));
        field(self.record_type.as_deref());
        field(self.record_id.as_deref());
        field(self.patient_id.as_deref());
        field(self.client_addr.as_deref());
        hex::encode(h.finalize())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("row {seq}: its contents do not match its hash (edited)")]
    Edited { seq: i64 },
    #[error("row {seq}: previous-hash link broken (a row before it was edited or removed)")]
    Unlinked { seq: i64 },
    #[error("rows missing between {after} and {next}")]
    Gap { after: i64, next: i64 },
}

/// Walks rows in sequence order; returns how many rows were checked.
pub fn verify_chain<I: IntoIterator<Item = AuditRow>>(rows: I) -> Result<u64, ChainBreak> {
    let mut prev_hash = GENESIS.to_owned();
    let mut prev_seq: Option<i64> = None;
    let mut n = 0u64;
    for row in rows {
        let expected_seq = prev_seq.map_or(1, |s| s + 1);
        if row.seq != expected_seq {
            return Err(ChainBreak::Gap {
                after: expected_seq - 1,
                next: row.seq,
            });
        }
        if row.prev_hash != prev_hash {
            return Err(ChainBreak::Unlinked { seq: row.seq });
        }
        if row.expected_hash() != row.hash {
            return Err(ChainBreak::Edited { seq: row.seq });
        }
        prev_hash = row.hash;
        prev_seq = Some(row.seq);
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditRow> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let mut r = AuditRow {
                    seq,
                    at: format!("2026-01-01T00:00:{seq:02}.000Z"),
                    user_id: Some("u".into()),
                    action: "read".into(),
                    record_type: Some("patient".into()),
                    record_id: Some(format!("p{seq}")),
                    patient_id: Some(format!("p{seq}")),
                    client_addr: None,
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                r.hash = r.expected_hash();
                prev = r.hash.clone();
                r
            })
            .collect()
    }

    #[test]
    fn intact_chain_verifies() {
        assert_eq!(verify_chain(chain(5)), Ok(5));
        assert_eq!(verify_chain(Vec::new()), Ok(0));
    }

    #[test]
    fn edit_is_detected() {
        let mut rows = chain(5);
        rows[2].patient_id = Some("someone-else".into());
        assert_eq!(verify_chain(rows), Err(ChainBreak::Edited { seq: 3 }));
    }

    #[test]
    fn deletion_is_detected() {
        let mut rows = chain(5);
        rows.remove(2);
        assert_eq!(
            verify_chain(rows),
            Err(ChainBreak::Gap { after: 2, next: 4 })
        );
        let mut rows = chain(5);
        rows.pop();
        rows.remove(0);
        assert!(verify_chain(rows).is_err());
    }

    #[test]
    fn rehashing_an_edited_row_still_breaks_the_next_link() {
        let mut rows = chain(4);
        rows[1].action = "update".into();
        rows[1].hash = rows[1].expected_hash();
        assert_eq!(verify_chain(rows), Err(ChainBreak::Unlinked { seq: 3 }));
    }

    #[test]
    fn none_and_empty_differ() {
        let mut a = chain(1).remove(0);
        let before = a.expected_hash();
        a.client_addr = Some(String::new());
        assert_ne!(before, a.expected_hash());
    }
}
