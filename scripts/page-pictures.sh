#!/usr/bin/env bash
# The page pictures in docs/: the examples rendered by the binary, the PDF
# rasterised by poppler and the DOCX printed by LibreOffice, at 80 dpi
# (one A4 page: 662 × 936 pixels). Run after a layout change, then look.
#
#   scripts/page-pictures.sh [BIN]      BIN: default target/release/rapporteur
#
# Needs pdftoppm (poppler-utils), soffice (libreoffice-writer) and Python's
# PIL (python3-pil) for the side-by-side and six-language pictures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/target/release/rapporteur}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
docs=$root/docs

render() { # SOURCE DIR: PDF and DOCX, and LibreOffice's print of the DOCX
  "$bin" render "$1" --to pdf,docx -o "$2/" >/dev/null
  soffice -env:UserInstallation=file://"$work/lo-profile" --headless \
    --convert-to pdf --outdir "$2/lo" "$2"/*.docx >/dev/null 2>&1
}
page() { # PDF N OUT.png
  pdftoppm -r 80 -png -f "$2" -l "$2" -singlefile "$1" "${3%.png}"
}

mkdir -p "$work/en" "$work/ar" "$work/zh"
render "$root/examples/firearms-comments.md" "$work/en"
render "$root/examples/discussion-ar.md" "$work/ar"
render "$root/examples/discussion-zh.md" "$work/zh"

en=$work/en/firearms-comments.pdf
en_lo=$work/en/lo/firearms-comments.pdf
page "$en" 1 "$docs/pdf-page1.png"
page "$en" 2 "$docs/pdf-page2.png"
page "$en" 3 "$docs/pdf-page3.png"
page "$en_lo" 1 "$docs/docx-page1.png"
page "$en_lo" 2 "$docs/docx-page2.png"
page "$work/ar/discussion-ar.pdf" 1 "$docs/pdf-ar-page1.png"
page "$work/ar/lo/discussion-ar.pdf" 1 "$docs/docx-ar-page1.png"
page "$work/zh/discussion-zh.pdf" 1 "$docs/pdf-zh-page1.png"
page "$en" 6 "$work/pdf-6.png"
page "$en_lo" 6 "$work/docx-6.png"

# The example's page 1 in the other languages: the same source with its
# language changed (labels, dates and the Distr. column follow it).
for lang in fr es ru; do
  mkdir -p "$work/$lang"
  sed "s/^language = \"en\"/language = \"$lang\"/" "$root/examples/firearms-comments.md" \
    >"$work/$lang/firearms-$lang.md"
  "$bin" render "$work/$lang/firearms-$lang.md" --to pdf -o "$work/$lang/" >/dev/null
  page "$work/$lang/firearms-$lang.pdf" 1 "$work/$lang-1.png"
done

python3 - "$docs" "$work" <<'PY'
import sys
from PIL import Image
docs, work = sys.argv[1], sys.argv[2]

def side_by_side(left, right, out):
    a, b = Image.open(left), Image.open(right)
    gap = 12
    img = Image.new("RGB", (a.width + gap + b.width, max(a.height, b.height)), (200, 200, 200))
    img.paste(a, (0, 0))
    img.paste(b, (a.width + gap, 0))
    img.save(out, optimize=True)

side_by_side(f"{docs}/pdf-page1.png", f"{docs}/docx-page1.png", f"{docs}/side-by-side-page1.png")
side_by_side(f"{work}/pdf-6.png", f"{work}/docx-6.png", f"{docs}/side-by-side-middle.png")

# Six languages' page 1, half size, three across.
pages = [f"{docs}/pdf-page1.png", f"{work}/fr-1.png", f"{work}/es-1.png",
         f"{work}/ru-1.png", f"{docs}/pdf-ar-page1.png", f"{docs}/pdf-zh-page1.png"]
small = [Image.open(p).convert("RGB").resize((331, 468), Image.LANCZOS) for p in pages]
gap = 8
img = Image.new("RGB", (3 * 331 + 2 * gap, 2 * 468 + gap), (200, 200, 200))
for i, s in enumerate(small):
    img.paste(s, ((i % 3) * (331 + gap), (i // 3) * (468 + gap)))
img.save(f"{docs}/pdf-six-languages-page1.png", optimize=True)
PY
echo "wrote the page pictures in $docs"
