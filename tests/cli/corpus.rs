//! Every input kept in fuzz/corpus/ (the seeds, and what fuzzing found
//! worth keeping) run through the fuzz targets' code on every test run, so
//! no nightly toolchain is needed to keep them passing.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            panic!("fuzz/corpus/{target}/{} fails", path.file_name().unwrap().to_string_lossy());
        }
        count += 1;
    }
    assert!(count > 0, "fuzz/corpus/{target} holds inputs");
}

#[test]
fn front_matter_inputs() {
    replay("front_matter", throughline::fuzz::front_matter);
}

#[test]
fn content_file_inputs() {
    replay("content_file", throughline::fuzz::content_file);
}

#[test]
fn markdown_inputs() {
    replay("markdown", throughline::fuzz::markdown);
}

#[test]
fn csv_import_inputs() {
    replay("csv_import", throughline::fuzz::csv_import);
}

#[test]
fn site_inputs() {
    replay("site", throughline::fuzz::site);
}
