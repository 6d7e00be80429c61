//! The care-coordination app: Leptos components, routes and server functions.
//!
//! Layout: `shell` is the mobile app frame (header, bottom navigation,
//! routes); `features/*` holds one folder per feature with its types, server
//! functions (`api`), pages and server-only storage (`store`); `platform` is
//! the server-side foundation (database, sessions, commands, audit,
//! authorization). Domain rules live in the `domain` crate.

#![recursion_limit = "256"]

pub mod error;
pub mod features;
#[cfg(feature = "ssr")]
pub mod platform;
pub mod shell;

#[allow(deprecated)]
mod i18n_gen {
    // Generated from `locales/*.json` at compile time: every key is checked
    // in both languages.
    leptos_i18n::load_locales!();
}
pub use i18n_gen::i18n;

pub use shell::{App, shell};

/// Browser entry point after server rendering.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    mark_started();
}

/// Browser entry point for the offline app shell (`/app-shell`, served by
/// the service worker when the network is down): renders the app on the
/// client for whatever URL the browser is at, with no server HTML to match.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_csr() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    mark_started();
}

/// Tells scripts and end-to-end tests that the app is interactive.
#[cfg(feature = "hydrate")]
fn mark_started() {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__carelinkHydrated".into(), &true.into());
    }
}
