//! One content file of each kind through load, model and analysis. The body is `throughline::fuzz::content_file`, which the
//! test suite also runs on every input kept in fuzz/corpus/content_file/.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| throughline::fuzz::content_file(data));
