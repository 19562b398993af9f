#!/usr/bin/env bash
# Usage: scripts/same-outputs.sh BINARY OUTDIR
# Renders every example and test source in every format and view (DOCX, PDF
# with and without --colour, md, pandoc; all, accepted, original) and
# imports every rendered DOCX and every Word file under tests/data/word, into
# OUTDIR. Run it with the binary before a change and after, then compare:
#   diff -r OUTDIR-before OUTDIR-after  (binary files: "differ")
# A refactoring that means to change no output shows no difference.
set -u
bin=$(realpath "$1"); out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(realpath "$out")
# Outputs are named relative to OUTDIR, so that two runs' messages compare.
cd "$out"
for src in "$root"/examples/*.md "$root"/tests/data/*.md "$root"/tests/data/languages/*.md; do
  rel=${src#"$root"/}
  name=$(echo "$rel" | tr / _ | sed 's/\.md$//')
  for view in all accepted original; do
    d="$name/$view"; mkdir -p "$d"
    "$bin" render "$src" --to docx,pdf,md,pandoc --view "$view" -o "$d" \
      >"$d/stdout" 2>"$d/stderr"; echo $? >"$d/rc"
    mkdir -p "$d/colour"
    "$bin" render "$src" --to pdf --colour --view "$view" -o "$d/colour" \
      >/dev/null 2>"$d/colour/stderr"; echo $? >"$d/colour/rc"
  done
  for docx in "$name"/all/*.docx; do
    [ -e "$docx" ] || continue
    "$bin" import "$docx" >"$name/import.md" 2>"$name/import.stderr"
    echo $? >"$name/import.rc"
  done
done
mkdir -p word
for docx in "$root"/tests/data/word/*.docx "$root"/tests/data/word/*/*.docx; do
  [ -e "$docx" ] || continue
  name=$(echo "${docx#"$root"/}" | tr / _)
  "$bin" import "$docx" >"word/$name.md" 2>"word/$name.stderr"
  echo $? >"word/$name.rc"
done
