#!/usr/bin/env bash
# Side by side, on the same content in one run: rapporteur against pandoc
# (its Markdown with insertion/deletion spans → DOCX), LibreOffice headless
# (DOCX → PDF) and Typst (→ PDF) where installed. Prints each tool's median
# wall time and its ratio to rapporteur's.
# Needs: hyperfine, pandoc, libreoffice (soffice); typst optional.
# Usage: scripts/bench-peers.sh [SOURCE] (default: the bundled example);
# TYPST=/path/to/typst if it is not on PATH (cargo install typst-cli).
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-examples/firearms-comments.md}"
for tool in hyperfine pandoc soffice; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install hyperfine pandoc libreoffice-writer)"; exit 1; }
done
cargo build --quiet --release
bin="$PWD/target/release/rapporteur"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$src" "$dir/doc.md"
"$bin" render "$dir/doc.md" --to pandoc -o "$dir/doc.pandoc.md" 2>/dev/null
"$bin" render "$dir/doc.md" --to docx -o "$dir/doc.docx" 2>/dev/null
profile="file://$dir/lo-profile"
# Warm LibreOffice's profile once so the runs measure conversion, not first start.
soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$dir/lo" "$dir/doc.docx" >/dev/null 2>&1

median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$1"; }
run() { # name runs command
  hyperfine --style none --warmup 1 --runs "$2" --export-json "$dir/$1.json" "$3" >/dev/null 2>&1
  median "$dir/$1.json"
}

r_docx=$(run rapporteur-docx 30 "$bin render $dir/doc.md --to docx -o $dir/r.docx")
r_pdf=$(run rapporteur-pdf 30 "$bin render $dir/doc.md --to pdf -o $dir/r.pdf")
p_docx=$(run pandoc-docx 10 "pandoc $dir/doc.pandoc.md -f markdown -t docx -o $dir/p.docx")
lo_pdf=$(run libreoffice-pdf 5 "soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir $dir/lo $dir/doc.docx")
pages=$(pdfinfo "$dir/r.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')

printf '%-34s %12s %10s\n' "tool (same content, ${pages:-?} A4 pages)" "median s" "ratio"
row() { printf '%-34s %12.4f %10s\n' "$1" "$2" "$3"; }
row "rapporteur → DOCX" "$r_docx" "1"
row "pandoc Markdown → DOCX" "$p_docx" "$(python3 -c "print(f'{$p_docx/$r_docx:.0f}x')")"
row "rapporteur → PDF" "$r_pdf" "1"
row "LibreOffice DOCX → PDF" "$lo_pdf" "$(python3 -c "print(f'{$lo_pdf/$r_pdf:.0f}x')")"
typst="${TYPST:-typst}"
if command -v "$typst" >/dev/null; then
  # The same content as Typst markup: rapporteur's plain-text rendering
  # (the reference's convention) with deletions struck (#strike), bold and
  # italics kept, headings as headings, Typst's special characters escaped.
  "$bin" render "$dir/doc.md" --to md -o "$dir/doc.txt" 2>/dev/null
  python3 - "$dir/doc.txt" "$dir/doc.typ" <<'PY'
import re, sys
SPECIAL = set('#$@<>_*[]\\`~/=+-')

def inline(s):
    out, stack, i = [], [], 0
    def toggle(kind, fn):
        if stack and stack[-1] == kind:
            stack.pop(); out.append(']')
        else:
            stack.append(kind); out.append('#' + fn + '[')
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s):
            c = s[i + 1]; out.append('\\' + c if c in SPECIAL else c); i += 2; continue
        if s.startswith('~~', i): toggle('s', 'strike'); i += 2; continue
        if s.startswith('**', i): toggle('b', 'strong'); i += 2; continue
        if s[i] == '*': toggle('i', 'emph'); i += 1; continue
        c = s[i]
        out.append('\\' + c if c in SPECIAL else c); i += 1
    out.extend(']' * len(stack))
    return ''.join(out)

def block(p):
    m = re.match(r'^(#{1,6}) (.*)$', p, re.S)
    if m:
        return '=' * len(m.group(1)) + ' ' + inline(m.group(2))
    lines = p.split('\n')
    return ' \\\n'.join(inline(l.rstrip()) for l in lines)

text = open(sys.argv[1]).read()
body = '\n\n'.join(block(p) for p in text.split('\n\n') if p.strip())
head = ('#set page(paper: "a4", margin: (x: 2.5cm, y: 2.5cm), numbering: "1")\n'
        '#set text(font: "Liberation Serif", size: 10pt, lang: "en")\n'
        '#set par(justify: true)\n\n')
open(sys.argv[2], 'w').write(head + body + '\n')
PY
  t_pdf=$(run typst-pdf 10 "$typst compile $dir/doc.typ $dir/t.pdf")
  t_pages=$(pdfinfo "$dir/t.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
  row "Typst → PDF (${t_pages:-?} pages)" "$t_pdf" "$(python3 -c "print(f'{$t_pdf/$r_pdf:.1f}x')")"
else
  echo "Typst → PDF: typst not installed (or set TYPST=path), skipped"
fi
