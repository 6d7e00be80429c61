//! Registering a new patient, with the duplicate check.

use super::api::{create_patient, team_members};
use super::{CreatePatientOutcome, DuplicateMatch, PatientDraft};
use crate::i18n::*;
use crate::shell::{ErrorBox, FieldMsg, RequireAuth};
use domain::command::CommandMeta;
use domain::patient::DuplicateReason;
use domain::validate::FieldErrors;
use domain::{PatientId, Role, UserId};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// A labelled text input bound to one field of the draft.
#[component]
fn TextField(
    id: &'static str,
    label: AnyView,
    value: RwSignal<String>,
    errors: Signal<Option<FieldErrors>>,
    field: &'static str,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=kind.unwrap_or("text")
                autocomplete=autocomplete.unwrap_or("off")
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || errors.get().and_then(|e| e.get(field)).is_some().to_string()
                aria-describedby=err_id.clone()
            />
            <FieldMsg errors=errors field=field id=err_id />
        </div>
    }
}

#[component]
pub fn NewPatientPage() -> impl IntoView {
    let i18n = use_i18n();
    let members = Resource::new(|| (), |_| team_members());
    let given = RwSignal::new(String::new());
    let family = RwSignal::new(String::new());
    let preferred = RwSignal::new(String::new());
    let dob = RwSignal::new(String::new());
    let language = RwSignal::new(String::new());
    let phone1 = RwSignal::new(String::new());
    let phone2 = RwSignal::new(String::new());
    let no_fixed = RwSignal::new(false);
    let address = RwSignal::new(String::new());
    let where_to_find = RwSignal::new(String::new());
    let pronouns = RwSignal::new(String::new());
    let gender = RwSignal::new(String::new());
    let race = RwSignal::new(String::new());
    let ethnicity = RwSignal::new(String::new());
    let mrn = RwSignal::new(String::new());
    let plan = RwSignal::new(String::new());
    let emergency = RwSignal::new(String::new());
    let cm = RwSignal::new(String::new());
    let chw = RwSignal::new(String::new());
    let nav = RwSignal::new(String::new());
    // The id and command id are made here, once: a retry after a lost
    // response creates the patient once.
    let id = PatientId::new();
    let meta = CommandMeta::create();

    let draft = move || PatientDraft {
        given_name: given.get_untracked(),
        family_name: family.get_untracked(),
        preferred_name: preferred.get_untracked(),
        date_of_birth: dob.get_untracked(),
        preferred_language: language.get_untracked(),
        phones: vec![phone1.get_untracked(), phone2.get_untracked()],
        no_fixed_address: no_fixed.get_untracked(),
        address: address.get_untracked(),
        where_to_find: where_to_find.get_untracked(),
        pronouns: pronouns.get_untracked(),
        gender_identity: gender.get_untracked(),
        race: race.get_untracked(),
        ethnicity: ethnicity.get_untracked(),
        mrn: mrn.get_untracked(),
        health_plan_id: plan.get_untracked(),
        emergency_contact: emergency.get_untracked(),
        case_manager: cm.get_untracked().parse::<UserId>().ok(),
        chw: chw.get_untracked().parse::<UserId>().ok(),
        housing_navigator: nav.get_untracked().parse::<UserId>().ok(),
    };
    let save = Action::new(move |(draft, confirm): &(PatientDraft, bool)| {
        let (draft, confirm) = (draft.clone(), *confirm);
        async move { create_patient(meta, id, draft, confirm).await }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(CreatePatientOutcome::Created(p))) = save.value().get() {
            navigate(&format!("/patients/{}", p.id), Default::default());
        }
    });
    let error = move || save.value().get().and_then(|r| r.err());
    let errors = Signal::derive(move || error().and_then(|e| e.fields().cloned()));
    let duplicates = move || match save.value().get() {
        Some(Ok(CreatePatientOutcome::PossibleDuplicates(d))) => Some(d),
        _ => None,
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch((draft(), false));
    };
    let pick = move |label: AnyView,
                     sel_id: &'static str,
                     role: Role,
                     value: RwSignal<String>,
                     field: &'static str| {
        let err_id = format!("{sel_id}-error");
        view! {
            <div class="field">
                <label for=sel_id>{label}</label>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let list = members.await.unwrap_or_default();
                        view! {
                            <select id=sel_id on:change=move |ev| value.set(event_target_value(&ev)) aria-describedby=format!("{sel_id}-error")>
                                <option value="" selected=move || value.get().is_empty()>{t!(i18n, not_assigned)}</option>
                                {list.into_iter().filter(|m| m.role == role).map(|m| {
                                    let v = m.id.to_string();
                                    let v2 = v.clone();
                                    view! { <option value=v selected=move || value.get() == v2>{m.display_name}</option> }
                                }).collect_view()}
                            </select>
                        }
                    })}
                </Suspense>
                <FieldMsg errors=errors field=field id=err_id />
            </div>
        }
    };
    view! {
        <Title text=move || t_string!(i18n, new_patient).to_string() />
        <section class="page narrow">
            <A href="/patients" attr:class="back">{t!(i18n, back)}</A>
            <h1>{t!(i18n, new_patient)}</h1>
            <RequireAuth children=move |_me| view! {
                <form class="form" on:submit=submit novalidate>
                    <fieldset class="card">
                        <legend>{t!(i18n, section_identity)}</legend>
                        <TextField id="p-given" label=t!(i18n, given_name).into_any() value=given errors field="given_name" />
                        <TextField id="p-family" label=t!(i18n, family_name).into_any() value=family errors field="family_name" />
                        <TextField id="p-preferred" label=t!(i18n, preferred_name).into_any() value=preferred errors field="preferred_name" />
                        <TextField id="p-dob" label=t!(i18n, date_of_birth).into_any() value=dob errors field="date_of_birth" kind="date" />
                        <TextField id="p-language" label=t!(i18n, preferred_language).into_any() value=language errors field="preferred_language" />
                    </fieldset>
                    <fieldset class="card">
                        <legend>{t!(i18n, section_contact)}</legend>
                        <TextField id="p-phone1" label=t!(i18n, phone_1).into_any() value=phone1 errors field="phones.0" kind="tel" />
                        <TextField id="p-phone2" label=t!(i18n, phone_2).into_any() value=phone2 errors field="phones.1" kind="tel" />
                        <div class="field check">
                            <input id="p-nfa" type="checkbox" prop:checked=no_fixed on:change=move |ev| no_fixed.set(event_target_checked(&ev)) />
                            <label for="p-nfa">{t!(i18n, no_fixed_address)}</label>
                        </div>
                        {move || if no_fixed.get() {
                            view! { <TextField id="p-where" label=t!(i18n, where_to_find).into_any() value=where_to_find errors field="where_to_find" /> }.into_any()
                        } else {
                            view! { <TextField id="p-address" label=t!(i18n, address).into_any() value=address errors field="address" autocomplete="street-address" /> }.into_any()
                        }}
                        <TextField id="p-emergency" label=t!(i18n, emergency_contact).into_any() value=emergency errors field="emergency_contact" />
                    </fieldset>
                    <fieldset class="card">
                        <legend>{t!(i18n, section_about)}</legend>
                        <p class="muted">{t!(i18n, self_reported_hint)}</p>
                        <TextField id="p-pronouns" label=t!(i18n, pronouns).into_any() value=pronouns errors field="pronouns" />
                        <TextField id="p-gender" label=t!(i18n, gender_identity).into_any() value=gender errors field="gender_identity" />
                        <TextField id="p-race" label=t!(i18n, race).into_any() value=race errors field="race" />
                        <TextField id="p-ethnicity" label=t!(i18n, ethnicity).into_any() value=ethnicity errors field="ethnicity" />
                    </fieldset>
                    <fieldset class="card">
                        <legend>{t!(i18n, section_ids)}</legend>
                        <TextField id="p-mrn" label=t!(i18n, mrn).into_any() value=mrn errors field="mrn" />
                        <TextField id="p-plan" label=t!(i18n, health_plan_id).into_any() value=plan errors field="health_plan_id" />
                    </fieldset>
                    <fieldset class="card">
                        <legend>{t!(i18n, care_team)}</legend>
                        {pick(t!(i18n, case_manager_label).into_any(), "p-cm", Role::CaseManager, cm, "case_manager")}
                        {pick(t!(i18n, chw_label).into_any(), "p-chw", Role::Chw, chw, "chw")}
                        {pick(t!(i18n, navigator_label).into_any(), "p-nav", Role::HousingNavigator, nav, "housing_navigator")}
                    </fieldset>
                    {move || error().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox error=e /> })}
                    {move || error().filter(|e| e.fields().is_some()).map(|_| view! { <p class="error" role="alert">{t!(i18n, err_invalid)}</p> })}
                    {move || duplicates().map(|d| view! {
                        <Duplicates matches=d on_confirm=Callback::new(move |_| { save.dispatch((draft(), true)); }) />
                    })}
                    <button type="submit" class="primary" disabled=move || save.pending().get()>
                        {move || if save.pending().get() { t_string!(i18n, creating) } else { t_string!(i18n, create_patient) }}
                    </button>
                </form>
            } />
        </section>
    }
}

#[component]
fn Duplicates(matches: Vec<DuplicateMatch>, on_confirm: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let hidden = matches.iter().filter(|m| m.visible.is_none()).count();
    let reason = move |r: DuplicateReason| match r {
        DuplicateReason::SameNameAndBirthDate => t!(i18n, dup_same_name_dob).into_any(),
        DuplicateReason::SamePhone => t!(i18n, dup_same_phone).into_any(),
    };
    view! {
        <div class="warning card" role="alert">
            <h2>{t!(i18n, duplicate_title)}</h2>
            <p>{t!(i18n, duplicate_intro)}</p>
            <ul class="list" role="list">
                {matches.into_iter().filter_map(|m| m.visible.map(|p| (m.reason, p))).map(|(r, p)| {
                    let href = format!("/patients/{}", p.id);
                    view! {
                        <li>
                            <A href=href attr:class="list-row">
                                <span class="list-title">{p.full_name()}</span>
                                <span class="list-sub">{p.date_of_birth.clone().unwrap_or_default()} " · " {reason(r)}</span>
                            </A>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(hidden > 0).then(|| view! { <p>{t!(i18n, dup_hidden, count = move || hidden)}</p> })}
            <button type="button" class="secondary" on:click=move |_| on_confirm.run(())>{t!(i18n, create_anyway)}</button>
        </div>
    }
}
