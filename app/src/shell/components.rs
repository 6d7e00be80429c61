//! Shared building blocks of every page.

use super::AuthCx;
use crate::error::AppError;
use crate::features::auth::Me;
use crate::i18n::*;
use domain::Role;
use domain::validate::{FieldErrors, Invalid};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Renders `children` with the signed-in user; sends others to sign in.
#[component]
pub fn RequireAuth<F, IV>(children: F) -> impl IntoView
where
    F: Fn(Me) -> IV + Send + Sync + Clone + 'static,
    IV: IntoView + 'static,
{
    let auth = expect_context::<AuthCx>();
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {
                let children = children.clone();
                move || {
                    let children = children.clone();
                    Suspend::new(async move {
                        match auth.me.await {
                            Ok(me) => children(me).into_any(),
                            Err(AppError::SessionExpired) => {
                                view! { <Redirect path="/login?expired=1" /> }.into_any()
                            }
                            Err(AppError::Unauthenticated) => view! { <Redirect path="/login" /> }.into_any(),
                            Err(e) => view! { <ErrorBox error=e /> }.into_any(),
                        }
                    })
                }
            }
        </Suspense>
    }
}

/// A user-facing explanation of an error, in the user's language. A
/// session that ended meanwhile sends the user to sign in again.
#[component]
pub fn ErrorBox(error: AppError) -> impl IntoView {
    let redirect = match error {
        AppError::SessionExpired => Some("/login?expired=1"),
        AppError::Unauthenticated => Some("/login"),
        _ => None,
    };
    view! {
        {redirect.map(|path| view! { <Redirect path=path /> })}
        <p class="error" role="alert">{error_text(error)}</p>
    }
}

pub fn error_text(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::BadCredentials => t!(i18n, err_bad_credentials).into_any(),
        AppError::Throttled { retry_after_secs } => {
            let minutes = (retry_after_secs + 59) / 60;
            t!(i18n, err_throttled, minutes = move || minutes).into_any()
        }
        AppError::Unauthenticated => t!(i18n, err_unauthenticated).into_any(),
        AppError::SessionExpired => t!(i18n, session_expired).into_any(),
        AppError::Forbidden => t!(i18n, err_forbidden).into_any(),
        AppError::NotFound => t!(i18n, err_not_found).into_any(),
        AppError::Invalid(_) => t!(i18n, err_invalid).into_any(),
        AppError::Conflict { .. } => t!(i18n, err_conflict).into_any(),
        AppError::CommandReused => t!(i18n, err_command_reused).into_any(),
        AppError::BadRequest => t!(i18n, err_bad_request).into_any(),
        AppError::Network(_) => t!(i18n, err_network).into_any(),
        AppError::Internal => t!(i18n, err_internal).into_any(),
    }
}

pub fn invalid_text(problem: Invalid) -> impl IntoView {
    let i18n = use_i18n();
    match problem {
        Invalid::Required => t!(i18n, invalid_required).into_any(),
        Invalid::TooLong => t!(i18n, invalid_too_long).into_any(),
        Invalid::EmailFormat => t!(i18n, invalid_email_format).into_any(),
        Invalid::PasswordTooShort => t!(i18n, invalid_password_too_short).into_any(),
        Invalid::UnknownChoice => t!(i18n, invalid_unknown_choice).into_any(),
        Invalid::AlreadyTaken => t!(i18n, invalid_already_taken).into_any(),
        Invalid::SelfLockout => t!(i18n, invalid_self_lockout).into_any(),
        Invalid::HasActiveMembers => t!(i18n, invalid_has_active_members).into_any(),
        Invalid::PhoneFormat => t!(i18n, invalid_phone_format).into_any(),
        Invalid::DateFormat => t!(i18n, invalid_date_format).into_any(),
        Invalid::FutureDate => t!(i18n, invalid_future_date).into_any(),
        Invalid::ImplausibleDate => t!(i18n, invalid_implausible_date).into_any(),
    }
}

/// The message under a form field, if the last attempt refused it. The
/// message's id is what the input's `aria-describedby` points at.
#[component]
pub fn FieldMsg(
    #[prop(into)] errors: Signal<Option<FieldErrors>>,
    field: &'static str,
    #[prop(into)] id: String,
) -> impl IntoView {
    move || {
        errors.get().and_then(|e| e.get(field)).map(|p| {
            view! { <span class="field-error" id=id.clone()>{invalid_text(p)}</span> }
        })
    }
}

#[component]
pub fn RoleLabel(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    match role {
        Role::Chw => t!(i18n, role_chw).into_any(),
        Role::HousingNavigator => t!(i18n, role_housing_navigator).into_any(),
        Role::CaseManager => t!(i18n, role_case_manager).into_any(),
        Role::Supervisor => t!(i18n, role_supervisor).into_any(),
        Role::Admin => t!(i18n, role_admin).into_any(),
    }
}

/// Whether the browser reports a network connection. Always `true` while
/// rendering on the server; the real value arrives after hydration.
pub fn use_online() -> ReadSignal<bool> {
    if let Some(s) = use_context::<ReadSignal<bool>>() {
        return s;
    }
    let (online, set_online) = signal(true);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            if let Some(w) = web_sys::window() {
                set_online.set(w.navigator().on_line());
            }
        });
        let on = window_event_listener(leptos::ev::online, move |_| set_online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| set_online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_online;
    provide_context(online);
    online
}

#[component]
pub fn OfflineBanner() -> impl IntoView {
    let i18n = use_i18n();
    let online = use_online();
    move || {
        (!online.get()).then(|| view! { <p class="banner banner-offline" role="status">{t!(i18n, offline_banner)}</p> })
    }
}

/// Shown when the service worker has installed a new version. Reloading
/// never discards work: unsynced data lives on the device, not in the page.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let (ready, set_ready) = signal(false);
    #[cfg(feature = "hydrate")]
    {
        let handle =
            window_event_listener_untyped("carelink:update-ready", move |_| set_ready.set(true));
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_ready;
    let apply = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window()
            && let Ok(ev) = web_sys::Event::new("carelink:apply-update")
        {
            let _ = w.dispatch_event(&ev);
        }
    };
    move || {
        ready.get().then(|| {
            view! {
                <div class="banner banner-update" role="status">
                    <span>{t!(i18n, update_ready)}</span>
                    <button type="button" on:click=apply>{t!(i18n, reload_to_update)}</button>
                </div>
            }
        })
    }
}

/// English / Spanish switch; the choice is remembered in a cookie so the
/// server renders the next page in the same language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |l: Locale| move |_| i18n.set_locale(l);
    view! {
        <fieldset class="lang-switch">
            <legend>{t!(i18n, language)}</legend>
            <button type="button" lang="en" aria-pressed=move || (i18n.get_locale() == Locale::en).to_string() on:click=choose(Locale::en)>
                {t!(i18n, lang_en)}
            </button>
            <button type="button" lang="es" aria-pressed=move || (i18n.get_locale() == Locale::es).to_string() on:click=choose(Locale::es)>
                {t!(i18n, lang_es)}
            </button>
        </fieldset>
    }
}

/// What a page shows while its data loads.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status">{t!(i18n, loading)}</p> }
}
