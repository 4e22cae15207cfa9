//! Hostile and broken input: huge, deep, endless, looping, binary. Each
//! gets a clear diagnostic or is handled; none panics, hangs or floods the
//! terminal.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::harness::{AS_OF, Site};

/// Runs `check` (or `build`) on the site, failing the test if it takes
/// more than a minute: the only way to tell a hang from slowness.
fn run(site: &Site, command: &str) -> (i32, String) {
    let root = site.path().display().to_string();
    let mut args = vec![command, "--root", &root, "--as-of", AS_OF];
    if command == "build" {
        args.push("--no-pdf");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(&args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("`{command}` hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = reader.join().unwrap();
    assert!(!stderr.contains("panicked"), "a panic: {stderr}");
    let code = status.code().expect("exits, not killed by a signal");
    (code, stderr)
}

#[test]
fn a_file_too_large_is_refused_with_its_size() {
    let site = Site::fixture("minimal");
    let mut text = String::from("+++\ntitle = \"Huge\"\n+++\n");
    text.push_str(&"A line of a very long narrative.\n".repeat(400_000));
    site.write("content/projects/huge.md", text);
    // 100 MB (sparse, so the test writes almost nothing): refused unread.
    let file = std::fs::File::create(site.path().join("content/projects/bigger.md")).unwrap();
    file.set_len(100_000_000).unwrap();
    let (code, stderr) = run(&site, "check");
    assert_eq!(code, 1);
    assert!(
        stderr.contains(
            "error[file-too-large]: `content/projects/huge.md` is 13.2 MB, more than a content file may be (10 MB)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("error[file-too-large]: `content/projects/bigger.md` is 100.0 MB"), "{stderr}");
}

#[test]
fn nesting_beyond_reason_is_an_error_and_its_line_is_not_quoted() {
    let site = Site::fixture("minimal");
    let deep = format!("+++\ntitle = \"Deep\"\nx = {}{}\n+++\n", "[".repeat(100_000), "]".repeat(100_000));
    site.write("content/projects/deep.md", deep);
    let long = format!("+++\ntitle = \"{}\" ownr = 1\n+++\n", "long ".repeat(50_000));
    site.write("content/projects/long.md", long);
    let (code, stderr) = run(&site, "check");
    assert_eq!(code, 1);
    assert!(stderr.contains("content/projects/deep.md:3:"), "{stderr}");
    assert!(stderr.contains("(a line of 200004 characters, not quoted)"), "{stderr}");
    assert!(stderr.contains("content/projects/long.md:2:"), "{stderr}");
    assert!(stderr.len() < 10_000, "the terminal is not flooded: {} bytes", stderr.len());
}

#[test]
fn nul_bytes_and_binary_files_are_errors_that_name_the_file() {
    let site = Site::fixture("minimal");
    site.write("content/projects/nul.md", b"+++\ntitle = \"Nul\0byte\"\n+++\n");
    site.write("content/projects/binary.md", [0xFFu8, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F']);
    let (code, stderr) = run(&site, "check");
    assert_eq!(code, 1);
    assert!(stderr.contains("content/projects/nul.md:2:"), "{stderr}");
    assert!(stderr.contains("error[not-utf8]: file is not valid UTF-8 text"), "{stderr}");
    assert!(stderr.contains("content/projects/binary.md:1:1"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn links_out_of_the_root_and_link_loops_are_passed_over() {
    let site = Site::fixture("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "+++\ntitle = \"Secret\"\n+++\nNot for the site.\n").unwrap();
    let projects = site.path().join("content/projects");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), projects.join("secret.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), projects.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("..", projects.join("loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.md", projects.join("dangling.md")).unwrap();
    let (code, stderr) = run(&site, "build");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("`content/projects/secret.md` is a link that leads outside the site root"), "{stderr}");
    let output = site.path().join("output");
    assert!(!output.join("projects/secret.html").exists(), "nothing from outside the root is published");
    let everything: Vec<String> = super::harness::tree(&output)
        .into_iter()
        .filter_map(|(_, bytes)| String::from_utf8(bytes).ok())
        .filter(|text| text.contains("Not for the site"))
        .collect();
    assert!(everything.is_empty(), "the linked file's text is nowhere in the output");
}

#[test]
fn a_hundred_thousand_files_are_gone_through_without_trouble() {
    let site = Site::fixture("minimal");
    let folder = site.path().join("content/projects/attachments");
    std::fs::create_dir_all(&folder).unwrap();
    for n in 0..100_000 {
        std::fs::write(folder.join(format!("scan-{n}.txt")), b"x").unwrap();
    }
    let (code, stderr) = run(&site, "check");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "`content/projects/attachments/` holds 99997 more files that are not project files; they were skipped"
        ),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(stderr.len() < 20_000, "the terminal is not flooded: {} bytes", stderr.len());
}

#[cfg(unix)]
#[test]
fn a_pipe_among_the_content_is_passed_over_not_waited_on() {
    let site = Site::fixture("minimal");
    let fifo = site.path().join("content/projects/pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let (code, stderr) = run(&site, "check");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("`content/projects/pipe.md` is not a file or a folder; it was skipped"), "{stderr}");
}
