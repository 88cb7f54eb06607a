//! The `trainer` binary, run for real on real files, and the shipped assets
//! checked against their manifests.

#![cfg(feature = "flex")]

mod albums;
mod base;
mod cli;
mod experiments;
mod train;
