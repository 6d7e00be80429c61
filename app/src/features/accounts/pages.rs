//! Admin pages: users and teams.

use super::api::{
    create_team, create_user, list_teams, list_users, rename_team, set_team_disabled,
    set_user_disabled, update_user,
};
use super::{TeamView, UserDraft, UserView};
use crate::error::AppError;
use crate::i18n::*;
use crate::shell::{ErrorBox, FieldMsg, Loading, RequireAuth, RoleLabel};
use domain::command::{CommandMeta, Version};
use domain::{Role, TeamId};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

type TeamsResource = Resource<Result<Vec<TeamView>, AppError>>;

#[component]
fn AdminTabs() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="tabs" aria-label=move || t_string!(i18n, admin_title)>
            <A href="/admin/users">{t!(i18n, users_title)}</A>
            <A href="/admin/teams">{t!(i18n, teams_title)}</A>
        </nav>
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let users = Resource::new(|| (), |_| list_users());
    let teams: TeamsResource = Resource::new(|| (), |_| list_teams());
    // `Some(None)`: the form for a new user; `Some(Some(u))`: editing `u`.
    let form = RwSignal::new(None::<Option<UserView>>);
    let toggle = Action::new(|u: &UserView| {
        let u = u.clone();
        async move { set_user_disabled(CommandMeta::update(u.version), u.id, !u.disabled).await }
    });
    Effect::new(move |_| {
        if toggle.value().get().is_some() {
            users.refetch();
        }
    });
    view! {
        <Title text=move || t_string!(i18n, users_title).to_string() />
        <section class="page">
            <AdminTabs />
            <h1>{t!(i18n, users_title)}</h1>
            <RequireAuth children=move |me| view! {
                <button type="button" class="primary" on:click=move |_| form.set(Some(None))>{t!(i18n, new_user)}</button>
                {move || form.get().map(|existing| view! {
                    <UserForm existing teams on_done=Callback::new(move |saved: bool| {
                        form.set(None);
                        if saved { users.refetch(); }
                    }) />
                })}
                {move || toggle.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorBox error=e /> })}
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match users.await {
                            Ok(list) => view! {
                                <ul class="list" role="list">
                                    {list.into_iter().map(|u| {
                                        let edit = u.clone();
                                        let flip = u.clone();
                                        view! {
                                            <li class="list-row">
                                                <span class="list-title">{u.display_name.clone()}</span>
                                                <span class="list-sub">{u.email.clone()}</span>
                                                <span class="list-sub"><RoleLabel role=u.role /> " · " {u.team_name.clone()}</span>
                                                <span class="list-sub">{if u.disabled { t_string!(i18n, disabled) } else { t_string!(i18n, active) }}</span>
                                                <span class="row-actions">
                                                    <button type="button" class="secondary" on:click=move |_| form.set(Some(Some(edit.clone())))>{t!(i18n, edit)}</button>
                                                    // No button to lock yourself out.
                                                    {(u.id != me.id).then(|| view! {
                                                        <button type="button" class="secondary" on:click=move |_| { toggle.dispatch(flip.clone()); }>
                                                            {if u.disabled { t_string!(i18n, enable) } else { t_string!(i18n, disable) }}
                                                        </button>
                                                    })}
                                                </span>
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

#[component]
fn UserForm(
    existing: Option<UserView>,
    teams: TeamsResource,
    on_done: Callback<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_new = existing.is_none();
    let id = existing.as_ref().map(|u| u.id).unwrap_or_default();
    let email = RwSignal::new(
        existing
            .as_ref()
            .map(|u| u.email.clone())
            .unwrap_or_default(),
    );
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|u| u.display_name.clone())
            .unwrap_or_default(),
    );
    let role = RwSignal::new(existing.as_ref().map(|u| u.role).unwrap_or(Role::Chw));
    let team = RwSignal::new(
        existing
            .as_ref()
            .map(|u| u.team_id.to_string())
            .unwrap_or_default(),
    );
    let password = RwSignal::new(String::new());
    // One command per saved change: a retry after a lost response reuses the
    // id, so the server applies it once.
    let meta = RwSignal::new(match &existing {
        Some(u) => CommandMeta::update(u.version),
        None => CommandMeta::create(),
    });
    let save = Action::new(move |(meta, draft): &(CommandMeta, UserDraft)| {
        let (meta, draft) = (*meta, draft.clone());
        async move {
            if is_new {
                create_user(meta, id, draft).await
            } else {
                update_user(meta, id, draft).await
            }
        }
    });
    let error = move || save.value().get().and_then(|r| r.err());
    let fields = Signal::derive(move || error().and_then(|e| e.fields().cloned()));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => on_done.run(true),
        Some(Err(AppError::Conflict {
            current_version, ..
        })) => {
            // Keep what the admin typed; the next save is made against the
            // version they have now been shown.
            meta.set(CommandMeta::update(Version(current_version)));
        }
        _ => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = UserDraft {
            email: email.get_untracked(),
            display_name: name.get_untracked(),
            role: role.get_untracked(),
            team_id: team.get_untracked().parse::<TeamId>().ok(),
            password: password.get_untracked(),
        };
        save.dispatch((meta.get_untracked(), draft));
    };
    let conflict = move || match error() {
        Some(AppError::Conflict { current, .. }) => serde_json::from_str::<UserView>(&current).ok(),
        _ => None,
    };
    view! {
        <form class="form card" on:submit=submit>
            <h2>{if is_new { t_string!(i18n, new_user) } else { t_string!(i18n, edit_user) }}</h2>
            <div class="field">
                <label for="u-email">{t!(i18n, email)}</label>
                <input id="u-email" type="email" autocomplete="off" prop:value=email disabled=!is_new
                    on:input=move |ev| email.set(event_target_value(&ev)) aria-describedby="u-email-error" />
                <FieldMsg errors=fields field="email" id="u-email-error" />
            </div>
            <div class="field">
                <label for="u-name">{t!(i18n, display_name)}</label>
                <input id="u-name" type="text" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))
                    aria-describedby="u-name-error" />
                <FieldMsg errors=fields field="display_name" id="u-name-error" />
            </div>
            <div class="field">
                <label for="u-role">{t!(i18n, role)}</label>
                <select id="u-role" on:change=move |ev| {
                    if let Ok(r) = event_target_value(&ev).parse::<Role>() { role.set(r) }
                }>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || role.get() == r><RoleLabel role=r /></option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="u-team">{t!(i18n, team)}</label>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let list = teams.await.unwrap_or_default();
                        view! {
                            <select id="u-team" on:change=move |ev| team.set(event_target_value(&ev)) aria-describedby="u-team-error">
                                <option value="" selected=move || team.get().is_empty()>{t!(i18n, choose_team)}</option>
                                {list.into_iter().map(|t| {
                                    let v = t.id.to_string();
                                    let v2 = v.clone();
                                    view! { <option value=v selected=move || team.get() == v2>{t.name}</option> }
                                }).collect_view()}
                            </select>
                        }
                    })}
                </Suspense>
                <FieldMsg errors=fields field="team_id" id="u-team-error" />
            </div>
            <div class="field">
                <label for="u-password">{if is_new { t_string!(i18n, initial_password) } else { t_string!(i18n, new_password_optional) }}</label>
                <input id="u-password" type="password" autocomplete="new-password" prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev)) aria-describedby="u-password-error" />
                <FieldMsg errors=fields field="password" id="u-password-error" />
            </div>
            {move || error().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox error=e /> })}
            {move || conflict().map(|u| view! {
                <div class="conflict" role="status">
                    <p><strong>{u.display_name}</strong> " · " <RoleLabel role=u.role /> " · " {u.team_name}</p>
                </div>
            })}
            <div class="actions">
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { t_string!(i18n, saving) } else { t_string!(i18n, save) }}
                </button>
                <button type="button" class="secondary" on:click=move |_| on_done.run(false)>{t!(i18n, cancel)}</button>
            </div>
        </form>
    }
}

#[component]
pub fn TeamsPage() -> impl IntoView {
    let i18n = use_i18n();
    let teams: TeamsResource = Resource::new(|| (), |_| list_teams());
    let new_name = RwSignal::new(String::new());
    let meta = RwSignal::new(CommandMeta::create());
    let new_id = RwSignal::new(TeamId::new());
    let create = Action::new(|(meta, id, name): &(CommandMeta, TeamId, String)| {
        let (meta, id, name) = (*meta, *id, name.clone());
        async move { create_team(meta, id, name).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            new_name.set(String::new());
            meta.set(CommandMeta::create());
            new_id.set(TeamId::new());
            teams.refetch();
        }
    });
    let fields = Signal::derive(move || {
        create
            .value()
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.fields().cloned())
    });
    view! {
        <Title text=move || t_string!(i18n, teams_title).to_string() />
        <section class="page">
            <AdminTabs />
            <h1>{t!(i18n, teams_title)}</h1>
            <RequireAuth children=move |_me| view! {
                <form class="form card" on:submit=move |ev| {
                    ev.prevent_default();
                    create.dispatch((meta.get_untracked(), new_id.get_untracked(), new_name.get_untracked()));
                }>
                    <h2>{t!(i18n, new_team)}</h2>
                    <div class="field">
                        <label for="t-name">{t!(i18n, team_name)}</label>
                        <input id="t-name" type="text" prop:value=new_name on:input=move |ev| new_name.set(event_target_value(&ev))
                            aria-describedby="t-name-error" />
                        <FieldMsg errors=fields field="name" id="t-name-error" />
                    </div>
                    <button type="submit" class="primary" disabled=move || create.pending().get()>{t!(i18n, save)}</button>
                </form>
                <Suspense fallback=|| view! { <Loading /> }>
                    {move || Suspend::new(async move {
                        match teams.await {
                            Ok(list) => view! {
                                <ul class="list" role="list">
                                    {list.into_iter().map(|t| view! { <TeamRow team=t on_saved=Callback::new(move |_| teams.refetch()) /> }).collect_view()}
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

#[component]
fn TeamRow(team: TeamView, on_saved: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let editing = RwSignal::new(false);
    let name = RwSignal::new(team.name.clone());
    let meta = RwSignal::new(CommandMeta::update(team.version));
    let id = team.id;
    let rename = Action::new(move |(meta, name): &(CommandMeta, String)| {
        let (meta, name) = (*meta, name.clone());
        async move { rename_team(meta, id, name).await }
    });
    Effect::new(move |_| match rename.value().get() {
        Some(Ok(_)) => {
            editing.set(false);
            on_saved.run(());
        }
        Some(Err(AppError::Conflict {
            current_version, ..
        })) => meta.set(CommandMeta::update(Version(current_version))),
        _ => {}
    });
    let error = move || rename.value().get().and_then(|r| r.err());
    let fields = Signal::derive(move || error().and_then(|e| e.fields().cloned()));
    let disabled = team.disabled;
    let toggle = Action::new(move |meta: &CommandMeta| {
        let meta = *meta;
        async move { set_team_disabled(meta, id, !disabled).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = toggle.value().get() {
            on_saved.run(());
        }
    });
    let toggle_fields = Signal::derive(move || {
        toggle
            .value()
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.fields().cloned())
    });
    let toggle_err_id: &'static str = "team-disable-error";
    let input_id = format!("team-{id}");
    let err_id: &'static str = "team-rename-error";
    view! {
        <li class="list-row">
            <span class="list-title">{team.name.clone()}</span>
            <span class="list-sub">{t!(i18n, members)} ": " {team.members}</span>
            <span class="list-sub">{if disabled { t_string!(i18n, disabled) } else { t_string!(i18n, active) }}</span>
            <FieldMsg errors=toggle_fields field="disabled" id=toggle_err_id />
            {move || if editing.get() {
                let input_id = input_id.clone();
                view! {
                    <form class="form inline" on:submit=move |ev| {
                        ev.prevent_default();
                        rename.dispatch((meta.get_untracked(), name.get_untracked()));
                    }>
                        <label for=input_id.clone()>{t!(i18n, team_name)}</label>
                        <input id=input_id type="text" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) aria-describedby=err_id />
                        <FieldMsg errors=fields field="name" id=err_id />
                        {move || error().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox error=e /> })}
                        <button type="submit" class="primary">{t!(i18n, save)}</button>
                        <button type="button" class="secondary" on:click=move |_| editing.set(false)>{t!(i18n, cancel)}</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <span class="row-actions">
                        <button type="button" class="secondary" on:click=move |_| editing.set(true)>{t!(i18n, rename)}</button>
                        <button type="button" class="secondary" aria-describedby=toggle_err_id
                            on:click=move |_| { toggle.dispatch(meta.get_untracked()); }>
                            {if disabled { t_string!(i18n, enable) } else { t_string!(i18n, disable) }}
                        </button>
                    </span>
                }.into_any()
            }}
        </li>
    }
}
