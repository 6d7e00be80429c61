//! The home page: who is signed in and their caseload at a glance.

use crate::features::patients::api::my_patients;
use crate::i18n::*;
use crate::shell::{ErrorBox, Loading, RequireAuth};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let patients = Resource::new(|| (), |_| my_patients());
    view! {
        <Title text=move || t_string!(i18n, nav_home).to_string() />
        <section class="page">
            <RequireAuth children=move |me| {
                let name = me.display_name.clone();
                view! {
                    <h1>{t!(i18n, hello, name = move || name.clone())}</h1>
                    <p class="muted">{t!(i18n, home_intro)}</p>
                    <Suspense fallback=|| view! { <Loading /> }>
                        {move || Suspend::new(async move {
                            match patients.await {
                                Ok(list) => {
                                    let count = list.len();
                                    view! {
                                        <div class="card">
                                            <p class="stat">{t!(i18n, caseload_count, count = move || count)}</p>
                                            <A href="/patients" attr:class="button">{t!(i18n, open_caseload)}</A>
                                        </div>
                                    }
                                    .into_any()
                                }
                                Err(e) => view! { <ErrorBox error=e /> }.into_any(),
                            }
                        })}
                    </Suspense>
                }
            } />
        </section>
    }
}
