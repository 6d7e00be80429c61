//! Access log of one patient's record.

use super::api::patient_access_log;
use crate::features::patients::pages::use_patient_id;
use crate::i18n::*;
use crate::shell::{ErrorBox, Loading, RequireAuth};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn AccessLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_patient_id();
    let log = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => patient_access_log(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    let back = move || {
        id.get()
            .map(|id| format!("/patients/{id}"))
            .unwrap_or_else(|| "/patients".into())
    };
    view! {
        <Title text=move || t_string!(i18n, access_log_title).to_string() />
        <section class="page">
            <A href=back attr:class="back">{t!(i18n, back)}</A>
            <h1>{t!(i18n, access_log_title)}</h1>
            <p class="muted">{t!(i18n, access_log_intro)}</p>
            <RequireAuth children=move |_me| view! {
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match log.await {
                            Ok(rows) if rows.is_empty() => view! { <p>{t!(i18n, access_log_empty)}</p> }.into_any(),
                            Ok(rows) => view! {
                                <div class="table-wrap">
                                    <table>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, when)}</th>
                                                <th scope="col">{t!(i18n, who)}</th>
                                                <th scope="col">{t!(i18n, action)}</th>
                                                <th scope="col">{t!(i18n, record)}</th>
                                                <th scope="col">{t!(i18n, from_address)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows.into_iter().map(|r| view! {
                                                <tr>
                                                    <td><time datetime=r.at.clone()>{r.at.replace('T', " ").trim_end_matches('Z').to_string()}</time></td>
                                                    <td>{r.user_name.unwrap_or_default()}<br/><span class="muted">{r.user_email.unwrap_or_default()}</span></td>
                                                    <td>{r.action}</td>
                                                    <td>{r.record_type.unwrap_or_default()}</td>
                                                    <td>{r.client_addr.unwrap_or_default()}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any(),
                            Err(e) => view! { <ErrorBox error=e /> }.into_any(),
                        }
                    })}
                </Suspense>
            } />
        </section>
    }
}
