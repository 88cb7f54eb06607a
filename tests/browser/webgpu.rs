//! WebGPU is usable in CI's headless Chromium (SwiftShader), so the lab's GPU path
//! can be tested there.

use anyhow::{Context, ensure};
use e2e::{BrowserOptions, Site, with_browser};

/// Asks for an adapter, runs a compute shader that squares and adds one to eight
/// numbers, and returns what it read back.
const COMPUTE: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  if (!navigator.gpu) return { error: "navigator.gpu is missing" };
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return { error: "requestAdapter() returned null" };
  const device = await adapter.requestDevice();
  const input = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7]);
  const size = input.byteLength;
  const data = device.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(data, 0, input);
  const readback = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const module = device.createShaderModule({ code: `
    @group(0) @binding(0) var<storage, read_write> values: array<f32>;
    @compute @workgroup_size(8)
    fn main(@builtin(global_invocation_id) id: vec3<u32>) {
      values[id.x] = values[id.x] * values[id.x] + 1.0;
    }` });
  const pipeline = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
  const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: data } }] });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(1);
  pass.end();
  encoder.copyBufferToBuffer(data, 0, readback, 0, size);
  device.queue.submit([encoder.finish()]);
  await readback.mapAsync(GPUMapMode.READ);
  const values = Array.from(new Float32Array(readback.getMappedRange()));
  const info = adapter.info || {};
  return { values, vendor: info.vendor || "", architecture: info.architecture || "", description: info.description || "" };
})().then(done, (e) => done({ error: String(e) }));
"#;

#[tokio::test]
async fn webgpu_compute_shader_reads_back() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::webgpu(), |client| async move {
        // WebGPU needs a secure context; http://127.0.0.1 counts as one.
        client.goto(&site.url("/")).await?;
        let result = client.execute_async(COMPUTE, vec![]).await?;
        if let Some(error) = result.get("error") {
            anyhow::bail!("WebGPU failed: {error}");
        }
        let values: Vec<f64> = result
            .get("values")
            .and_then(|v| v.as_array())
            .context("the script returns values")?
            .iter()
            .filter_map(serde_json::Value::as_f64)
            .collect();
        let expected: Vec<f64> = (0..8).map(|x| f64::from(x * x + 1)).collect();
        ensure!(
            values == expected,
            "read back {values:?}, expected {expected:?}"
        );
        println!(
            "WebGPU adapter: vendor {} architecture {} {}",
            result["vendor"], result["architecture"], result["description"]
        );
        Ok(())
    })
    .await
}

/// The lab engine on SwiftShader's WebGPU adapter (a software one, which the
/// engine would pass over for the CPU unless the page insists with
/// `engine=webgpu`): it says it runs on WebGPU, paints, trains a real round to
/// its end and shows the reveal and the score, as on the CPU.
#[tokio::test]
async fn the_lab_engine_trains_on_webgpu() -> anyhow::Result<()> {
    use crate::stop_run::{LOAD, ROUND, status, wait_for};
    use fantoccini::Locator;
    let site = Site::start().await?;
    with_browser(BrowserOptions::webgpu(), |client| async move {
        e2e::open_hydrated(
            &client,
            &site.url("/labs/stop-the-run?steps=40&engine=webgpu"),
        )
        .await?;
        wait_for(&client, "the engine to be ready", LOAD, async |c| {
            let s = status(c).await?;
            ensure!(!s.starts_with("The lab engine failed"), "{s}");
            Ok(s.starts_with("Ready"))
        })
        .await?;
        let bench = e2e::text_of(&client, ".stop-run-bench").await?;
        ensure!(
            bench.contains("WebGPU"),
            "the engine runs on WebGPU: {bench:?}"
        );
        println!("lab engine: {bench}");
        wait_for(&client, "the bare picture", LOAD, async |c| {
            Ok(c.find(Locator::Css(".bracelet-trial-pair img"))
                .await
                .is_ok())
        })
        .await?;
        client
            .find(Locator::Css(".stop-run-start"))
            .await?
            .click()
            .await?;
        wait_for(&client, "the validation at step 20", ROUND, async |c| {
            let s = status(c).await?;
            ensure!(!s.starts_with("The lab engine failed"), "{s}");
            Ok(c.find(Locator::Css(".stop-run-samples img")).await.is_ok())
        })
        .await?;
        println!("stop the run on WebGPU: {}", status(&client).await?);
        wait_for(
            &client,
            "the end of the round and the score",
            ROUND,
            async |c| {
                let s = status(c).await?;
                ensure!(!s.starts_with("The lab engine failed"), "{s}");
                Ok(s.starts_with("Round over"))
            },
        )
        .await?;
        let trend = client
            .find(Locator::Css(".stop-run-chart .loss-trend"))
            .await?
            .attr("points")
            .await?
            .unwrap_or_default();
        ensure!(
            trend_heights(&trend).len() == 40,
            "a trend point per step: {trend}"
        );
        let points = e2e::text_of(&client, ".stop-run-points").await?;
        ensure!(points.contains("points"), "a score: {points:?}");
        Ok(())
    })
    .await
}

/// The y of every point of a polyline's `points` (`x,y x,y …`).
fn trend_heights(points: &str) -> Vec<f64> {
    points
        .split_whitespace()
        .filter_map(|point| point.split(',').nth(1)?.parse::<f64>().ok())
        .collect()
}

/// Without `engine=webgpu`, the engine passes SwiftShader's software adapter
/// over for the CPU (far faster here) and tells the reader why.
#[tokio::test]
async fn a_software_adapter_is_passed_over_for_the_cpu() -> anyhow::Result<()> {
    use crate::stop_run::{LOAD, status, wait_for};
    let site = Site::start().await?;
    with_browser(BrowserOptions::webgpu(), |client| async move {
        e2e::open_hydrated(&client, &site.url("/labs/stop-the-run")).await?;
        wait_for(&client, "the engine to be ready", LOAD, async |c| {
            Ok(status(c).await?.starts_with("Ready"))
        })
        .await?;
        let bench = e2e::text_of(&client, ".stop-run-bench").await?;
        ensure!(
            bench.contains("CPU") && bench.contains("software"),
            "the CPU engine, with the reason: {bench:?}"
        );
        Ok(())
    })
    .await
}
