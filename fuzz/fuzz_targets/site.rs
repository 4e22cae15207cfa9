//! A whole site, checked and, when sound, rendered. The body is `throughline::fuzz::site`, which the
//! test suite also runs on every input kept in fuzz/corpus/site/.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| throughline::fuzz::site(data));
