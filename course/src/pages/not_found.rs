//! The page for addresses we do not have, served with a real 404 status.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Says the page does not exist and offers the ways back in.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <section class="not-found">
            <p class="eyebrow">"404"</p>
            <h1>"This page is not in the album"</h1>
            <p>
                "We looked, but nothing lives at this address. It may have moved, or the link may have a typo."
            </p>
            <ul class="not-found-links">
                <li><A href="/">"See all ten chapters"</A></li>
                <li><A href="/learn/painter-and-bracelet">"Start with chapter 1"</A></li>
                <li><A href="/labs">"Visit the labs"</A></li>
            </ul>
        </section>
    }
}
