//! A body to HTML under each raw-HTML policy, and to Typst. The body is `throughline::fuzz::markdown`, which the
//! test suite also runs on every input kept in fuzz/corpus/markdown/.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| throughline::fuzz::markdown(data));
