//! `/teach`: the instructor's page. Signed out, a sign-in form; signed in, the
//! bench (a new training run on a built-in album, each knob with the planner's
//! advice beside it), the runs with their progress, and the class link. Plain
//! HTML forms posting to the API, so it works without JavaScript; a refusal
//! comes back as `?error=`.

use leptos::prelude::*;
use leptos_meta::Title;

use super::runs::{ErrorNote, Runs};
use crate::api::get_my_runs;

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

/// A field with its advice.
fn knob(label: &'static str, input: AnyView, advice: &'static str) -> AnyView {
    view! {
        <div class="knob">
            <label>{label} {input}</label>
            <p class="advice">{advice}</p>
        </div>
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
    view! {
        <section class="run-bench">
            <h2>"New training run"</h2>
            <form method="post" action="/api/jobs/form" class="bench">
                {knob("Album", view! { <select name="album">{options}</select> }.into_any(),
                    "Twenty or so varied photos teach better than many alike.")}
                {knob("Trigger phrase", view! { <input name="trigger_phrase" value="TOK" required/> }.into_any(),
                    "The call word your captions use; prompts then summon what it learned.")}
                {knob("Default caption", view! { <input name="default_caption"/> }.into_any(),
                    "For photos without a caption file; leave empty if every photo has one.")}
                {knob("Steps", view! { <input name="steps" type="number" min="1" value="1000"/> }.into_any(),
                    "Aim for 20 to 100 looks per photo (steps ÷ photos); the presets plan in hundreds.")}
                {knob("Learning rate", view! { <input name="learning_rate" value="0.001"/> }.into_any(),
                    "Raise the rate or the steps, not both: together they overcook.")}
                {knob("Rank", view! { <input name="rank" type="number" min="1" max="128" value="8"/> }.into_any(),
                    "The bracelet's thickness: 4 to 16 is plenty for one subject.")}
                {knob("Style", view! { <input type="checkbox" name="is_style"/> }.into_any(),
                    "Tick when the album teaches a look rather than a subject.")}
                {knob("Validation prompts", view! { <textarea name="validation_prompts">"a photo of TOK on a beach"</textarea> }.into_any(),
                    "One per line, painted at every validation so you can watch the run learn.")}
                {knob("Validate every", view! { <input name="validation_every" type="number" min="1" value="100"/> }.into_any(),
                    "Steps between validations and checkpoints.")}
                {knob("LoRA layout", view! { <select name="output_lora_format"><option value="fal">"fal"</option><option value="comfy">"comfy"</option></select> }.into_any(),
                    "fal (diffusers) or comfy (kohya) key names; the other is always one click away.")}
                {knob("Seed", view! { <input name="seed" type="number" min="0" value="0"/> }.into_any(),
                    "The same seed and settings train the same LoRA again.")}
                <button type="submit">"Start training"</button>
            </form>
        </section>
    }
    .into_any()
}
