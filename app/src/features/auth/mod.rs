//! Signing in and out, and who is signed in.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use domain::{Role, TeamId, UserId};
use serde::{Deserialize, Serialize};

/// The signed-in user, as the shell shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: UserId,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub team_id: TeamId,
    pub team_name: String,
}
