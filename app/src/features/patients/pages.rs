//! Caseload list and patient chart overview.

use super::api::{get_patient, my_patients};
use crate::i18n::*;
use crate::shell::{ErrorBox, Loading, RequireAuth, RoleLabel};
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
                <A href="/patients/new" attr:class="button">{t!(i18n, new_patient)}</A>
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
                            Ok(r) => {
                                let p = r.summary.clone();
                                let access = format!("/patients/{}/access", p.id);
                                // Optional facts: shown only when recorded.
                                let fact = |label: AnyView, value: Option<String>| {
                                    value.map(|v| view! { <dt>{label}</dt><dd>{v}</dd> })
                                };
                                view! {
                                    <Title text=p.full_name() />
                                    <h1>{p.full_name()}</h1>
                                    <h2>{t!(i18n, patient_overview)}</h2>
                                    <dl class="facts">
                                        {fact(t!(i18n, preferred_name).into_any(), r.preferred_name.clone())}
                                        {fact(t!(i18n, date_of_birth).into_any(), p.date_of_birth.clone())}
                                        {fact(t!(i18n, preferred_language).into_any(), r.preferred_language.clone())}
                                        {fact(t!(i18n, pronouns).into_any(), r.pronouns.clone())}
                                        {fact(t!(i18n, phone).into_any(), (!r.phones.is_empty()).then(|| r.phones.join(", ")))}
                                        {fact(t!(i18n, address).into_any(), r.address.clone())}
                                        {fact(t!(i18n, where_to_find).into_any(), r.where_to_find.clone())}
                                        {fact(t!(i18n, emergency_contact).into_any(), r.emergency_contact.clone())}
                                        {fact(t!(i18n, gender_identity).into_any(), r.gender_identity.clone())}
                                        {fact(t!(i18n, race).into_any(), r.race.clone())}
                                        {fact(t!(i18n, ethnicity).into_any(), r.ethnicity.clone())}
                                        {fact(t!(i18n, mrn).into_any(), r.mrn.clone())}
                                        {fact(t!(i18n, health_plan_id).into_any(), r.health_plan_id.clone())}
                                    </dl>
                                    <h2>{t!(i18n, care_team)}</h2>
                                    <ul class="list" role="list">
                                        {r.care_team.into_iter().map(|m| view! {
                                            <li class="list-row">
                                                <span class="list-title">{m.display_name}</span>
                                                <span class="list-sub"><RoleLabel role=m.role /></span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
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
