//! The bench: the form that starts a training run, each knob with the planner's
//! advice beside it. `/teach` shows it with the defaults of a new run; a run's
//! page shows it filled with that run's settings ("duplicate with changes").
//! A plain HTML form posting to the API, so it works without JavaScript.

use leptos::prelude::*;

use crate::runs::BenchValues;

/// A field with its advice.
pub(super) fn knob(label: &'static str, input: AnyView, advice: &'static str) -> AnyView {
    view! {
        <div class="knob">
            <label>{label} {input}</label>
            <p class="advice">{advice}</p>
        </div>
    }
    .into_any()
}

/// The bench form. `album` is the album field (a choice on `/teach`, fixed
/// when duplicating); `values` fill the other fields.
pub(super) fn bench_form(album: AnyView, values: BenchValues, submit: &'static str) -> AnyView {
    let layouts = ["fal", "comfy"].map(|layout| {
        view! { <option value=layout selected=values.layout == layout>{layout}</option> }
    });
    view! {
        <form method="post" action="/api/jobs/form" class="bench">
            {album}
            {knob("Trigger phrase", view! { <input name="trigger_phrase" value=values.trigger required/> }.into_any(),
                "The call word your captions use; prompts then summon what it learned.")}
            {knob("Default caption", view! { <input name="default_caption" value=values.default_caption/> }.into_any(),
                "For photos without a caption file; leave empty if every photo has one.")}
            {knob("Steps", view! { <input name="steps" type="number" min="1" value=values.steps/> }.into_any(),
                "Aim for 20 to 100 looks per photo (steps ÷ photos); the presets plan in hundreds.")}
            {knob("Learning rate", view! { <input name="learning_rate" value=values.learning_rate/> }.into_any(),
                "Raise the rate or the steps, not both: together they overcook.")}
            {knob("Rank", view! { <input name="rank" type="number" min="1" max="128" value=values.rank/> }.into_any(),
                "The bracelet's thickness: 4 to 16 is plenty for one subject.")}
            {knob("Style", view! { <input type="checkbox" name="is_style" checked=values.is_style/> }.into_any(),
                "Tick when the album teaches a look rather than a subject.")}
            {knob("Validation prompts", view! { <textarea name="validation_prompts">{values.validation_prompts}</textarea> }.into_any(),
                "One per line, painted at every validation so you can watch the run learn.")}
            {knob("Validate every", view! { <input name="validation_every" type="number" min="1" value=values.validation_every/> }.into_any(),
                "Steps between validations and checkpoints.")}
            {knob("LoRA layout", view! { <select name="output_lora_format">{layouts}</select> }.into_any(),
                "fal (diffusers) or comfy (kohya) key names; the other is always one click away.")}
            {knob("Seed", view! { <input name="seed" type="number" min="0" value=values.seed/> }.into_any(),
                "The same seed and settings train the same LoRA again.")}
            <button type="submit">{submit}</button>
        </form>
    }
    .into_any()
}
