//! LoRA training of the course's miniature painter.
//!
//! This crate is filled by the trainer-engine work: the model, flow-matching
//! training, sampling and LoRA files. It is compiled and tested in CI from day one
//! so that its boundary holds: it never depends on leptos or axum, and library
//! code stays generic over the burn backend.
