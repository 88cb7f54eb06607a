//! A chapter page: "Chapter N of 10", title, lede, contents, body, neighbours.

use content::{ChapterPage, ChapterSummary};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::get_chapter;
use crate::pages::NotFound;
use crate::pages::prose::{Contents, ProseBody};
use crate::reading::Reading;

/// Loads the chapter named in the URL and shows it, or the 404 page.
#[component]
pub fn ChapterView() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, get_chapter);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the chapter…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(Some(page)) => view! { <ChapterBody page/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! {
                        <p class="load-error" role="alert">
                            "This chapter could not be loaded: " {error.to_string()}
                        </p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ChapterBody(page: ChapterPage) -> impl IntoView {
    let ChapterPage {
        chapter,
        total,
        prev,
        next,
    } = page;
    track_reading(chapter.slug.clone());
    view! {
        <Title text=chapter.title.clone()/>
        <Meta name="description" content=chapter.lede.clone()/>
        <article class="chapter" data-chapter=chapter.number>
            <header class="chapter-head">
                <p class="eyebrow">{format!("Chapter {} of {total}", chapter.number)}</p>
                <h1>{chapter.title}</h1>
                <p class="lede">{chapter.lede}</p>
            </header>
            <Contents toc=chapter.toc/>
            <ProseBody blocks=chapter.blocks/>
            <Neighbours prev next/>
        </article>
    }
}

#[component]
fn Neighbours(prev: Option<ChapterSummary>, next: Option<ChapterSummary>) -> impl IntoView {
    let link = |chapter: ChapterSummary, rel: &'static str, label: &'static str| {
        view! {
            <A href=format!("/learn/{}", chapter.slug) attr:rel=rel attr:class=format!("neighbour {rel}")>
                <span class="neighbour-label">{label}</span>
                <span class="neighbour-title">{format!("{}. {}", chapter.number, chapter.title)}</span>
            </A>
        }
    };
    view! {
        <nav class="neighbours" aria-label="Chapters">
            {prev.map(|c| link(c, "prev", "Previous chapter"))}
            {next.map(|c| link(c, "next", "Next chapter"))}
        </nav>
    }
}

/// Marks the chapter as started when shown, and as finished once the reader
/// reaches its end (checked on load and on every scroll).
fn track_reading(slug: String) {
    let reading = Reading::from_context();
    Effect::new(move |_| {
        let slug = slug.clone();
        reading.update(|p| p.start(&slug));
        #[cfg(feature = "hydrate")]
        {
            let finish_if_at_end = move || {
                let unfinished = reading.get_untracked().status(&slug)
                    != crate::progress::ReadingStatus::Finished;
                if unfinished && crate::reading::reached_end() {
                    reading.update(|p| p.finish(&slug));
                }
            };
            finish_if_at_end();
            let handle = window_event_listener(leptos::ev::scroll, move |_| finish_if_at_end());
            on_cleanup(move || handle.remove());
        }
    });
}
