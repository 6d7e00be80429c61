//! The one write path (design.md §8): every state-changing call carries a
//! client-generated command id and, for updates, the version the client last
//! saw. Replaying a command returns its first result; a stale version is a
//! conflict that carries the current record so the user can choose.

use crate::CommandId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A record's version counter; starts at 1 and grows by one per change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Version(pub i64);

impl Version {
    pub const FIRST: Version = Version(1);
    pub fn next(self) -> Version {
        Version(self.0 + 1)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What every command carries besides its payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandMeta {
    pub command_id: CommandId,
    /// For updates: the version the client edited. `None` for creates.
    pub expected_version: Option<Version>,
}

impl CommandMeta {
    pub fn create() -> Self {
        Self {
            command_id: CommandId::new(),
            expected_version: None,
        }
    }
    pub fn update(expected: Version) -> Self {
        Self {
            command_id: CommandId::new(),
            expected_version: Some(expected),
        }
    }
}

/// A stale write: the record moved on since the client read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict<T> {
    pub expected: Version,
    pub current_version: Version,
    pub current: T,
}

/// Whether an update written against `expected` may apply to a record now at
/// `current`.
pub fn check_version(expected: Version, current: Version) -> Result<(), StaleVersion> {
    if expected == current {
        Ok(())
    } else {
        Err(StaleVersion { expected, current })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("record changed since it was read: expected version {expected}, now {current}")]
pub struct StaleVersion {
    pub expected: Version,
    pub current: Version,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_check() {
        assert!(check_version(Version(3), Version(3)).is_ok());
        assert_eq!(
            check_version(Version(2), Version(3)),
            Err(StaleVersion {
                expected: Version(2),
                current: Version(3)
            })
        );
        assert_eq!(Version::FIRST.next(), Version(2));
    }

    #[test]
    fn metas_get_fresh_ids() {
        assert_ne!(
            CommandMeta::create().command_id,
            CommandMeta::create().command_id
        );
        assert_eq!(
            CommandMeta::update(Version(4)).expected_version,
            Some(Version(4))
        );
    }
}
