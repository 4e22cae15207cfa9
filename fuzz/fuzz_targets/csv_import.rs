//! A spreadsheet of any bytes imported as each kind: the first byte picks it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use throughline::import::{Kind, Options, Site, plan};

fuzz_target!(|data: &[u8]| {
    let Some((kind, csv)) = data.split_first() else { return };
    let kind = [Kind::Projects, Kind::Objectives, Kind::KeyResults, Kind::Checkins][*kind as usize % 4];
    let _ = plan(kind, csv, &Options::default(), &Site::default());
});
