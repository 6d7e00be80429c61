//! Sign-in page and the account page (language, sign-out).

use super::api::{Login, Logout};
use crate::i18n::*;
use crate::shell::{ErrorBox, FieldMsg, LanguageSwitch, RequireAuth, RoleLabel};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let expired = move || query.read().get("expired").is_some();
    let error = move || login.value().get().and_then(|r| r.err());
    let field_errors = Signal::derive(move || error().and_then(|e| e.fields().cloned()));
    let pending = login.pending();
    Effect::new(move |_| {
        if let Some(Ok(())) = login.value().get() {
            reload_at("/");
        }
    });
    view! {
        <Title text=move || t_string!(i18n, sign_in).to_string() />
        <section class="page narrow login">
            <h1>{t!(i18n, sign_in_title)}</h1>
            <p class="muted">{t!(i18n, sign_in_intro)}</p>
            {move || expired().then(|| view! { <p class="notice" role="status">{t!(i18n, session_expired)}</p> })}
            <ActionForm action=login attr:class="form">
                <div class="field">
                    <label for="email">{t!(i18n, email)}</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        inputmode="email"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        aria-describedby="email-error"
                    />
                    <FieldMsg errors=field_errors field="email" id="email-error" />
                </div>
                <div class="field">
                    <label for="password">{t!(i18n, password)}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        aria-describedby="password-error"
                    />
                    <FieldMsg errors=field_errors field="password" id="password-error" />
                </div>
                {move || error().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox error=e /> })}
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || if pending.get() { t_string!(i18n, signing_in) } else { t_string!(i18n, sign_in) }}
                </button>
            </ActionForm>
            <LanguageSwitch />
        </section>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            reload_at("/login");
        }
    });
    view! {
        <Title text=move || t_string!(i18n, account_title).to_string() />
        <section class="page narrow">
            <h1>{t!(i18n, account_title)}</h1>
            <RequireAuth children=move |me| {
                view! {
                    <dl class="facts">
                        <dt>{t!(i18n, display_name)}</dt>
                        <dd>{me.display_name}</dd>
                        <dt>{t!(i18n, email)}</dt>
                        <dd>{me.email}</dd>
                        <dt>{t!(i18n, role)}</dt>
                        <dd><RoleLabel role=me.role /></dd>
                        <dt>{t!(i18n, team)}</dt>
                        <dd>{me.team_name}</dd>
                    </dl>
                }
            } />
            <LanguageSwitch />
            <ActionForm action=logout attr:class="form">
                <button type="submit" class="secondary">{t!(i18n, sign_out)}</button>
            </ActionForm>
        </section>
    }
}

/// A full page load after signing in or out: the next page is rendered by
/// the server for the new session, and nothing of the previous one stays in
/// memory.
fn reload_at(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}
