//! Typed identifiers. Every record id is a UUIDv7 that a client can generate
//! offline (design.md §8); the newtypes stop a team id being passed where a
//! patient id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new time-ordered (v7) id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.as_hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// A staff account.
    UserId
);
id_type!(
    /// A care team; users and patients belong to one team.
    TeamId
);
id_type!(
    /// A patient.
    PatientId
);
id_type!(
    /// A client-generated id for one state-changing command; replaying the
    /// same id never applies the command twice.
    CommandId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_v7_and_round_trip_as_text() {
        let id = PatientId::new();
        assert_eq!(id.0.get_version_num(), 7);
        let parsed: PatientId = id.to_string().parse().expect("parses");
        assert_eq!(parsed, id);
        assert!("not-a-uuid".parse::<PatientId>().is_err());
    }

    #[test]
    fn ids_serialize_as_plain_strings() {
        let id = UserId::new();
        let json = serde_json::to_string(&id).expect("serializes");
        assert_eq!(json, format!("\"{id}\""));
    }
}
