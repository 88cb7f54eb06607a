"""The PyTorch twin of the miniature painter, for `cargo xtask bench trainer`.

Same architecture as `trainer/src/model` (tiny preset), same LoRA (rank 16,
alpha 16, on attn.to_q/k/v/out), same training step (flow matching, logit-normal
timesteps, AdamW with per-tensor gradient-norm clipping) and the same sampler
(20 Euler steps with classifier-free guidance, one image). It prints one JSON
object in the shape the Rust bench prints, parameter counts included, so the
xtask can check both sides built the same model before comparing times.

Usage: python torch_twin.py [--batches 1,8,32] [--steps N] [--threads 2]
"""

import argparse
import json
import math
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn

IMAGE, PATCH, HIDDEN, DEPTH, HEADS = 32, 4, 128, 4, 4
TEXT_HIDDEN, TEXT_LAYERS, TEXT_HEADS, VOCAB, MAX_TOKENS = 96, 2, 4, 128, 20
MLP_RATIO, FREQUENCIES, RANK, ALPHA = 4, 128, 16, 16.0
TOKENS = (IMAGE // PATCH) ** 2
PATCH_DIM = PATCH * PATCH * 3


def plain_norm(x):
    """Layer norm without parameters, biased variance, eps 1e-6 (as in norm.rs)."""
    var, mean = torch.var_mean(x, dim=-1, keepdim=True, unbiased=False)
    return (x - mean) / torch.sqrt(var + 1e-6)


def modulate(x, shift, scale):
    return x * (scale.unsqueeze(1) + 1.0) + shift.unsqueeze(1)


def heads_of(x, heads):
    batch, n, width = x.shape
    return x.reshape(batch, n, heads, width // heads).transpose(1, 2)


class Lora(nn.Module):
    """One A, B pair beside a linear layer: A uniform in ±1/sqrt(in), B zero."""

    def __init__(self, d_in, d_out):
        super().__init__()
        bound = 1.0 / math.sqrt(d_in)
        self.a = nn.Parameter(torch.empty(d_in, RANK).uniform_(-bound, bound))
        self.b = nn.Parameter(torch.zeros(RANK, d_out))

    def forward(self, x):
        return (x @ self.a) @ self.b * (ALPHA / RANK)


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.to_q, self.to_k, self.to_v, self.to_out = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
        self.lora = nn.ModuleDict({k: Lora(HIDDEN, HIDDEN) for k in ("q", "k", "v", "out")})

    def forward(self, image, context):
        batch, tokens, width = image.shape
        keys_in = torch.cat([context, image], dim=1)
        q = heads_of(self.to_q(image) + self.lora["q"](image), HEADS)
        k = heads_of(self.to_k(keys_in) + self.lora["k"](keys_in), HEADS)
        v = heads_of(self.to_v(keys_in) + self.lora["v"](keys_in), HEADS)
        mixed = F.scaled_dot_product_attention(q, k, v)
        merged = mixed.transpose(1, 2).reshape(batch, tokens, width)
        return self.to_out(merged) + self.lora["out"](merged)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn = Attention()
        self.fc1 = nn.Linear(HIDDEN, HIDDEN * MLP_RATIO)
        self.fc2 = nn.Linear(HIDDEN * MLP_RATIO, HIDDEN)
        self.modulation = nn.Linear(HIDDEN, 6 * HIDDEN)
        nn.init.zeros_(self.modulation.weight)
        nn.init.zeros_(self.modulation.bias)

    def forward(self, x, context, cond):
        shift_a, scale_a, gate_a, shift_m, scale_m, gate_m = self.modulation(F.silu(cond)).chunk(6, dim=1)
        h = self.attn(modulate(plain_norm(x), shift_a, scale_a), context)
        x = x + h * gate_a.unsqueeze(1)
        h = self.fc2(F.gelu(self.fc1(modulate(plain_norm(x), shift_m, scale_m))))
        return x + h * gate_m.unsqueeze(1)


class TextLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm_attn = nn.LayerNorm(TEXT_HIDDEN)
        self.qkv = nn.Linear(TEXT_HIDDEN, 3 * TEXT_HIDDEN)
        self.out = nn.Linear(TEXT_HIDDEN, TEXT_HIDDEN)
        self.norm_mlp = nn.LayerNorm(TEXT_HIDDEN)
        self.fc1 = nn.Linear(TEXT_HIDDEN, 2 * TEXT_HIDDEN)
        self.fc2 = nn.Linear(2 * TEXT_HIDDEN, TEXT_HIDDEN)

    def forward(self, x):
        batch, tokens, width = x.shape
        q, k, v = self.qkv(self.norm_attn(x)).chunk(3, dim=2)
        mixed = F.scaled_dot_product_attention(heads_of(q, TEXT_HEADS), heads_of(k, TEXT_HEADS), heads_of(v, TEXT_HEADS))
        x = x + self.out(mixed.transpose(1, 2).reshape(batch, tokens, width))
        return x + self.fc2(F.gelu(self.fc1(self.norm_mlp(x))))


class Painter(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch_embed = nn.Linear(PATCH_DIM, HIDDEN)
        self.position = nn.Parameter(torch.randn(1, TOKENS, HIDDEN) * 0.02)
        self.t_first = nn.Linear(FREQUENCIES, HIDDEN)
        self.t_second = nn.Linear(HIDDEN, HIDDEN)
        self.embedding = nn.Embedding(VOCAB, TEXT_HIDDEN)
        self.text_position = nn.Parameter(torch.randn(1, MAX_TOKENS, TEXT_HIDDEN) * 0.02)
        self.text_layers = nn.ModuleList(TextLayer() for _ in range(TEXT_LAYERS))
        self.text_norm = nn.LayerNorm(TEXT_HIDDEN)
        self.text_tokens = nn.Linear(TEXT_HIDDEN, HIDDEN)
        self.text_pooled = nn.Linear(TEXT_HIDDEN, HIDDEN)
        self.blocks = nn.ModuleList(Block() for _ in range(DEPTH))
        self.final_modulation = nn.Linear(HIDDEN, 2 * HIDDEN)
        self.final_out = nn.Linear(HIDDEN, PATCH_DIM)
        for layer in (self.final_modulation, self.final_out):
            nn.init.zeros_(layer.weight)
            nn.init.zeros_(layer.bias)
        half = FREQUENCIES // 2
        self.register_buffer("freqs", torch.exp(-math.log(10_000.0) * torch.arange(half) / half))

    def encode_text(self, ids):
        x = self.embedding(ids) + self.text_position
        for layer in self.text_layers:
            x = layer(x)
        x = self.text_norm(x)
        return self.text_tokens(x), self.text_pooled(x.mean(dim=1))

    def forward(self, noisy, t, text):
        tokens, pooled = text
        batch = noisy.shape[0]
        g = IMAGE // PATCH
        patches = noisy.reshape(batch, 3, g, PATCH, g, PATCH).permute(0, 2, 4, 3, 5, 1).reshape(batch, TOKENS, PATCH_DIM)
        x = self.patch_embed(patches) + self.position
        angles = (t * 1000.0).unsqueeze(1) * self.freqs.unsqueeze(0)
        features = torch.cat([angles.sin(), angles.cos()], dim=1)
        cond = self.t_second(F.silu(self.t_first(features))) + pooled
        for block in self.blocks:
            x = block(x, tokens, cond)
        shift, scale = self.final_modulation(F.silu(cond)).chunk(2, dim=1)
        out = self.final_out(modulate(plain_norm(x), shift, scale))
        return out.reshape(batch, g, g, PATCH, PATCH, 3).permute(0, 5, 1, 3, 2, 4).reshape(batch, 3, IMAGE, IMAGE)


def lora_params(model):
    return [p for n, p in model.named_parameters() if ".lora." in n]


def train_step(model, optimizer, album, ids, batch, generator):
    index = torch.randint(0, album.shape[0], (batch,), generator=generator)
    clean = album[index]
    eps = torch.randn(clean.shape, generator=generator)
    t = torch.sigmoid(torch.randn(batch, generator=generator))
    noisy = (1 - t).view(-1, 1, 1, 1) * clean + t.view(-1, 1, 1, 1) * eps
    text = model.encode_text(ids.expand(batch, -1))
    loss = (model(noisy, t, text) - (eps - clean)).pow(2).mean()
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    for p in lora_params(model):  # burn clips each tensor's gradient norm on its own
        torch.nn.utils.clip_grad_norm_([p], 1.0)
    optimizer.step()
    return loss.item()


@torch.no_grad()
def sample(model, ids, seed, steps=20, guidance=3.0):
    generator = torch.Generator().manual_seed(seed)
    prompt = model.encode_text(ids)
    empty = model.encode_text(torch.zeros_like(ids))
    x = torch.randn((1, 3, IMAGE, IMAGE), generator=generator)
    dt = 1.0 / steps
    for i in range(steps):
        t = torch.tensor([1.0 - i * dt])
        v = model(x, t, prompt)
        v_empty = model(x, t, empty)
        x = x - (v_empty + (v - v_empty) * guidance) * dt
    return x.clamp(-1, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", default="1,8,32")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(1)
    model = Painter()
    lora = set(id(p) for p in lora_params(model))
    base_params = sum(p.numel() for p in model.parameters() if id(p) not in lora)
    adapter_params = sum(p.numel() for p in lora_params(model))
    for p in model.parameters():
        p.requires_grad_(id(p) in lora)
    album = torch.rand((32, 3, IMAGE, IMAGE), generator=generator) * 2 - 1
    ids = torch.randint(1, VOCAB, (1, MAX_TOKENS), generator=generator)
    step_ms = {}
    for batch in [int(b) for b in args.batches.split(",")]:
        for p in lora_params(model):
            if p.shape[0] == RANK:
                nn.init.zeros_(p)
        optimizer = torch.optim.AdamW(lora_params(model), lr=1e-3, betas=(0.9, 0.999), weight_decay=1e-4)
        for _ in range(3):
            train_step(model, optimizer, album, ids, batch, generator)
        times = []
        for _ in range(args.steps):
            start = time.perf_counter()
            train_step(model, optimizer, album, ids, batch, generator)
            times.append((time.perf_counter() - start) * 1e3)
        step_ms[str(batch)] = statistics.median(times)
    sample(model, ids, 99)  # warm-up: first calls pay for lazy initialisation
    sample_ms = []
    for seed in range(5):
        start = time.perf_counter()
        sample(model, ids, seed)
        sample_ms.append((time.perf_counter() - start) * 1e3)
    print(json.dumps({
        "engine": f"pytorch-{torch.__version__}",
        "base_params": base_params,
        "adapter_params": adapter_params,
        "step_ms": step_ms,
        "sample_ms": statistics.median(sample_ms),
    }))


if __name__ == "__main__":
    main()
