//! The lab engine's mistakes reach the page as messages in plain words: a
//! weights URL that does not exist, and a prompt with a word the painter does
//! not know.

use anyhow::{Context, ensure};
use e2e::{BrowserOptions, Site, with_browser};

/// Starts the CPU worker, asks it to load from a missing URL, then from the
/// right one, then to paint an unknown word, and returns every message it
/// answered with.
const ASK: &str = r#"
const done = arguments[arguments.length - 1];
const [badLoad, load, sample] = arguments;
const worker = new Worker("/pkg/engine/worker.js", { type: "module" });
const seen = [];
worker.onmessage = (e) => {
  const m = JSON.parse(e.data);
  seen.push(m);
  // Messages sent before the worker listens are lost: it says when it does.
  if (m === "Started") worker.postMessage(badLoad);
  if (m.Failed) worker.postMessage(load);
  if (m.Ready) worker.postMessage(sample);
  if (m.Refused) { worker.terminate(); done(seen); }
};
worker.onerror = (e) => done({ error: String(e.message) });
"#;

#[tokio::test]
async fn engine_mistakes_reach_the_page_in_words() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        client.goto(&site.url("/")).await?;
        let load = |base: &str| lab_engine::ToEngine::Load {
            base_url: format!("/assets/base/{base}"),
            judges_url: "/assets/judges/judges.safetensors".into(),
        };
        let sample = lab_engine::ToEngine::Sample {
            id: 4,
            prompt: "a photo of a unicorn".into(),
            seed: 1,
            lora_scale: None,
        };
        let answers = client
            .execute_async(
                ASK,
                vec![
                    load("no-such-painter.safetensors").to_json().into(),
                    load("tiny.safetensors").to_json().into(),
                    sample.to_json().into(),
                ],
            )
            .await?;
        ensure!(
            answers.get("error").is_none(),
            "the worker broke: {answers}"
        );
        let answers: Vec<lab_engine::FromEngine> = answers
            .as_array()
            .context("a list of messages")?
            .iter()
            .map(|m| serde_json::from_value(m.clone()))
            .collect::<Result<_, _>>()?;
        let failed = answers
            .iter()
            .find_map(|m| match m {
                lab_engine::FromEngine::Failed { message } => Some(message.clone()),
                _ => None,
            })
            .context("the missing weights are reported")?;
        ensure!(
            failed.contains("painter") && failed.contains("404"),
            "the message names what and why: {failed:?}"
        );
        let refused = answers
            .iter()
            .find_map(|m| match m {
                lab_engine::FromEngine::Refused { id: 4, message } => Some(message.clone()),
                _ => None,
            })
            .context("the unknown word is refused")?;
        ensure!(refused.contains("unicorn"), "{refused:?}");
        Ok(())
    })
    .await
}
