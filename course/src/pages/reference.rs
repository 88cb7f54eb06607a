//! The reference pages beside the chapters: the field guide (`/field-guide`) and
//! the glossary (`/glossary`). Both are rendered at build time as a
//! [`content::Page`] and shown the same way.

use content::Page;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::get_page;
use crate::pages::NotFound;
use crate::pages::prose::{Contents, ProseBody};

/// Loads and shows the reference page `slug`.
#[component]
pub fn ReferenceView(
    /// `field-guide` or `glossary`.
    slug: &'static str,
) -> impl IntoView {
    let page = Resource::new(move || slug, |slug| get_page(slug.to_owned()));
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Some(page)) => view! { <Reference page slug/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! {
                        <p class="load-error" role="alert">
                            "This page could not be loaded: " {error.to_string()}
                        </p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Reference(page: Page, slug: &'static str) -> impl IntoView {
    view! {
        <Title text=page.title.clone()/>
        <Meta name="description" content=page.lede.clone()/>
        <article class="chapter reference" data-page=slug>
            <header class="chapter-head">
                <p class="eyebrow">"Reference"</p>
                <h1>{page.title}</h1>
                <p class="lede">{page.lede}</p>
            </header>
            <Contents toc=page.toc/>
            <ProseBody blocks=page.blocks/>
        </article>
    }
}
