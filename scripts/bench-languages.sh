#!/usr/bin/env bash
# Time per PDF page of whole runs of the command: the English example against
# the Arabic and Chinese ones. Each document is rendered RUNS times; the
# medians of wall time and of CPU time (user + system, both threads) are
# printed per render and per page.
#
# Rows: the three examples as they are (12, 2 and 1 pages); the English
# example cut to its first page (front matter and as many of its first
# paragraphs as one page holds), the one-page document of the same language
# the short examples compare with; and the Arabic and Chinese bodies
# repeated REPEAT times (points and footnotes renumbered), about the English
# example's length, which spreads a run's fixed cost over as many pages as
# the English example has. benches/render.rs (`cargo bench --bench render
# -- languages`) times the same documents inside one process.
#
# Usage: scripts/bench-languages.sh [RUNS] [REPEAT] (defaults 21 and 20).
# Needs a release build (BIN= to point elsewhere), poppler-utils and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-21}"
repeat="${2:-20}"
bin="${BIN:-${CARGO_TARGET_DIR:-target}/release/rapporteur}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

python3 - "$bin" "$dir" "$runs" "$repeat" <<'PY'
import os, re, resource, statistics, subprocess, sys, time

bin, work, runs, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])


def render(src, out):
    subprocess.run([bin, "render", src, "--to", "pdf", "-o", out],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def repeated(text, n):
    """The body written n times: points and footnotes renumbered, paragraphs
    numbered automatically."""
    _, front, body = text.split("+++", 2)
    points = [int(p) for p in re.findall(r"^::: point (\d+)", body, re.M)]
    top = max(points, default=0)
    out = []
    for k in range(n):
        b = re.sub(r"^::: point (\d+)", lambda m: "::: point %d" % (int(m.group(1)) + k * top), body, flags=re.M)
        b = re.sub(r"\[\^([^\]]+)\]", lambda m: "[^%s-%d]" % (m.group(1), k), b)
        b = re.sub(r"^\d+\. ", "#. ", b, flags=re.M)
        out.append(b)
    return "+++" + front + "+++" + "\n".join(out)


def first_page(text, path):
    """The longest run of first paragraphs that renders to one page."""
    front, body = text.rsplit("+++", 1)
    paragraphs = body.split("\n\n")
    best = None
    for n in range(1, len(paragraphs)):
        with open(path, "w", encoding="utf-8") as f:
            f.write(front + "+++" + "\n\n".join(paragraphs[:n]) + "\n")
        try:
            render(path, path + ".pdf")
        except subprocess.CalledProcessError:
            continue
        if pages(path + ".pdf") > 1:
            break
        best = n
    with open(path, "w", encoding="utf-8") as f:
        f.write(front + "+++" + "\n\n".join(paragraphs[:best]) + "\n")
    return path


def bench(name, src):
    out = os.path.join(work, name + ".pdf")
    render(src, out)  # warm the page cache
    n = pages(out)
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        render(src, out)
        wall.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    w, c = statistics.median(wall), statistics.median(cpu)
    print("%-14s %3d pages  wall %6.1f ms/render %6.2f ms/page   cpu %6.1f ms/render %6.2f ms/page"
          % (name, n, w, w / n, c, c / n))


english = "examples/firearms-comments.md"
bench("en", english)
bench("en-first-page", first_page(open(english, encoding="utf-8").read(), os.path.join(work, "en-1.md")))
for lang in ["ar", "zh"]:
    src = "examples/discussion-%s.md" % lang
    bench(lang, src)
    big = os.path.join(work, "%s-x%d.md" % (lang, repeat))
    with open(big, "w", encoding="utf-8") as f:
        f.write(repeated(open(src, encoding="utf-8").read(), repeat))
    bench("%s-x%d" % (lang, repeat), big)
PY
