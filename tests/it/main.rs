//! insikt's integration tests, one binary with a module per area: linking one test binary
//! instead of one per file keeps `cargo test` fast. Fixture projects live in
//! `tests/fixtures/valid/` and `tests/fixtures/invalid/`.

mod agreement;
mod architecture;
mod build;
mod chart_design;
mod chart_snapshots;
mod charts;
mod common;
mod concurrency;
mod crash;
mod data;
mod errors;
mod figure_cache;
mod figure_refs;
mod figure_templates;
mod front_matter;
mod glossary;
mod import;
mod incremental;
mod inputs;
mod navigation;
mod new;
mod next_steps;
mod output_safety;
mod page_context;
mod pages;
mod pdf;
mod placeholders;
mod preview;
mod privacy;
mod privacy_paths;
mod px;
mod px_datasets;
mod questions;
mod reader;
mod real_csv;
mod report_pdf;
mod robustness;
mod script;
mod serve;
mod unchanged;
mod values;
