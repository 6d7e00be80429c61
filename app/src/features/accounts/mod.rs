//! Accounts: teams and users with roles, administered by admins.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use domain::command::Version;
use domain::{Role, TeamId, UserId};
use serde::{Deserialize, Serialize};

/// A user as shown to admins (never the password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub team_id: TeamId,
    pub team_name: String,
    pub disabled: bool,
    pub version: Version,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub id: TeamId,
    pub name: String,
    pub version: Version,
    /// Active (not disabled) members.
    pub members: i64,
    pub disabled: bool,
}

/// What a user editor sends: the fields an admin may change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDraft {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub team_id: Option<TeamId>,
    /// Only for a new user, or to set a new password.
    pub password: String,
}
