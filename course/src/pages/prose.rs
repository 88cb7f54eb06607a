//! What every page of prose shares: its body (HTML runs and widgets, with the
//! glossary tooltips' handlers) and its "On this page" list.

use content::{Block, TocEntry};
use labs::Widget;
use leptos::prelude::*;

use crate::term_tips::TermTips;

/// A chapter's or the field guide's body.
///
/// The HTML runs come from our own Markdown, rendered at build time; widgets get
/// ids `w0`, `w1` … by their position, unique on the page.
#[component]
pub(crate) fn ProseBody(blocks: Vec<Block>) -> impl IntoView {
    let tips = TermTips::new();
    let blocks = blocks
        .into_iter()
        .enumerate()
        .map(|(index, block)| match block {
            Block::Html(html) => view! { <div class="prose" inner_html=html></div> }.into_any(),
            Block::Widget(call) => view! { <Widget call id=format!("w{index}")/> }.into_any(),
        })
        .collect_view();
    view! {
        <div
            class="chapter-body"
            on:pointerdown=move |event| tips.pointer_down(event)
            on:click=move |event| tips.click(event)
            on:keydown=move |event| tips.key_down(event)
            on:focusout=move |event| tips.focus_out(event)
            on:pointerout=move |event| tips.pointer_out(event)
        >
            {blocks}
        </div>
    }
}

/// The list of a page's second- and third-level headings.
#[component]
pub(crate) fn Contents(toc: Vec<TocEntry>) -> impl IntoView {
    (!toc.is_empty()).then(|| {
        view! {
            <nav class="toc" aria-label="On this page">
                <p class="toc-title">"On this page"</p>
                <ol>
                    {toc.into_iter().map(|entry| view! {
                        <li class=format!("toc-level-{}", entry.level)>
                            <a href=format!("#{}", entry.id)>{entry.text}</a>
                        </li>
                    }).collect_view()}
                </ol>
            </nav>
        }
    })
}
