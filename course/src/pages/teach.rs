//! `/teach`: the instructor's page. Signed out, a sign-in form; signed in, the
//! runs with their progress, the class link, the bench for a new run (on a
//! built-in album or an upload; see [`super::bench`]) and the upload form.
//! Plain HTML forms posting to the API, so it works without JavaScript; a
//! refusal comes back as `?error=`.

use leptos::prelude::*;
use leptos_meta::Title;

use super::bench::{bench_form, knob};
use super::runs::{ErrorNote, Runs};
use crate::api::get_my_runs;
use crate::runs::BenchValues;

/// `/teach`.
#[component]
pub fn TeachPage() -> impl IntoView {
    let list = Resource::new(|| (), |()| get_my_runs());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading your runs…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(Some(list)) => {
                        let albums = list.albums.clone();
                        let uploads = list.uploads.clone();
                        view! {
                            <ErrorNote/>
                            <Runs list heading="Your runs"/>
                            <Bench albums uploads/>
                            <Upload/>
                            <form method="post" action="/api/auth/logout" class="sign-out">
                                <button type="submit">"Sign out"</button>
                            </form>
                        }.into_any()
                    }
                    Ok(None) => view! { <SignIn/> }.into_any(),
                    Err(error) => view! { <p class="load-error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SignIn() -> AnyView {
    view! {
        <Title text="Instructors"/>
        <section class="hero">
            <h1>"Instructors"</h1>
            <p class="lede">"Sign in to see your training runs."</p>
        </section>
        <ErrorNote/>
        <form method="post" action="/api/auth/login" class="bench">
            <label>"Name" <input name="username" autocomplete="username" required/></label>
            <label>"Password" <input name="password" type="password" autocomplete="current-password" required/></label>
            <button type="submit">"Sign in"</button>
        </form>
    }
    .into_any()
}

/// Uploading an album: a plain multipart form.
#[component]
fn Upload() -> AnyView {
    view! {
        <section class="run-bench">
            <h2>"Upload an album"</h2>
            <form method="post" action="/api/albums/form" enctype="multipart/form-data" class="bench">
                {knob("Zip file", view! { <input type="file" name="album" accept=".zip,application/zip" required/> }.into_any(),
                    "Images with same-name .txt captions. Checked whole before it is kept: bad paths, links, archives inside and zip bombs are refused.")}
                {knob("Kind", view! { <select name="kind"><option value="subject">"subject"</option><option value="style">"style"</option></select> }.into_any(),
                    "A subject (one cat, one person) or a look.")}
                {knob("Default caption", view! { <input name="default_caption"/> }.into_any(),
                    "For photos without a caption file.")}
                <button type="submit">"Upload"</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn Bench(albums: Vec<String>, uploads: Vec<(String, String)>) -> AnyView {
    let builtin = albums
        .into_iter()
        .map(|a| view! { <option value=format!("builtin:{a}")>{a.clone()}</option> })
        .collect_view();
    let uploaded = uploads
        .into_iter()
        .map(|(id, name)| view! { <option value=format!("upload:{id}")>{name}</option> })
        .collect_view();
    let options = view! {
        <optgroup label="Your uploads">{uploaded}</optgroup>
        <optgroup label="The course's albums">{builtin}</optgroup>
    };
    let album = knob(
        "Album",
        view! { <select name="album">{options}</select> }.into_any(),
        "Twenty or so varied photos teach better than many alike.",
    );
    view! {
        <section class="run-bench">
            <h2>"New training run"</h2>
            {bench_form(album, BenchValues::default(), "Start training")}
        </section>
    }
    .into_any()
}
