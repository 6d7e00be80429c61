//! `POST /api/patients/access-log`: the audit trail of one patient.

use super::AccessEntry;
use crate::error::AppError;
use domain::PatientId;
use leptos::prelude::*;
use server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "patients/access-log", input = Json)]
pub async fn patient_access_log(id: PatientId) -> Result<Vec<AccessEntry>, AppError> {
    use crate::features::accounts::store::users;
    use crate::platform::audit;
    use crate::platform::auth::{Need, RequestCx, api};
    use std::collections::HashMap;
    api(async move {
        let cx = RequestCx::load()?;
        cx.authorize(Need::PatientAudit(id)).await?;
        let rows = audit::for_patient(&cx.state.db, id, 500).await?;
        let mut names: HashMap<String, Option<(String, String)>> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let who = match &r.user_id {
                Some(u) => {
                    if !names.contains_key(u) {
                        let found = match u.parse() {
                            Ok(uid) => users::get(&cx.state.db, uid)
                                .await?
                                .map(|x| (x.display_name, x.email)),
                            Err(_) => None,
                        };
                        names.insert(u.clone(), found);
                    }
                    names.get(u).cloned().flatten()
                }
                None => None,
            };
            out.push(AccessEntry {
                seq: r.seq,
                at: r.at,
                user_name: who.as_ref().map(|w| w.0.clone()),
                user_email: who.map(|w| w.1),
                action: r.action,
                record_type: r.record_type,
                client_addr: r.client_addr,
            });
        }
        Ok(out)
    })
    .await
}
