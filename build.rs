//! Rebuild when the embedded theme or example content changes: both are
//! compiled into the binary with `include_dir!`, which cannot tell cargo.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=content");
}
