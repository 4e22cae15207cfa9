#!/usr/bin/env python3
"""Benchmark throughline against Hugo (and Zola, when installed) on synthetic portfolios.

For each size it generates a portfolio with `throughline generate`, then
measures throughline's full build (median of several runs after a warm-up,
each into an empty output folder), its peak memory (`/usr/bin/time -v`),
output size and file count, `check` alone, one board pack alone (`pack`,
with the PDF), and the median save-to-page time of one edited project under
`watch` (bench/watch-latency.py: a description extended, and a project renamed), against
a build into the existing output without the PDF. The peers build the same project bodies as
one page per project, one listing and a taxonomy by team, with minimal
templates; the script writes those sites itself. Results are written as
Markdown (BENCHMARKS.md by default). Nothing here is asserted: timings are
for reading, not for tests.

    python3 bench/benchmark.py [--sizes 1000,10000,50000] [--runs 5] [--out BENCHMARKS.md]
"""
import argparse
import datetime
import os
import pathlib
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
AS_OF = "2026-11-20"


def run(command, **kwargs):
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def timed(command, runs, before=None):
    """Median wall-clock seconds of `runs` runs after one warm-up run.

    Before each run the disk is synced, so that a run is not slowed down by
    the write-back of the output the previous run deleted."""
    times = []
    for i in range(runs + 1):
        if before:
            before()
        os.sync()
        started = time.perf_counter()
        run(command)
        if i > 0:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_memory_mb(command, before=None):
    if before:
        before()
    os.sync()
    result = subprocess.run(["/usr/bin/time", "-v", *command], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return int(match.group(1)) / 1024 if match else float("nan")


def tree_size(folder):
    files = [p for p in pathlib.Path(folder).rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files), sum(1 for p in files if p.suffix == ".html")


def body_of(text):
    return text[text.rfind("+++\n") + 4:] if text.startswith("+++") else text


def front_value(text, key):
    match = re.search(rf'^{key} = "([^"]*)"', text, re.M)
    return match.group(1) if match else ""


def projects(source):
    """Each generated project as (file name, title, team, Markdown body)."""
    for path in sorted((source / "content" / "projects").rglob("*.md")):
        text = path.read_text()
        yield path.name, front_value(text, "title").replace('"', "'"), front_value(text, "team"), body_of(text)


def write_hugo_site(source, target):
    """One page per project from the same bodies, a listing, and a `teams` taxonomy."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "content" / "projects").mkdir(parents=True)
    (target / "layouts" / "_default").mkdir(parents=True)
    (target / "config.toml").write_text(
        'baseURL = "http://example.org/"\ntitle = "Portfolio"\ndisableKinds = ["RSS", "sitemap", "robotsTXT"]\n'
        '[taxonomies]\nteam = "teams"\n[markup.goldmark.renderer]\nunsafe = false\n'
    )
    layouts = target / "layouts" / "_default"
    (layouts / "baseof.html").write_text("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n")
    (layouts / "single.html").write_text("{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ range .Params.teams }}{{ . }}{{ end }}</p>{{ .Content }}{{ end }}\n")
    (layouts / "list.html").write_text("{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n")
    (layouts / "terms.html").write_text("{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a></li>{{ end }}</ul>{{ end }}\n")
    for name, title, team, body in projects(source):
        (target / "content" / "projects" / name).write_text(f'+++\ntitle = "{title}"\nteams = ["{team}"]\n+++\n{body}')


def write_zola_site(source, target):
    shutil.rmtree(target, ignore_errors=True)
    (target / "content" / "projects").mkdir(parents=True)
    (target / "templates").mkdir(parents=True)
    (target / "config.toml").write_text('base_url = "http://example.org"\ntitle = "Portfolio"\ntaxonomies = [{ name = "teams" }]\n')
    (target / "content" / "projects" / "_index.md").write_text('+++\ntitle = "Projects"\nsort_by = "title"\n+++\n')
    t = target / "templates"
    (t / "index.html").write_text("<!DOCTYPE html><html><body><h1>Portfolio</h1></body></html>\n")
    (t / "section.html").write_text("<!DOCTYPE html><html><body><h1>{{ section.title }}</h1><ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul></body></html>\n")
    (t / "page.html").write_text("<!DOCTYPE html><html><body><h1>{{ page.title }}</h1>{{ page.content | safe }}</body></html>\n")
    (t / "taxonomy_list.html").write_text("<!DOCTYPE html><html><body>{% for term in terms %}<a href=\"{{ term.permalink }}\">{{ term.name }}</a>{% endfor %}</body></html>\n")
    (t / "taxonomy_single.html").write_text("<!DOCTYPE html><html><body><h1>{{ term.name }}</h1>{% for p in term.pages %}<a href=\"{{ p.permalink }}\">{{ p.title }}</a>{% endfor %}</body></html>\n")
    for name, title, team, body in projects(source):
        (target / "content" / "projects" / name).write_text(
            f'+++\ntitle = "{title}"\n[taxonomies]\nteams = ["{team}"]\n+++\n{body}'
        )


def version(command):
    try:
        return run(command).stdout.strip().splitlines()[0]
    except (OSError, subprocess.CalledProcessError):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=str(REPO / "BENCHMARKS.md"))
    parser.add_argument("--work", default=str(REPO / "target" / "bench"))
    args = parser.parse_args()

    run(["cargo", "build", "--release"], cwd=REPO)
    binary = str(REPO / "target" / "release" / "throughline")
    hugo = shutil.which("hugo")
    # Zola has no Debian package; build it from source outside this
    # repository and name the binary in ZOLA_BIN.
    zola = os.environ.get("ZOLA_BIN") or shutil.which("zola")
    work = pathlib.Path(args.work)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        print(f"== {n} projects", file=sys.stderr)
        folder = work / str(n)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        site = folder / "site"
        run([binary, "generate", "--projects", str(n), str(site)])
        output = site / "output"

        def clean():
            shutil.rmtree(output, ignore_errors=True)

        build = [binary, "build", "--root", str(site), "--as-of", AS_OF]
        row = {"n": n}
        row["build"] = timed(build, args.runs, clean)
        row["build_no_pdf"] = timed(build + ["--no-pdf"], args.runs, clean)
        row["memory"] = peak_memory_mb(build, clean)
        clean()
        run(build)
        row["files"], row["bytes"], row["pages"] = tree_size(output)
        row["largest_page"], row["largest_script"] = largest(output)
        # Into the output just made, as watch's rebuilds are: unchanged
        # files are compared, not written.
        row["build_existing"] = timed(build + ["--no-pdf"], args.runs)
        row["check"] = timed([binary, "check", "--root", str(site), "--as-of", AS_OF, "--format", "json"], args.runs)
        row["pack"] = timed([binary, "pack", "2026-11-board", "--root", str(site), "--as-of", AS_OF], max(3, args.runs // 2))
        latency = [sys.executable, str(HERE / "watch-latency.py"), "--root", str(site), "--binary", binary, "--runs", "7"]
        body = run(latency).stdout
        row["watch"] = float(re.search(r"median save-to-page: (\d+) ms", body).group(1)) / 1000
        row["rebuild"] = float(re.search(r"median rebuild reported by watch: (\d+) ms", body).group(1)) / 1000
        for edit in ("title", "add", "delete"):
            body = run(latency + ["--edit", edit]).stdout
            row[edit] = float(re.search(r"median save-to-page: (\d+) ms", body).group(1)) / 1000
        row["rename"] = row["title"]
        if hugo:
            peer = folder / "hugo"
            write_hugo_site(site, peer)
            public = peer / "public"
            command = [hugo, "--quiet", "-s", str(peer), "-d", str(public)]
            row["hugo"] = timed(command, args.runs, lambda: shutil.rmtree(public, ignore_errors=True))
            row["hugo_memory"] = peak_memory_mb(command, lambda: shutil.rmtree(public, ignore_errors=True))
            row["hugo_pages"] = tree_size(public)[2]
        if zola:
            peer = folder / "zola"
            write_zola_site(site, peer)
            public = peer / "public"
            command = [zola, "--root", str(peer), "build", "--output-dir", str(public), "--force"]
            row["zola"] = timed(command, args.runs, lambda: shutil.rmtree(public, ignore_errors=True))
            row["zola_memory"] = peak_memory_mb(command, lambda: shutil.rmtree(public, ignore_errors=True))
            row["zola_pages"] = tree_size(public)[2]
        rows.append(row)
        print(row, file=sys.stderr)

    write_report(args, rows, binary, hugo, zola)


def largest(folder):
    """The largest HTML page and the largest script, in bytes."""
    sizes = {".html": 0, ".js": 0}
    for path in pathlib.Path(folder).rglob("*"):
        if path.suffix in sizes and path.is_file():
            sizes[path.suffix] = max(sizes[path.suffix], path.stat().st_size)
    return sizes[".html"], sizes[".js"]


def write_report(args, rows, binary, hugo, zola):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    kib = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    memory = f"{kib / 1024 / 1024:.0f} GiB"
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today().isoformat()} by `python3 bench/benchmark.py --sizes {args.sizes} --runs {args.runs}`",
        f"on {os.cpu_count()} cores ({cpu}), {memory} of memory, {platform.system()} {platform.release()}.",
        "",
        f"- throughline: {version([binary, '--version'])}, built with {version(['rustc', '--version'])}",
        f"- Hugo: {version(['hugo', 'version']) if hugo else 'not installed'}",
        f"- Zola: {version([zola, '--version']) if zola else 'not installed (no Debian package, not on crates.io; set ZOLA_BIN): not compared'}",
        "",
        "Each portfolio comes from `throughline generate --projects N` (a team per 40 projects,",
        "an objective per four projects, ~1.5 KB Markdown bodies, weekly check-ins over two years,",
        "one board review). Times are medians of the runs after one warm-up, each build into an",
        "empty output folder. throughline builds the whole site: every project, objective,",
        "priority and team page, the analysis and all charts, the lists, search index, data",
        "downloads and the board pack (HTML and PDF). The peers build the same project bodies as one",
        "page per project, one listing and a taxonomy by team, with minimal templates.",
        "",
        "## throughline",
        "",
        "| projects | full build | without PDF | per page | peak memory | pages | files | output | largest page | largest script | check | one pack |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['build']:.2f} s | {r['build_no_pdf']:.2f} s | {r['build'] / r['pages'] * 1000:.2f} ms | {r['memory']:.0f} MB"
            f" | {r['pages']:,} | {r['files']:,} | {r['bytes'] / 1e6:.0f} MB | {r['largest_page'] / 1e3:.0f} KB | {r['largest_script'] / 1e6:.1f} MB"
            f" | {r['check']:.2f} s | {r['pack']:.2f} s |"
        )
    lines += [
        "",
        "## Watch",
        "",
        "Median time from saving one project file to its rebuilt page on disk (the debounce",
        "included), against a build without the PDF into the existing output folder (what a",
        "rebuild replaces). A description edit changes that project's page; a rename changes",
        "every list, chart and download that names the project; a project file added (or",
        "deleted) among the others moves every later item of the lists along by one.",
        "",
        "| projects | build into existing output | description edit: save to page | rebuild | rename | file added | file deleted | build ÷ description edit |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['build_existing']:.2f} s | {r['watch'] * 1000:.0f} ms | {r['rebuild'] * 1000:.0f} ms"
            f" | {r['rename'] * 1000:.0f} ms | {r['add'] * 1000:.0f} ms | {r['delete'] * 1000:.0f} ms | {r['build_existing'] / r['watch']:.1f}× |"
        )
    if hugo or zola:
        lines += ["", "## Against the peers", "", "| projects | tool | build | pages | per page | peak memory | throughline per page ÷ theirs |", "|---:|---|---:|---:|---:|---:|---:|"]
        for r in rows:
            ours = r["build"] / r["pages"]
            for tool in ("hugo", "zola"):
                if tool in r:
                    theirs = r[tool] / max(r[f"{tool}_pages"], 1)
                    lines.append(
                        f"| {r['n']:,} | {tool.capitalize()} | {r[tool]:.2f} s | {r[f'{tool}_pages']:,} | {theirs * 1000:.2f} ms"
                        f" | {r[f'{tool}_memory']:.0f} MB | {ours / theirs:.2f} |"
                    )
        lines += ["", "A ratio below 1 means throughline spends less time per page than the peer."]
    pathlib.Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
