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
pub async fn get_patient(id: PatientId) -> Result<PatientSummary, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::Patient(id)).await?;
        let p = store::get(&cx.state.db, id)
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
