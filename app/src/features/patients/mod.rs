//! Patients: the caseload list and the patient chart. The platform keeps
//! identity, team and care team; the patients feature grows episodes,
//! contacts and the chart sections of later features.

pub mod api;
pub mod new;
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

/// A patient's chart header: identity, how to reach them, care team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientRecord {
    pub summary: PatientSummary,
    pub preferred_name: Option<String>,
    pub preferred_language: Option<String>,
    pub phones: Vec<String>,
    pub address: Option<String>,
    pub where_to_find: Option<String>,
    pub pronouns: Option<String>,
    pub gender_identity: Option<String>,
    pub race: Option<String>,
    pub ethnicity: Option<String>,
    pub mrn: Option<String>,
    pub health_plan_id: Option<String>,
    pub emergency_contact: Option<String>,
    pub care_team: Vec<TeamMember>,
}

/// What the new-patient form sends. Text as typed; the server validates and
/// answers with field errors, so nothing typed is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PatientDraft {
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: String,
    /// `YYYY-MM-DD`, or empty when unknown.
    pub date_of_birth: String,
    /// `en`, `es` or another language named in words.
    pub preferred_language: String,
    pub phones: Vec<String>,
    pub no_fixed_address: bool,
    pub address: String,
    /// Where to find someone with no fixed address (shelter, corner, drop-in).
    pub where_to_find: String,
    pub pronouns: String,
    pub gender_identity: String,
    pub race: String,
    pub ethnicity: String,
    pub mrn: String,
    pub health_plan_id: String,
    pub emergency_contact: String,
    pub case_manager: Option<domain::UserId>,
    pub chw: Option<domain::UserId>,
    pub housing_navigator: Option<domain::UserId>,
}

/// A colleague who can join a patient's care team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: domain::UserId,
    pub display_name: String,
    pub role: domain::Role,
}

/// An existing patient the new one may duplicate. Patients outside the
/// caller's scope are reported without name or link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    pub reason: domain::patient::DuplicateReason,
    pub visible: Option<PatientSummary>,
}

/// The answer to a create: done, or stopped to show possible duplicates
/// (sending again with `confirm_duplicate` creates the patient anyway).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CreatePatientOutcome {
    Created(PatientSummary),
    PossibleDuplicates(Vec<DuplicateMatch>),
}

/// Longest free-text field (addresses, notes on where to find someone).
pub const MAX_TEXT: usize = 500;

/// A draft that passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPatient {
    pub given_name: domain::validate::Name,
    pub family_name: domain::validate::Name,
    pub date_of_birth: Option<chrono::NaiveDate>,
    pub phones: Vec<domain::patient::Phone>,
    /// Optional free-text fields, trimmed, `None` when empty.
    pub preferred_name: Option<String>,
    pub preferred_language: Option<String>,
    pub address: Option<String>,
    pub where_to_find: Option<String>,
    pub pronouns: Option<String>,
    pub gender_identity: Option<String>,
    pub race: Option<String>,
    pub ethnicity: Option<String>,
    pub mrn: Option<String>,
    pub health_plan_id: Option<String>,
    pub emergency_contact: Option<String>,
}

impl ValidPatient {
    pub fn identity(&self) -> domain::patient::Identity {
        domain::patient::Identity {
            given_name: self.given_name.to_string(),
            family_name: self.family_name.to_string(),
            date_of_birth: self.date_of_birth,
            phones: self.phones.clone(),
        }
    }
}

/// Checks a draft field by field (the same code runs in the browser and on
/// the server); every problem is reported at once.
pub fn validate_draft(
    d: &PatientDraft,
    today: chrono::NaiveDate,
) -> Result<ValidPatient, domain::validate::FieldErrors> {
    use domain::patient::{Phone, check_date_of_birth};
    use domain::validate::{FieldErrors, Invalid, Name};
    let mut e = FieldErrors::default();
    let given_name = e.check("given_name", Name::parse(&d.given_name));
    let family_name = e.check("family_name", Name::parse(&d.family_name));
    let date_of_birth = match d.date_of_birth.trim() {
        "" => Some(None),
        s => e
            .check(
                "date_of_birth",
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| Invalid::DateFormat)
                    .and_then(|dob| check_date_of_birth(dob, today)),
            )
            .map(Some),
    };
    let mut phones = Vec::new();
    for (i, raw) in d
        .phones
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.trim().is_empty())
    {
        if let Some(p) = e.check(&format!("phones.{i}"), Phone::parse(raw))
            && !phones.contains(&p)
        {
            phones.push(p);
        }
    }
    let mut text = |field: &str, raw: &str| -> Option<String> {
        let t = raw.trim();
        if t.chars().count() > MAX_TEXT {
            e.add(field, Invalid::TooLong);
            None
        } else {
            (!t.is_empty()).then(|| t.to_owned())
        }
    };
    let preferred_name = text("preferred_name", &d.preferred_name);
    let preferred_language = text("preferred_language", &d.preferred_language);
    let address = if d.no_fixed_address {
        None
    } else {
        text("address", &d.address)
    };
    let where_to_find = if d.no_fixed_address {
        text("where_to_find", &d.where_to_find)
    } else {
        None
    };
    let pronouns = text("pronouns", &d.pronouns);
    let gender_identity = text("gender_identity", &d.gender_identity);
    let race = text("race", &d.race);
    let ethnicity = text("ethnicity", &d.ethnicity);
    let mrn = text("mrn", &d.mrn);
    let health_plan_id = text("health_plan_id", &d.health_plan_id);
    let emergency_contact = text("emergency_contact", &d.emergency_contact);
    if d.no_fixed_address && where_to_find.is_none() && e.get("where_to_find").is_none() {
        e.add("where_to_find", Invalid::Required);
    }
    match (given_name, family_name, date_of_birth) {
        (Some(given_name), Some(family_name), Some(date_of_birth)) if e.is_empty() => {
            Ok(ValidPatient {
                given_name,
                family_name,
                date_of_birth,
                phones,
                preferred_name,
                preferred_language,
                address,
                where_to_find,
                pronouns,
                gender_identity,
                race,
                ethnicity,
                mrn,
                health_plan_id,
                emergency_contact,
            })
        }
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::validate::Invalid;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
    }

    #[test]
    fn a_good_draft_validates() {
        let d = PatientDraft {
            given_name: " Ana ".into(),
            family_name: "Soto".into(),
            date_of_birth: "1980-02-29".into(),
            phones: vec!["503 555 0199".into(), "".into(), "(503) 555-0199".into()],
            no_fixed_address: true,
            where_to_find: "Mission shelter, evenings".into(),
            address: "ignored when no fixed address".into(),
            ..Default::default()
        };
        let v = validate_draft(&d, today()).expect("valid");
        assert_eq!(v.given_name.as_str(), "Ana");
        assert_eq!(v.phones.len(), 1, "the same number twice is kept once");
        assert_eq!(v.address, None);
        assert_eq!(
            v.where_to_find.as_deref(),
            Some("Mission shelter, evenings")
        );
    }

    #[test]
    fn every_problem_is_reported_by_field() {
        let d = PatientDraft {
            given_name: "".into(),
            family_name: "Soto".into(),
            date_of_birth: "2030-01-01".into(),
            phones: vec!["12".into()],
            no_fixed_address: true,
            emergency_contact: "x".repeat(MAX_TEXT + 1),
            ..Default::default()
        };
        let e = validate_draft(&d, today()).expect_err("invalid");
        assert_eq!(e.get("given_name"), Some(Invalid::Required));
        assert_eq!(e.get("date_of_birth"), Some(Invalid::FutureDate));
        assert_eq!(e.get("phones.0"), Some(Invalid::PhoneFormat));
        assert_eq!(e.get("where_to_find"), Some(Invalid::Required));
        assert_eq!(e.get("emergency_contact"), Some(Invalid::TooLong));
        let bad_date = PatientDraft {
            date_of_birth: "31/12/1980".into(),
            ..d
        };
        assert_eq!(
            validate_draft(&bad_date, today())
                .expect_err("invalid")
                .get("date_of_birth"),
            Some(Invalid::DateFormat)
        );
    }
}
