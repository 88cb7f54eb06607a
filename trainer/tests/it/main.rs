//! The `trainer` binary, run for real on real files.

#![cfg(feature = "flex")]

mod albums;
mod cli;
mod train;
