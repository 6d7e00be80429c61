//! Caseload list and patient chart overview.

use super::api::{get_patient, my_patients};
use crate::i18n::*;
use crate::shell::{ErrorBox, Loading, RequireAuth};
use domain::PatientId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PatientsPage() -> impl IntoView {
    let i18n = use_i18n();
    let patients = Resource::new(|| (), |_| my_patients());
    view! {
        <Title text=move || t_string!(i18n, patients_title).to_string() />
        <section class="page">
            <h1>{t!(i18n, patients_title)}</h1>
            <RequireAuth children=move |_me| view! {
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match patients.await {
                            Ok(list) if list.is_empty() => view! { <p>{t!(i18n, patients_empty)}</p> }.into_any(),
                            Ok(list) => view! {
                                <ul class="list" role="list">
                                    {list.into_iter().map(|p| {
                                        let href = format!("/patients/{}", p.id);
                                        view! {
                                            <li>
                                                <A href=href attr:class="list-row">
                                                    <span class="list-title">{p.full_name()}</span>
                                                    <span class="list-sub">{p.date_of_birth.clone().unwrap_or_default()}</span>
                                                </A>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(e) => view! { <ErrorBox error=e /> }.into_any(),
                        }
                    })}
                </Suspense>
            } />
        </section>
    }
}

pub fn use_patient_id() -> Signal<Option<PatientId>> {
    let params = use_params_map();
    Signal::derive(move || params.read().get("id").and_then(|s| s.parse().ok()))
}

#[component]
pub fn PatientPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_patient_id();
    let patient = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_patient(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <section class="page">
            <RequireAuth children=move |me| view! {
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match patient.await {
                            Ok(p) => {
                                let access = format!("/patients/{}/access", p.id);
                                view! {
                                    <Title text=p.full_name() />
                                    <h1>{p.full_name()}</h1>
                                    <h2>{t!(i18n, patient_overview)}</h2>
                                    <dl class="facts">
                                        <dt>{t!(i18n, date_of_birth)}</dt>
                                        <dd>{p.date_of_birth.clone().unwrap_or_default()}</dd>
                                        <dt>{t!(i18n, phone)}</dt>
                                        <dd>{p.phone.clone().unwrap_or_default()}</dd>
                                    </dl>
                                    {me.role.can_review_audit().then(|| view! {
                                        <A href=access attr:class="button secondary">{t!(i18n, patient_access_log)}</A>
                                    })}
                                }.into_any()
                            }
                            Err(e) => view! { <ErrorBox error=e /> }.into_any(),
                        }
                    })}
                </Suspense>
            } />
        </section>
    }
}
