//! The `trainer` binary, run for real on real files.

#![cfg(feature = "flex")]

mod cli;
mod train;
