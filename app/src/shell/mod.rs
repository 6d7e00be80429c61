//! The mobile app shell: document, router, header, bottom navigation.

mod components;
mod not_found;

pub use components::*;

use crate::error::AppError;
use crate::features::accounts::pages::{TeamsPage, UsersPage};
use crate::features::audit::pages::AccessLogPage;
use crate::features::auth::Me;
use crate::features::auth::api::current_user;
use crate::features::auth::pages::{AccountPage, LoginPage};
use crate::features::home::HomePage;
use crate::features::patients::new::NewPatientPage;
use crate::features::patients::pages::{PatientPage, PatientsPage};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use not_found::NotFound;

/// The server-rendered document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The service worker is registered in release deployments only: a
    // cached WASM from a development rebuild would break hydration.
    let register_sw = options.env == leptos::config::Env::PROD;
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <meta name="theme-color" content="#0b5563" />
                <link rel="icon" href="/icons/icon-192.png" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                {register_sw.then(|| view! { <script type="module" src="/sw-register.js"></script> })}
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Who is signed in, loaded once per page and shared.
#[derive(Clone, Copy)]
pub struct AuthCx {
    pub me: Resource<Result<Me, AppError>>,
}

/// The Content-Security-Policy of server-rendered pages: only this origin's
/// scripts plus the inline hydration script carrying this response's nonce.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{nonce}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
         form-action 'self'"
    )
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let nonce = leptos::nonce::use_nonce();
        if let Ok(v) = http::HeaderValue::from_str(&content_security_policy(nonce.as_deref())) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
    let me = Resource::new(|| (), |_| current_user());
    provide_context(AuthCx { me });

    view! {
        <I18nContextProvider>
            <Stylesheet id="leptos" href="/pkg/app.css" />
            <Link rel="manifest" href="/manifest.webmanifest" />
            <Meta name="description" content="Care coordination for community health teams" />
            <Title formatter=|t: String| if t.is_empty() { "Carelink".to_string() } else { format!("{t} · Carelink") } />
            <Router>
                <Frame />
            </Router>
        </I18nContextProvider>
    }
}

#[component]
fn Frame() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <Header />
        <UpdateBanner />
        <OfflineBanner />
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFound /> }>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/patients") view=PatientsPage />
                <Route path=path!("/patients/new") view=NewPatientPage />
                <Route path=path!("/patients/:id") view=PatientPage />
                <Route path=path!("/patients/:id/access") view=AccessLogPage />
                <Route path=path!("/admin/users") view=UsersPage />
                <Route path=path!("/admin/teams") view=TeamsPage />
                <Route path=path!("/account") view=AccountPage />
            </Routes>
        </main>
        <BottomNav />
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<AuthCx>();
    let online = use_online();
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">{t!(i18n, app_name)}</A>
            <span class="net" class:net-off=move || !online.get() role="status" aria-live="polite">
                <span class="net-dot" aria-hidden="true"></span>
                {move || if online.get() { t_string!(i18n, online) } else { t_string!(i18n, offline) }}
            </span>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    auth.me.await.ok().map(|me| view! {
                        <A href="/account" attr:class="whoami">
                            <span class="whoami-name">{me.display_name}</span>
                            <span class="whoami-role"><RoleLabel role=me.role /></span>
                        </A>
                    })
                })}
            </Transition>
        </header>
    }
}

#[component]
fn BottomNav() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<AuthCx>();
    view! {
        <nav class="bottom-nav" aria-label=move || t_string!(i18n, nav_main)>
            <A href="/" exact=true>
                <span class="nav-icon" aria-hidden="true">"⌂"</span>
                <span>{t!(i18n, nav_home)}</span>
            </A>
            <A href="/patients">
                <span class="nav-icon" aria-hidden="true">"☰"</span>
                <span>{t!(i18n, nav_patients)}</span>
            </A>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    auth.me.await.ok().filter(|m| m.role.is_admin()).map(|_| view! {
                        <A href="/admin/users">
                            <span class="nav-icon" aria-hidden="true">"⚙"</span>
                            <span>{t!(i18n, nav_admin)}</span>
                        </A>
                    })
                })}
            </Transition>
            <A href="/account">
                <span class="nav-icon" aria-hidden="true">"◉"</span>
                <span>{t!(i18n, nav_account)}</span>
            </A>
        </nav>
    }
}
