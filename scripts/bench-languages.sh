#!/usr/bin/env bash
# Time per PDF page: the English example against the Arabic and Chinese
# ones, as they are and repeated REPEAT times (the same text over more
# pages, which spreads the fixed cost of loading the system's Arabic and
# Chinese fonts). Usage: scripts/bench-languages.sh [RUNS] [REPEAT]
# (defaults 10 and 20). Needs a release build (BIN= to point elsewhere),
# poppler-utils and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
repeat="${2:-20}"
bin="${BIN:-${CARGO_TARGET_DIR:-target}/release/rapporteur}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

# The body repeated: points and footnotes renumbered, paragraphs numbered
# automatically.
repeated() {
  python3 - "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
n = int(sys.argv[2])
_, front, body = text.split("+++", 2)
points = [int(p) for p in re.findall(r"^::: point (\d+)", body, re.M)]
top = max(points, default=0)
out = []
for k in range(n):
    b = re.sub(r"^::: point (\d+)", lambda m: "::: point %d" % (int(m.group(1)) + k * top), body, flags=re.M)
    b = re.sub(r"\[\^([^\]]+)\]", lambda m: "[^%s-%d]" % (m.group(1), k), b)
    b = re.sub(r"^\d+\. ", "#. ", b, flags=re.M)
    out.append(b)
sys.stdout.write("+++" + front + "+++" + "\n".join(out))
PY
}

bench() {
  local name="$1" src="$2"
  "$bin" render "$src" --to pdf -o "$dir/$name.pdf" >/dev/null 2>&1
  local pages
  pages="$(pdfinfo "$dir/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
  local start end
  start="$(date +%s%N)"
  for _ in $(seq "$runs"); do
    "$bin" render "$src" --to pdf -o "$dir/$name.pdf" >/dev/null 2>&1
  done
  end="$(date +%s%N)"
  local ms=$(( (end - start) / 1000000 / runs ))
  printf '%-14s %3s pages %6s ms/render %8.2f ms/page\n' "$name" "$pages" "$ms" \
    "$(echo "$ms / $pages" | bc -l)"
}

bench english examples/firearms-comments.md
for lang in ar zh; do
  bench "$lang" "examples/discussion-$lang.md"
  repeated "examples/discussion-$lang.md" "$repeat" > "$dir/$lang-x$repeat.md"
  bench "$lang-x$repeat" "$dir/$lang-x$repeat.md"
done
