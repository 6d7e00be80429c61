//! Server functions of the patients feature.

use super::PatientSummary;
use crate::error::AppError;
use domain::PatientId;
use leptos::prelude::*;
use server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::features::patients::store;
    pub use crate::platform::audit;
    pub use crate::platform::auth::{Need, RequestCx, api};
    pub use domain::audit::AuditAction;
}

/// Most patients one caseload page lists.
pub const PAGE: i64 = 200;

/// The caller's caseload (own patients; a supervisor's team; all for admin).
#[server(prefix = "/api", endpoint = "patients/mine", input = Json)]
pub async fn my_patients() -> Result<Vec<PatientSummary>, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::SignedIn).await?;
        let list = store::list(&cx.state.db, &actor.caseload(), PAGE).await?;
        // One audit row per listed patient: a list shows names and dates of birth.
        let mut tx = cx.state.db.begin_write().await?;
        for p in &list {
            let e = cx
                .event(AuditAction::Read)
                .by(actor.user_id)
                .record("patient_list", p.id)
                .patient(p.id);
            audit::append(&mut tx, &e).await?;
        }
        tx.commit().await?;
        Ok(list)
    })
    .await
}

#[server(prefix = "/api", endpoint = "patients/get", input = Json)]
pub async fn get_patient(id: PatientId) -> Result<super::PatientRecord, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::Patient(id)).await?;
        let p = store::record(&cx.state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        audit::record(
            &cx.state.db,
            &cx.event(AuditAction::Read)
                .by(actor.user_id)
                .record("patient", id)
                .patient(id),
        )
        .await?;
        Ok(p)
    })
    .await
}

/// Colleagues of the caller's team, for the care-team pickers.
#[server(prefix = "/api", endpoint = "team/members", input = Json)]
pub async fn team_members() -> Result<Vec<super::TeamMember>, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::SignedIn).await?;
        store::team_members(&cx.state.db, actor.team_id).await
    })
    .await
}

/// Creates a patient in the caller's team. Possible duplicates (same name
/// and date of birth, or same phone) stop the create and are shown unless
/// `confirm_duplicate` is set; duplicates outside the caller's scope are
/// reported without any of their data.
#[server(prefix = "/api", endpoint = "patients/create", input = Json)]
pub async fn create_patient(
    meta: domain::command::CommandMeta,
    id: PatientId,
    draft: super::PatientDraft,
    confirm_duplicate: bool,
) -> Result<super::CreatePatientOutcome, AppError> {
    use super::{CreatePatientOutcome, DuplicateMatch, validate_draft};
    use crate::platform::commands;
    use domain::Role;
    use domain::validate::{FieldErrors, Invalid};
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::SignedIn).await?;
        let now = cx.now();
        let valid = validate_draft(&draft, now.date_naive())?;
        let db = cx.state.db.clone();
        if !confirm_duplicate {
            let found = store::possible_duplicates(&db, &valid.identity(), id).await?;
            if !found.is_empty() {
                let mut matches = Vec::new();
                for (pid, reason) in found {
                    let visible = match store::scope(&db, pid).await? {
                        Some(scope) if actor.may_access_patient(&scope) => {
                            // Showing a match is a read of that patient's record.
                            let e = cx
                                .event(AuditAction::Read)
                                .by(actor.user_id)
                                .record("patient_duplicate_check", pid)
                                .patient(pid);
                            audit::record(&db, &e).await?;
                            store::get(&db, pid).await?
                        }
                        _ => None,
                    };
                    matches.push(DuplicateMatch { reason, visible });
                }
                return Ok(CreatePatientOutcome::PossibleDuplicates(matches));
            }
        }
        let members = store::team_members(&db, actor.team_id).await?;
        let mut care_team = Vec::new();
        let mut errors = FieldErrors::default();
        for (field, chosen, role) in [
            ("case_manager", draft.case_manager, Role::CaseManager),
            ("chw", draft.chw, Role::Chw),
            (
                "housing_navigator",
                draft.housing_navigator,
                Role::HousingNavigator,
            ),
        ] {
            if let Some(user) = chosen {
                if members.iter().any(|m| m.id == user && m.role == role) {
                    care_team.push((user, role));
                } else {
                    errors.add(field, Invalid::UnknownChoice);
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        // A worker who registers a patient carries them on their caseload.
        if matches!(
            actor.role,
            Role::Chw | Role::CaseManager | Role::HousingNavigator
        ) && !care_team.iter().any(|(u, _)| *u == actor.user_id)
        {
            care_team.push((actor.user_id, actor.role));
        }
        let event = cx
            .event(AuditAction::Create)
            .by(actor.user_id)
            .record("patient", id)
            .patient(id);
        let applied = commands::run(
            &db,
            &actor.clone(),
            &meta,
            "patient.create",
            now,
            move |tx| {
                Box::pin(async move {
                    let first_phone = valid.phones.first().map(|p| p.as_str().to_owned());
                    let dob = valid
                        .date_of_birth
                        .map(|d| d.format("%Y-%m-%d").to_string());
                    let new = store::NewPatient {
                        id,
                        team_id: actor.team_id,
                        given_name: valid.given_name.as_str(),
                        family_name: valid.family_name.as_str(),
                        date_of_birth: dob.as_deref(),
                        phone: first_phone.as_deref(),
                    };
                    store::insert(tx, &new, Some(actor.user_id), now).await?;
                    store::set_details(tx, id, &valid).await?;
                    for (user, role) in care_team {
                        store::add_care_team_role(tx, id, user, role, now).await?;
                    }
                    audit::append(tx, &event).await?;
                    Ok(CreatePatientOutcome::Created(PatientSummary {
                        id,
                        given_name: new.given_name.to_owned(),
                        family_name: new.family_name.to_owned(),
                        date_of_birth: dob.clone(),
                        phone: first_phone.clone(),
                        team_id: actor.team_id,
                        version: domain::command::Version::FIRST,
                    }))
                })
            },
        )
        .await?;
        Ok(applied.into_inner())
    })
    .await
}
