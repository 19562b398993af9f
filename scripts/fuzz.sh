#!/usr/bin/env bash
# Fuzz parse-and-render (all three writers) with cargo-fuzz, seeded with the
# examples. Usage: scripts/fuzz.sh [SECONDS] (default 600).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain it runs
# with RUSTC_BOOTSTRAP=1, which lets stable rustc take the sanitizer flags.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
mkdir -p fuzz/corpus/parse_render
cp examples/*.md fuzz/corpus/parse_render/
for scale in 1 2; do
  cargo run --quiet --release -- generate --scale "$scale" --seed 3 -o "fuzz/corpus/parse_render/generated-$scale.md"
done
cd fuzz
RUSTC_BOOTSTRAP=1 cargo fuzz run parse_render corpus/parse_render -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
