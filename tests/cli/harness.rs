//! Copies a fixture into a temporary folder, runs the real binary there
//! with a fixed date and no colour, and hands back redacted output.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The date every test runs as of, so analysis results never drift.
pub const AS_OF: &str = "2026-11-20";

/// A throw-away site root.
pub struct Site {
    dir: tempfile::TempDir,
}

/// The result of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixtures().join(name), dir.path());
        Site { dir }
    }

    /// The minimal site with `tests/fixtures/broken/<case>` laid over it.
    pub fn broken(case: &str) -> Site {
        let site = Site::fixture("minimal");
        copy_tree(&fixtures().join("broken").join(case), site.path());
        site
    }

    /// A copy of the example content that ships with throughline.
    pub fn example() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &dir.path().join("content"));
        Site { dir }
    }

    /// A synthetic portfolio of `projects` projects (`throughline
    /// generate`) in `site/`, built without the PDF; with its output folder.
    pub fn generated(projects: usize) -> (Site, PathBuf) {
        let site = Site::empty();
        let root = format!("{}/site", site.path().display());
        assert_eq!(site.run(&["generate", "--projects", &projects.to_string(), &root]).code, 0);
        let run = run_in(site.path(), &["build", "--root", &root, "--as-of", AS_OF, "--no-pdf"], Some(site.path()));
        assert_eq!(run.code, 0, "{}", run.stderr);
        let output = site.path().join("site/output");
        (site, output)
    }

    /// An empty folder.
    pub fn empty() -> Site {
        Site { dir: tempfile::tempdir().unwrap() }
    }

    /// The site root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file under the site root.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Runs `throughline ARGS --root <site> --as-of AS_OF` from the site
    /// root (`--root` and `--as-of` only for commands that take them).
    pub fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.path().to_str().unwrap().to_string();
        if matches!(args.first(), Some(&"build") | Some(&"check") | Some(&"pack") | Some(&"export")) {
            all.extend(["--root", &root, "--as-of", AS_OF]);
        }
        run_in(self.path(), &all, Some(self.path()))
    }
}

/// Runs the binary with `args` in `cwd`, redacting `redact` from output.
pub fn run_in(cwd: &Path, args: &[&str], redact: Option<&Path>) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_throughline"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the binary runs");
    let clean = |bytes: &[u8]| {
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        if let Some(path) = redact {
            text = text.replace(path.to_str().unwrap(), "[ROOT]");
        }
        text
    };
    Run { code: output.status.code().unwrap_or(-1), stdout: clean(&output.stdout), stderr: clean(&output.stderr) }
}

/// Every file under `dir` with its bytes, sorted: a whole-folder snapshot.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push((path.strip_prefix(base).unwrap().to_path_buf(), std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
