#!/usr/bin/env bash
# Peak memory (max RSS) and time of whole renders: the example and generated
# documents 10 and 100 times its size. Usage: scripts/bench-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
formats="${FORMATS:-docx,pdf}"
cargo build --quiet --release
bin=target/release/rapporteur
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp examples/firearms-comments.md "$dir/example.md"
"$bin" generate --scale 10 -o "$dir/x10.md"
"$bin" generate --scale 100 -o "$dir/x100.md"
printf '%-12s %10s %10s %12s\n' input bytes seconds peak-MiB
for f in example x10 x100; do
  for fmt in ${formats//,/ }; do
    /usr/bin/time -f '%e %M' -o "$dir/time" "$bin" render "$dir/$f.md" --to "$fmt" -o "$dir/out/" 2>/dev/null >/dev/null || { echo "$f $fmt failed"; continue; }
    read -r secs kib < "$dir/time"
    printf '%-12s %10s %10s %12.1f  (%s)\n' "$f" "$(stat -c %s "$dir/$f.md")" "$secs" "$(echo "$kib / 1024" | bc -l)" "$fmt"
  done
done
