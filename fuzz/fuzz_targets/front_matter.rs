//! Splitting a file into front matter and body. The body is `throughline::fuzz::front_matter`, which the
//! test suite also runs on every input kept in fuzz/corpus/front_matter/.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| throughline::fuzz::front_matter(data));
