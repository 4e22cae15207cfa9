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

/// A PMO starting from its own spreadsheet: `init --blank` gives a site
/// with no example content that builds, then takes an import and builds
/// again, all from another working directory.
#[test]
fn a_blank_site_takes_an_import_and_builds() {
    let site = Site::empty();
    let target = site.path().join("our-portfolio");
    let elsewhere = tempfile::tempdir().unwrap();
    let root = target.to_str().unwrap();
    let init = run_in(elsewhere.path(), &["init", "--blank", root], Some(site.path()));
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(init.stdout.contains("created a blank site in [ROOT]/our-portfolio"), "{}", init.stdout);
    assert!(init.stdout.contains("throughline import projects"), "it says what to do next: {}", init.stdout);
    let organisation = std::fs::read_to_string(target.join("content/organisation.toml")).unwrap();
    assert!(organisation.contains("# [scoring]") && organisation.contains("better = \"lower\""), "commented settings");
    for folder in throughline::scaffold::BLANK_FOLDERS {
        let path = target.join("content").join(folder);
        assert!(path.is_dir() && std::fs::read_dir(&path).unwrap().next().is_none(), "{folder}/ is there and empty");
    }
    let build = |args: &[&str]| run_in(elsewhere.path(), args, Some(site.path()));
    let first = build(&["build", "--root", root, "--as-of", super::harness::AS_OF]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stdout.contains("0 findings"), "a blank site has nothing to find: {}", first.stdout);
    let csv = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/gmpp.csv");
    let import = build(&["import", "projects", csv.to_str().unwrap(), "--root", root]);
    // The fixture has a row it cannot place, which the exit code reports.
    assert_eq!(import.code, 1, "{}", import.stderr);
    assert!(import.stderr.contains("imported 7 projects"), "{}", import.stderr);
    let second = build(&["build", "--root", root, "--as-of", super::harness::AS_OF]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let projects = std::fs::read_to_string(target.join("output/projects/index.html")).unwrap();
    assert!(projects.contains("New Hospital Programme") || projects.contains("NEW HOSPITAL PROGRAMME"), "{projects}");
    assert!(!elsewhere.path().join("content").exists() && !elsewhere.path().join("output").exists());
}
