//! Integration tests: the real `throughline` binary on fixture site roots.
//!
//! See `tests/README.md` for how the harness works and how to add a case.

mod build;
mod check;
mod close;
mod corpus;
mod crash;
mod export;
mod harness;
mod hostile;
mod import;
mod init;
mod pack;
mod scale;
mod schema;
#[path = "../common/text_size.rs"]
mod text_size;
mod watch;
