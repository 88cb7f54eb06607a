//! Instructor trainings through the real router: a real SQLite store in a
//! temporary folder, real worker threads and real (tiny) trainings on the CPU.

mod auth;
mod crash;
mod fanout;
mod lifecycle;
mod pages;
mod process_kill;
mod stopping;
mod support;
mod uploads;
