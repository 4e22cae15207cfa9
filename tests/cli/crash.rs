//! A build killed at any moment (SIGKILL) leaves the old complete site or
//! the new complete site, never a mix, and no leftovers pile up.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::harness::{AS_OF, Site, tree};

/// The output without the marker (its stamp differs from build to build).
fn site_files(output: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    if !output.exists() {
        return Vec::new();
    }
    tree(output).into_iter().filter(|(path, _)| path != Path::new(".throughline-output")).collect()
}

fn leftovers(root: &Path) -> Vec<String> {
    let names = std::fs::read_dir(root).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned());
    names.filter(|name| name.starts_with(".throughline-")).collect()
}

fn build(site: &Site, output: &str) -> std::process::Child {
    let root = site.path().display().to_string();
    Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(["build", "--no-pdf", "--root", &root, "--as-of", AS_OF, "--output"])
        .arg(site.path().join(output))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs")
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_site() {
    let site = Site::fixture("minimal");
    let organisation = std::fs::read_to_string(site.path().join("content/organisation.toml")).unwrap();
    let version = |n: usize| {
        let text = organisation.replace("name = \"Acme Water\"", &format!("name = \"Acme Water {n}\""));
        site.write("content/organisation.toml", text);
    };
    // The two sites the content alternates between, and how long a build takes.
    let mut expected = Vec::new();
    let mut took = Vec::new();
    for n in 0..2 {
        version(n);
        let started = Instant::now();
        assert!(build(&site, &format!("reference-{n}")).wait().unwrap().success());
        took.push(started.elapsed());
        expected.push(site_files(&site.path().join(format!("reference-{n}"))));
    }
    assert_ne!(expected[0], expected[1]);
    let span = took.iter().max().unwrap().as_micros() as u64 * 3 / 2;

    let output = site.path().join("output");
    version(0);
    assert!(build(&site, "output").wait().unwrap().success());
    let (mut current, mut content) = (0, 0);
    let (mut kept_old, mut got_new) = (0, 0);
    // A fixed-seed generator: the kill points differ from run to run of the
    // loop, and from one test run to the next the same.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for run in 0..120 {
        let next = 1 - current;
        version(next);
        content = next;
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let delay = Duration::from_micros((seed >> 33) % span.max(1));
        let mut child = build(&site, "output");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let now = site_files(&output);
        if now == expected[current] {
            kept_old += 1;
        } else if now == expected[next] {
            got_new += 1;
            current = next;
        } else {
            panic!("run {run}, killed after {delay:?}: the output is neither the old nor the new site");
        }
        let left = leftovers(site.path());
        assert!(left.len() <= 1, "run {run}: leftovers pile up: {left:?}");
    }
    assert!(kept_old > 0 && got_new > 0, "the kills fell before and after the swap: {kept_old} old, {got_new} new");
    // The next build finishes and clears what a killed one left.
    assert!(build(&site, "output").wait().unwrap().success());
    assert_eq!(leftovers(site.path()), Vec::<String>::new());
    assert!(site_files(&output) == expected[content], "the finished build is the content's site");
}
