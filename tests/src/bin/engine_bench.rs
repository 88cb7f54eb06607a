//! Times the lab engine's speed trial ([`lab_engine::speed`]) in headless
//! Chromium, once in the CPU worker and once in the WebGPU worker (on
//! SwiftShader's adapter here), and prints the results as one JSON line.
//! `cargo xtask bench engine` runs it after building the site; it needs the
//! same environment as the browser suite.

use anyhow::{Context, bail};
use e2e::{BrowserOptions, Site, with_browser};
use lab_engine::ToEngine;
use lab_engine::speed::{
    SAMPLES, Speed, TIMED_STEPS, WARM_UP_SAMPLES, WARM_UP_STEPS, round, sample,
};

/// Starts a worker, then times what the engine answers. Arguments: the
/// worker's URL, the load message, the pictures' messages, how many of them
/// are untimed, the round's message, the untimed and the timed step counts.
const TRIAL: &str = r#"
const done = arguments[arguments.length - 1];
const [url, load, samples, untimed, round, warmUp, timed] = arguments;
(async () => {
  const worker = new Worker(url, { type: "module" });
  const inbox = [];
  let wake = () => {};
  worker.onmessage = (e) => { inbox.push(JSON.parse(e.data)); wake(); };
  worker.onerror = (e) => { inbox.push({ Failed: { message: String(e.message) } }); wake(); };
  const until = async (test) => {
    for (;;) {
      const i = inbox.findIndex((m) => test(m) || m.Failed || m.Refused);
      if (i >= 0) {
        const m = inbox.splice(i, 1)[0];
        if (m.Failed || m.Refused) throw new Error((m.Failed || m.Refused).message);
        return m;
      }
      await new Promise((r) => { wake = r; });
    }
  };
  // Messages sent before the worker listens are lost: wait for it.
  await until((m) => m === "Started");
  worker.postMessage(load);
  const ready = await until((m) => m.Ready);
  const paint = async (s) => { worker.postMessage(s); await until((m) => m.Painted); };
  for (const s of samples.slice(0, untimed)) await paint(s);
  let start = performance.now();
  for (const s of samples.slice(untimed)) await paint(s);
  const sampleMs = (performance.now() - start) / (samples.length - untimed);
  worker.postMessage(round);
  for (let i = 0; i < warmUp; i++) await until((m) => m.Step);
  start = performance.now();
  for (let i = 0; i < timed; i++) await until((m) => m.Step);
  const stepsPerSecond = timed / ((performance.now() - start) / 1000);
  worker.terminate();
  return { device: ready.Ready.device, sample_ms: sampleMs, steps_per_second: stepsPerSecond };
})().then(done, (e) => done({ error: String(e) }));
"#;

async fn trial(site: &Site, worker: &str) -> anyhow::Result<Speed> {
    let speed = std::cell::RefCell::new(None);
    let answer = &speed;
    with_browser(BrowserOptions::webgpu(), move |client| async move {
        client.goto(&site.url("/")).await?;
        // WebGPU on a software adapter takes minutes; the default allows 30 s.
        let minutes = std::time::Duration::from_secs(900);
        e2e::allow_long_scripts(&client, minutes).await?;
        let json = |m: &ToEngine| serde_json::Value::String(m.to_json());
        let load = ToEngine::Load {
            base_url: "/assets/base/tiny.safetensors".into(),
            judges_url: "/assets/judges/judges.safetensors".into(),
        };
        let samples: Vec<serde_json::Value> = (0..WARM_UP_SAMPLES + SAMPLES)
            .map(|n| json(&sample(n)))
            .collect();
        let args = vec![
            serde_json::Value::String(worker.to_owned()),
            json(&load),
            serde_json::Value::Array(samples),
            WARM_UP_SAMPLES.into(),
            json(&round()),
            WARM_UP_STEPS.into(),
            TIMED_STEPS.into(),
        ];
        let result = client.execute_async(TRIAL, args).await?;
        if let Some(error) = result.get("error") {
            bail!("{worker}: {error}");
        }
        *answer.borrow_mut() = Some(serde_json::from_value(result).context("the trial's answer")?);
        Ok(())
    })
    .await?;
    speed.into_inner().context("the trial returned nothing")
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let site = Site::start().await?;
    let mut results = Vec::new();
    for worker in [
        "/pkg/engine/worker.js",
        "/pkg/engine-webgpu/worker.js?adapter=any",
    ] {
        eprintln!("timing {worker} …");
        results.push(trial(&site, worker).await?);
    }
    println!("{}", serde_json::to_string(&results)?);
    Ok(())
}
