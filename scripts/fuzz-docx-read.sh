#!/usr/bin/env bash
# Fuzz the DOCX reader with cargo-fuzz, seeded with rendered DOCX files and
# Word's own (tests/data/word).
# Usage: scripts/fuzz-docx-read.sh [SECONDS] [TARGET]   (default 600, docx_read)
#   docx_read        whole files as bytes (the zip layer and what gets past it)
#   docx_read_parts  the XML parts, zipped by the target, so that mutations
#                    reach the XML, WordprocessingML and structure readers
# Needs cargo-fuzz; on a stable toolchain it runs with RUSTC_BOOTSTRAP=1,
# which lets stable rustc take the sanitizer flags.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
target="${2:-docx_read}"
seeds=fuzz/seeds/docx
mkdir -p "$seeds" "fuzz/corpus/$target"
cp tests/data/word/*.docx "$seeds/"
for f in examples/*.md tests/data/languages/*.md tests/data/footnotes.md; do
  cargo run --quiet -- render "$f" --to docx -o "$seeds/$(basename "$f" .md).docx"
done
if [ "$target" = docx_read_parts ]; then
  python3 - "$seeds" "fuzz/corpus/$target" <<'EOF'
import glob, os, sys, zipfile
names = ["word/document.xml", "word/comments.xml", "word/commentsExtended.xml",
         "word/footnotes.xml", "customXml/item1.xml"]
for f in glob.glob(os.path.join(sys.argv[1], "*.docx")):
    z = zipfile.ZipFile(f)
    parts = [z.read(n).decode("utf-8", "replace") if n in z.namelist() else "" for n in names]
    with open(os.path.join(sys.argv[2], os.path.basename(f) + ".parts"), "w") as out:
        out.write("\n--PART--\n".join(parts))
EOF
else
  cp "$seeds"/*.docx "fuzz/corpus/$target/"
fi
cd fuzz
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -max_len=1048576 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
