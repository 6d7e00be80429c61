//! Who accessed a patient's data (for supervisors and admins).

pub mod api;
pub mod pages;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    pub seq: i64,
    pub at: String,
    pub user_name: Option<String>,
    pub user_email: Option<String>,
    pub action: String,
    pub record_type: Option<String>,
    pub client_addr: Option<String>,
}
