//! Patients: the caseload list and the patient chart. The platform keeps
//! identity, team and care team; the patients feature grows episodes,
//! contacts and the chart sections of later features.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use domain::command::Version;
use domain::{PatientId, TeamId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientSummary {
    pub id: PatientId,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: Option<String>,
    pub phone: Option<String>,
    pub team_id: TeamId,
    pub version: Version,
}

impl PatientSummary {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }
}
