//! The app: routes, and the layout every page shares.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::pages::{
    ChapterView, ClassPage, Home, LabsPage, NotFound, PlannerPage, ReferenceView, RunPage,
    StopRunPage, TeachPage,
};
use crate::reading::Reading;

/// The course site.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    Reading::provide();
    // Only the browser runs effects: this attribute tells tests (and curious
    // readers) that the page is hydrated and interactive.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Title formatter=|title: String| {
            if title.is_empty() { "Sweet Spot".to_owned() } else { format!("{title} · Sweet Spot") }
        }/>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    "Sweet Spot"
                </A>
                <nav aria-label="Site">
                    <A href="/">"Course"</A>
                    <A href="/labs">"Labs"</A>
                    <A href="/field-guide">"Field guide"</A>
                    <A href="/glossary">"Glossary"</A>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=Home ssr=SsrMode::Async/>
                    <Route path=path!("/learn/:slug") view=ChapterView ssr=SsrMode::Async/>
                    <Route path=path!("/labs") view=LabsPage/>
                    <Route
                        path=path!("/field-guide")
                        view=|| view! { <ReferenceView slug="field-guide"/> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/glossary")
                        view=|| view! { <ReferenceView slug="glossary"/> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/labs/planner") view=PlannerPage/>
                    <Route path=path!("/labs/stop-the-run") view=StopRunPage/>
                    <Route path=path!("/runs/:id") view=RunPage ssr=SsrMode::Async/>
                    <Route path=path!("/class/:token") view=ClassPage ssr=SsrMode::Async/>
                    <Route path=path!("/teach") view=TeachPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>
                    "Every image and curve in this course comes from a real, reproducible training run of our miniature painter."
                </p>
            </footer>
        </Router>
    }
}
