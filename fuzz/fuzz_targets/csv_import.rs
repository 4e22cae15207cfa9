//! A spreadsheet of any bytes imported as each kind. The body is `throughline::fuzz::csv_import`, which the
//! test suite also runs on every input kept in fuzz/corpus/csv_import/.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| throughline::fuzz::csv_import(data));
