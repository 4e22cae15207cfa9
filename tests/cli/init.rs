//! `throughline init`: a new site that builds, from any working directory.

use super::harness::{Site, run_in};

#[test]
fn init_then_build_works_from_another_folder() {
    let site = Site::empty();
    let target = site.path().join("new-site");
    let elsewhere = tempfile::tempdir().unwrap();
    let init = run_in(elsewhere.path(), &["init", target.to_str().unwrap()], Some(site.path()));
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(init.stdout.contains("created a new site in [ROOT]/new-site"), "{}", init.stdout);
    assert!(target.join("content/organisation.toml").is_file());
    let build = run_in(
        elsewhere.path(),
        &["build", "--root", target.to_str().unwrap(), "--as-of", super::harness::AS_OF],
        Some(site.path()),
    );
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(target.join("output/index.html").is_file());
    assert!(!elsewhere.path().join("output").exists(), "output goes under the root, not the working directory");
}

#[test]
fn init_refuses_to_overwrite_existing_content() {
    let site = Site::fixture("minimal");
    let before = super::harness::tree(site.path());
    let run = run_in(site.path(), &["init", "."], Some(site.path()));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already has a content folder"), "{}", run.stderr);
    assert_eq!(super::harness::tree(site.path()), before);
}
