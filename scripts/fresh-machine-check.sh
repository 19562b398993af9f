#!/usr/bin/env bash
# A machine with only the Rust toolchain, imitated on this one: runs
# `cargo test` with a PATH that holds everything in the system's bin
# directories except LibreOffice, pandoc, poppler, qpdf, openxml-audit and
# ooxml-validate, Chromium and its driver, twice:
#
#   1. with CI unset: must exit 0 and name each skipped check;
#   2. with CI=true: must fail, naming the missing tools.
#
# Usage: scripts/fresh-machine-check.sh [--clone] [-- extra cargo test args]
#   --clone   run in a fresh `git clone` of HEAD (committed work only)
#             instead of this checkout.
# Exit status 0 when both hold. Logs are kept in the temporary directory
# printed at the end.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d -t fresh-machine.XXXXXX)"
clone=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --clone) clone=1 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

# The programs a fresh machine does not have (poppler's are all pdf*).
hidden() {
  case "$1" in
    soffice | libreoffice | lo* | pandoc | pdf* | qpdf | fix-qdf | zlib-flate | openxml-audit | ooxml-validate | chromium | chromedriver) return 0 ;;
  esac
  return 1
}

# A bin directory of symlinks to everything else, then the toolchain's own.
bin="$work/bin"
mkdir -p "$bin"
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  [ -d "$dir" ] || continue
  for f in "$dir"/*; do
    name="$(basename "$f")"
    hidden "$name" && continue
    [ -e "$bin/$name" ] || ln -s "$f" "$bin/$name"
  done
done
cargo_dir="$(dirname "$(command -v cargo)")"
rustc_dir="$(dirname "$(command -v rustc)")"
clean_path="$cargo_dir:$rustc_dir:$bin"

for tool in soffice pandoc pdftotext pdffonts pdfinfo qpdf openxml-audit ooxml-validate chromium chromedriver; do
  if PATH="$clean_path" command -v "$tool" >/dev/null; then
    echo "FAIL: $tool is still on the clean PATH" >&2
    exit 1
  fi
done
echo "clean PATH: $clean_path (no LibreOffice, pandoc, poppler, qpdf, openxml-audit, ooxml-validate, chromium, chromedriver)"

src="$repo"
if [ "$clone" = 1 ]; then
  git clone -q "$repo" "$work/clone" || exit 1
  src="$work/clone"
  echo "fresh clone of HEAD in $src"
fi
cd "$src" || exit 1

status=0

echo "== 1. CI unset: cargo test must pass, naming what it skips"
env -u CI PATH="$clean_path" cargo test "${extra[@]}" >"$work/ci-unset.log" 2>&1
code=$?
grep '^skipped: ' "$work/ci-unset.log" | sort | uniq >"$work/skipped.txt"
grep -E '^test result:' "$work/ci-unset.log" | awk '{p+=$4; f+=$6} END {print "   test results: " p " passed, " f " failed"}'
echo "   exit status $code; $(wc -l <"$work/skipped.txt") checks skipped:"
sed 's/^/     /' "$work/skipped.txt"
if [ "$code" -ne 0 ]; then
  echo "FAIL: cargo test without the tools exited $code (log: $work/ci-unset.log)"
  grep -E '^(test .* FAILED|---- )' "$work/ci-unset.log" | head -20
  status=1
elif [ ! -s "$work/skipped.txt" ]; then
  echo "FAIL: nothing was reported as skipped"
  status=1
fi

echo "== 2. CI=true: cargo test must fail, naming the missing tools"
env CI=true PATH="$clean_path" cargo test --no-fail-fast "${extra[@]}" >"$work/ci-true.log" 2>&1
code=$?
grep -o '`[a-z0-9-]*` is not installed and CI=true' "$work/ci-true.log" | sort | uniq -c >"$work/named.txt"
echo "   exit status $code; failures name:"
sed 's/^/     /' "$work/named.txt"
if [ "$code" -eq 0 ]; then
  echo "FAIL: cargo test under CI=true passed without the tools"
  status=1
elif [ ! -s "$work/named.txt" ]; then
  echo "FAIL: the failures do not name a missing tool (log: $work/ci-true.log)"
  status=1
fi

echo "logs: $work"
if [ "$status" = 0 ]; then
  echo "OK: without the tools cargo test passes and names what it skipped; under CI=true it fails naming them"
fi
exit "$status"
