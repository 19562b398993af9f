#!/usr/bin/env bash
# Fuzz the DOCX reader with cargo-fuzz, seeded with rendered DOCX files and
# Word's own (tests/data/word). Usage: scripts/fuzz-docx-read.sh [SECONDS]
# (default 600). Needs cargo-fuzz; on a stable toolchain it runs with
# RUSTC_BOOTSTRAP=1, which lets stable rustc take the sanitizer flags.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
corpus=fuzz/corpus/docx_read
mkdir -p "$corpus"
cp tests/data/word/*.docx "$corpus/"
for f in examples/*.md tests/data/languages/*.md; do
  cargo run --quiet -- render "$f" --to docx -o "$corpus/$(basename "$f" .md).docx"
done
cd fuzz
RUSTC_BOOTSTRAP=1 cargo fuzz run docx_read "corpus/docx_read" -- \
  -max_total_time="$seconds" -max_len=1048576 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
