//! The WebGPU engine computes what the CPU engine computes: the same round,
//! started from the same seed in both workers, gives the same losses step by
//! step (to float rounding) and the same validations. On the CPU the round's
//! loss is checked to fall by the native tests of the same code.

use anyhow::{Context, ensure};
use e2e::{BrowserOptions, Site, with_browser};
use lab_engine::{FromEngine, ToEngine, TrainSetup};

/// Steps of the compared round (validated at half and at the end).
const STEPS: u32 = 12;

/// Runs `round` in the worker at `url` and returns its steps' losses and its
/// validations' hidden numbers, in order.
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
const [url, load, round] = arguments;
const worker = new Worker(url, { type: "module" });
const answers = [];
worker.onmessage = (e) => {
  const m = JSON.parse(e.data);
  if (m === "Started") worker.postMessage(load);
  if (m.Ready) { answers.push(m); worker.postMessage(round); }
  if (m.Step || m.Validation) answers.push(m);
  if (m.Failed) { worker.terminate(); done({ error: m.Failed.message }); }
  if (m.Finished) { worker.terminate(); done(answers); }
};
worker.onerror = (e) => done({ error: String(e.message) });
"#;

struct Run {
    device: String,
    losses: Vec<f32>,
    hidden: Vec<(u32, f32, f32)>,
}

async fn run(client: &fantoccini::Client, url: &str) -> anyhow::Result<Run> {
    let load = ToEngine::Load {
        base_url: "/assets/base/tiny.safetensors".into(),
        judges_url: "/assets/judges/judges.safetensors".into(),
    };
    let round = ToEngine::Train(TrainSetup {
        album: 8,
        rate_factor: 1.0,
        seed: 3,
        max_steps: STEPS,
        validate_every: STEPS / 2,
        prompts: vec!["a photo of TOK ceramic cat figurine on a beach".into()],
        sample_seed: 11,
    });
    let args = vec![url.into(), load.to_json().into(), round.to_json().into()];
    let answers = client.execute_async(RUN, args).await?;
    ensure!(answers.get("error").is_none(), "{url}: {answers}");
    let answers: Vec<FromEngine> = serde_json::from_value(answers).context("the answers")?;
    let mut out = Run {
        device: String::new(),
        losses: Vec::new(),
        hidden: Vec::new(),
    };
    for answer in answers {
        match answer {
            FromEngine::Ready { device, .. } => out.device = device,
            FromEngine::Step { loss, .. } => out.losses.push(loss),
            FromEngine::Validation { step, hidden, .. } => {
                out.hidden.push((step, hidden.identity, hidden.obedience));
            }
            _ => {}
        }
    }
    Ok(out)
}

#[tokio::test]
async fn webgpu_and_cpu_train_the_same_round_alike() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::webgpu(), |client| async move {
        client.goto(&site.url("/")).await?;
        let minutes = std::time::Duration::from_secs(600);
        e2e::allow_long_scripts(&client, minutes).await?;
        let cpu = run(&client, "/pkg/engine/worker.js").await?;
        let gpu = run(&client, "/pkg/engine-webgpu/worker.js?adapter=any").await?;
        ensure!(gpu.device.starts_with("WebGPU"), "{}", gpu.device);
        ensure!(cpu.losses.len() == STEPS as usize, "{:?}", cpu.losses);
        ensure!(gpu.losses.len() == cpu.losses.len(), "{:?}", gpu.losses);
        for (step, (c, g)) in cpu.losses.iter().zip(&gpu.losses).enumerate() {
            ensure!(
                (c - g).abs() <= 1e-3 + 0.01 * c.abs(),
                "step {}: CPU loss {c}, WebGPU loss {g}",
                step + 1
            );
        }
        let steps: Vec<u32> = gpu.hidden.iter().map(|h| h.0).collect();
        ensure!(steps == [STEPS / 2, STEPS], "validations at {steps:?}");
        println!(
            "losses, CPU {:?}\n        WebGPU {:?}\nhidden, CPU {:?}\n        WebGPU {:?}",
            cpu.losses, gpu.losses, cpu.hidden, gpu.hidden
        );
        Ok(())
    })
    .await
}
