//! Who may see what: the one rule for role and caseload scope.
//!
//! Workers (CHW, housing navigator, case manager) see the patients on their
//! own caseload; a supervisor sees every patient of their team; an admin
//! sees everything. Server functions never decide this themselves: they ask
//! [`Actor::may_access_patient`] (through the server's single authorization
//! check).

use crate::{PatientId, Role, TeamId, UserId};
use serde::{Deserialize, Serialize};

/// The signed-in user on whose behalf a request runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: UserId,
    pub role: Role,
    pub team_id: TeamId,
}

/// What the access rule needs to know about a patient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatientScope {
    pub patient_id: PatientId,
    pub team_id: TeamId,
    /// Staff on the patient's care team (their caseload includes the patient).
    pub care_team: Vec<UserId>,
}

/// Which patients a list query may return for an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseloadFilter {
    All,
    Team(TeamId),
    AssignedTo(UserId),
}

impl Actor {
    pub fn may_access_patient(&self, patient: &PatientScope) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Supervisor => patient.team_id == self.team_id,
            Role::Chw | Role::HousingNavigator | Role::CaseManager => {
                patient.team_id == self.team_id && patient.care_team.contains(&self.user_id)
            }
        }
    }

    pub fn caseload(&self) -> CaseloadFilter {
        match self.role {
            Role::Admin => CaseloadFilter::All,
            Role::Supervisor => CaseloadFilter::Team(self.team_id),
            Role::Chw | Role::HousingNavigator | Role::CaseManager => {
                CaseloadFilter::AssignedTo(self.user_id)
            }
        }
    }

    /// Reviewing who accessed a patient needs audit rights and patient scope.
    pub fn may_review_audit_of(&self, patient: &PatientScope) -> bool {
        self.role.can_review_audit() && self.may_access_patient(patient)
    }

    pub fn may_administer(&self) -> bool {
        self.role.is_admin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, team: TeamId) -> Actor {
        Actor {
            user_id: UserId::new(),
            role,
            team_id: team,
        }
    }

    #[test]
    fn scope_matrix() {
        let team_a = TeamId::new();
        let team_b = TeamId::new();
        let chw = actor(Role::Chw, team_a);
        let other_chw = actor(Role::Chw, team_a);
        let sup_a = actor(Role::Supervisor, team_a);
        let sup_b = actor(Role::Supervisor, team_b);
        let admin = actor(Role::Admin, team_b);
        let patient = PatientScope {
            patient_id: PatientId::new(),
            team_id: team_a,
            care_team: vec![chw.user_id],
        };
        assert!(chw.may_access_patient(&patient));
        assert!(!other_chw.may_access_patient(&patient));
        assert!(sup_a.may_access_patient(&patient));
        assert!(!sup_b.may_access_patient(&patient));
        assert!(admin.may_access_patient(&patient));
        assert!(!chw.may_review_audit_of(&patient));
        assert!(sup_a.may_review_audit_of(&patient));
        assert!(!sup_b.may_review_audit_of(&patient));
    }

    #[test]
    fn a_worker_moved_to_another_team_loses_access() {
        let team_a = TeamId::new();
        let mut cm = actor(Role::CaseManager, team_a);
        let patient = PatientScope {
            patient_id: PatientId::new(),
            team_id: team_a,
            care_team: vec![cm.user_id],
        };
        assert!(cm.may_access_patient(&patient));
        cm.team_id = TeamId::new();
        assert!(!cm.may_access_patient(&patient));
    }

    #[test]
    fn caseload_filters_follow_role() {
        let t = TeamId::new();
        let n = actor(Role::HousingNavigator, t);
        assert_eq!(n.caseload(), CaseloadFilter::AssignedTo(n.user_id));
        assert_eq!(
            actor(Role::Supervisor, t).caseload(),
            CaseloadFilter::Team(t)
        );
        assert_eq!(actor(Role::Admin, t).caseload(), CaseloadFilter::All);
    }
}
