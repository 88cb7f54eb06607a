//! The labs page: every lab, live ones usable right here, planned ones marked.

use content::WidgetCall;
use labs::Widget;
use labs::catalog::{LABS, LabStatus, live_count};
use leptos::prelude::*;
use leptos_meta::Title;

/// Lists the labs.
#[component]
pub fn LabsPage() -> impl IntoView {
    view! {
        <Title text="Labs"/>
        <section class="hero">
            <p class="eyebrow">"Labs"</p>
            <h1>"Try it with your own hands"</h1>
            <p class="lede">
                {format!("{} of {} labs are open today; the others are being built and are marked as coming.", live_count(), LABS.len())}
            </p>
        </section>
        <div class="lab-grid">
            {LABS.iter().map(|lab| {
                let live = lab.status == LabStatus::Live;
                view! {
                    <article class="lab-card" id=lab.slug data-status=if live { "live" } else { "coming" }>
                        <h2>{lab.title} {(!live).then(|| view! { <span class="tag">"coming"</span> })}</h2>
                        <p>{lab.summary}</p>
                        {(lab.slug == "scale").then(|| view! {
                            <Widget
                                call=WidgetCall { name: "scale-slider".to_owned(), params: vec![] }
                                id="lab-scale"
                            />
                        })}
                        {lab.page.map(|page| view! {
                            <p class="lab-open">
                                <a href=page>{format!("Open the {}", lab.title.to_lowercase())}</a>
                            </p>
                        })}
                    </article>
                }
            }).collect_view()}
        </div>
    }
}
