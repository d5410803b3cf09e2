//! The integration tests: one test binary (as mdBook and ripgrep do), one
//! module per area, all driving the real `exitbook` binary on handbooks
//! written inline (`common::Handbook`).

mod common;

mod anonymize;
mod bad_input;
mod browser;
mod commands;
mod example;
mod feed;
mod gate;
mod getting_started;
mod hostile;

mod incremental;
mod insights;
mod interface;
mod library;
mod onboarding;
mod quasi;
mod relevance;
mod search;
mod serve;
mod site;
