#!/usr/bin/env python3
"""Time from saving one project file to its rebuilt page, under `throughline watch`.

Starts `throughline watch` on a site root, edits one project again and
again (appends a line to its description, or with `--edit title` renames
it, which changes every list and chart that shows it; with `--edit add` it
writes a new project file, with `--edit delete` it removes one), and times
each save until the project's page in the output shows the edit (or appears,
or is gone). Prints the median of the end-to-end times (save
to page on disk, including the watcher's debounce) and of the rebuild
times watch itself reports.

    python3 bench/watch-latency.py --root SITE [--runs 11] [--pdf] [--edit body|title]
"""
import argparse
import pathlib
import re
import statistics
import subprocess
import sys
import threading
import time


def read(page):
    # The first build swaps the output folder in whole; between the two
    # renames the page is briefly not there.
    try:
        return page.read_text(errors="replace")
    except FileNotFoundError:
        return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", required=True, help="site root (holds content/)")
    parser.add_argument("--binary", default="target/release/throughline")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--pdf", action="store_true", help="typeset the PDF packs on each rebuild too")
    parser.add_argument("--as-of", default="2026-11-20")
    parser.add_argument(
        "--edit", choices=["body", "title", "add", "delete"], default="body", help="what to change in the project"
    )
    args = parser.parse_args()

    root = pathlib.Path(args.root).resolve()
    project = sorted((root / "content" / "projects").rglob("*.md"))[0]
    page = root / "output" / "projects" / (project.stem + ".html")
    original = project.read_text()

    command = [args.binary, "watch", "--root", str(root), "--as-of", args.as_of]
    if not args.pdf:
        command.append("--no-pdf")
    watch = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = []
    ready = threading.Event()

    def follow():
        for line in watch.stdout:
            lines.append(line)
            if line.startswith("watching"):
                ready.set()

    threading.Thread(target=follow, daemon=True).start()
    if not ready.wait(600):
        sys.exit("watch did not start")

    # A new file sorts among the others, not after them all.
    added = project.with_name(f"{project.stem}-added.md")
    added_page = page.with_name(f"{added.stem}.html")

    def rebuilt_after(change):
        seen = len(lines)
        change()
        while not any("rebuilt in" in l for l in lines[seen:]):
            time.sleep(0.002)
        time.sleep(0.3)

    end_to_end, reported = [], []
    try:
        if args.edit == "delete":
            rebuilt_after(lambda: added.write_text(original.replace('title = "', 'title = "Added ', 1)))
        for run in range(args.runs):
            marker = f"Edited for run {run} at {time.time()}"
            seen = len(lines)
            started = time.perf_counter()
            if args.edit in ("add", "delete"):
                if args.edit == "add":
                    added.write_text(original.replace('title = "', f'title = "{marker} ', 1))
                    done = lambda: marker in read(added_page)
                else:
                    added.unlink()
                    done = lambda: not added_page.exists()
            else:
                if args.edit == "title":
                    edited = re.sub(r'^title = "(.*)"$', lambda m: f'title = "{m.group(1)} {marker}"', original, count=1, flags=re.M)
                else:
                    edited = original + f"\n{marker}\n"
                project.write_text(edited)
                done = lambda: marker in read(page)
            deadline = started + 120
            while not done():
                if time.perf_counter() > deadline:
                    sys.exit(f"run {run}: the page was not rebuilt")
                time.sleep(0.002)
            end_to_end.append((time.perf_counter() - started) * 1000)
            while not any("rebuilt in" in l for l in lines[seen:]):
                time.sleep(0.002)
            line = next(l for l in lines[seen:] if "rebuilt in" in l)
            reported.append(int(re.search(r"rebuilt in (\d+) ms", line).group(1)))
            time.sleep(0.3)
            # Put things back for the next run (not timed).
            if args.edit == "delete":
                rebuilt_after(lambda: added.write_text(original.replace('title = "', 'title = "Added ', 1)))
            elif args.edit == "add":
                rebuilt_after(added.unlink)
    finally:
        project.write_text(original)
        if added.exists():
            added.unlink()
        watch.terminate()

    print(f"site: {root} ({len(list((root / 'content' / 'projects').rglob('*.md')))} projects), pdf: {args.pdf}, edit: {args.edit}")
    print(f"median save-to-page: {statistics.median(end_to_end):.0f} ms (runs: {args.runs})")
    print(f"median rebuild reported by watch: {statistics.median(reported):.0f} ms")


if __name__ == "__main__":
    main()
