//! The home page: what the course is, the map of its ten chapters, and the labs.

use content::ChapterSummary;
use labs::catalog::{LABS, LabStatus};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::api::get_course_map;
use crate::progress::ReadingStatus;
use crate::reading::Reading;

/// The course map.
#[component]
pub fn Home() -> impl IntoView {
    let map = Resource::new(|| (), |_| get_course_map());
    view! {
        <Title text="Learn to train LoRAs"/>
        <section class="hero">
            <p class="eyebrow">"An interactive course"</p>
            <h1>"Find the sweet spot"</h1>
            <p class="lede">
                "Learn to train LoRA adapters for image models by watching real trainings of our own miniature painter, chapter by chapter."
            </p>
        </section>
        <Suspense fallback=|| view! { <p class="loading">"Loading the course map…"</p> }>
            {move || Suspend::new(async move {
                match map.await {
                    Ok(chapters) => view! { <CourseMap chapters/> }.into_any(),
                    Err(error) => view! {
                        <p class="load-error" role="alert">
                            "The course map could not be loaded: " {error.to_string()}
                        </p>
                    }.into_any(),
                }
            })}
        </Suspense>
        <LabsTeaser/>
    }
}

#[component]
fn CourseMap(chapters: Vec<ChapterSummary>) -> impl IntoView {
    let reading = Reading::from_context();
    let total = chapters.len();
    let summary = {
        let chapters = chapters.clone();
        move || {
            let progress = reading.get();
            let done = progress.finished_count(&chapters);
            let next = progress.next_up(&chapters).map(|c| {
                (
                    format!("/learn/{}", c.slug),
                    format!("Continue with chapter {}: {}", c.number, c.title),
                )
            });
            (done, next)
        }
    };
    let items = chapters
        .into_iter()
        .map(|chapter| {
            let slug = chapter.slug.clone();
            let status = Memo::new(move |_| reading.get().status(&slug));
            let badge = move || match status.get() {
                ReadingStatus::Finished => "Read",
                ReadingStatus::Started => "Started",
                ReadingStatus::Unread => "",
            };
            view! {
                <li class="chapter-card" data-status=move || format!("{:?}", status.get()).to_lowercase()>
                    <A href=format!("/learn/{}", chapter.slug)>
                        <span class="chapter-number">{format!("Chapter {}", chapter.number)}</span>
                        <span class="chapter-title">{chapter.title}</span>
                        <span class="chapter-lede">{chapter.lede}</span>
                        <span class="chapter-badge">{badge}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="course-map" aria-labelledby="map-heading">
            <div class="section-head">
                <h2 id="map-heading">"The ten chapters"</h2>
                <p class="progress-line" data-testid="progress-line">
                    {move || {
                        let (done, next) = summary();
                        let line = format!("{done} of {total} chapters read");
                        match next {
                            Some((href, label)) => view! {
                                {line} " · " <A href=href>{label}</A>
                            }.into_any(),
                            None => view! { {line} }.into_any(),
                        }
                    }}
                </p>
            </div>
            <ol class="chapter-list">{items}</ol>
        </section>
    }
}

#[component]
fn LabsTeaser() -> impl IntoView {
    view! {
        <section class="labs-teaser" aria-labelledby="labs-heading">
            <h2 id="labs-heading">"The labs"</h2>
            <p>"Where the training really happens: sliders over real checkpoints, live runs in your browser, and two games."</p>
            <labs::GamesPlayed/>
            <ul class="lab-list">
                {LABS.iter().map(|lab| view! {
                    <li class="lab-chip" data-status=if lab.status == LabStatus::Live { "live" } else { "coming" }>
                        <A href=lab.href()>{lab.title}</A>
                        {(lab.status == LabStatus::Coming).then(|| view! { <span class="tag">"coming"</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
