#!/usr/bin/env bash
# Batch rendering uses both cores: render N generated documents one process
# at a time (sum of single-file times), then in one batch, and compare.
# One deliberately broken file is in the batch: it must be reported and the
# rest written. Usage: scripts/bench-batch.sh [N] (default 200).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200}"
formats="${FORMATS:-docx,pdf}"
cargo build --quiet --release
bin=target/release/rapporteur
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for i in $(seq 1 "$n"); do
  "$bin" generate --scale 1 --seed "$i" -o "$dir/doc$i.md"
done
# One broken file among them.
printf '\nA paragraph with {++an unattributed change++}.\n' >> "$dir/doc7.md"

sum=0
start_all=$(date +%s.%N)
for i in $(seq 1 "$n"); do
  "$bin" render "$dir/doc$i.md" --to "$formats" -o "$dir/single/" >/dev/null 2>&1 || true
done
end_all=$(date +%s.%N)
sum=$(echo "$end_all - $start_all" | bc)

start=$(date +%s.%N)
set +e
"$bin" render "$dir"/doc*.md --to "$formats" -o "$dir/batch/" 2> "$dir/batch.log"
status=$?
set -e
end=$(date +%s.%N)
wall=$(echo "$end - $start" | bc)
tail -n 1 "$dir/batch.log"
grep -c 'this change has no attribution' "$dir/batch.log" | sed 's/^/broken files reported: /'
echo "exit status: $status (1 expected: one file failed)"
echo "outputs written: $(ls "$dir/batch" | wc -l)"
printf 'sum of %d single renders: %.2f s; batch wall time: %.2f s; ratio %.2f (target < 0.65); cores: %s\n' \
  "$n" "$sum" "$wall" "$(echo "$wall / $sum" | bc -l)" "$(nproc)"
