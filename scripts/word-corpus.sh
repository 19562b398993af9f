#!/usr/bin/env bash
# The Word corpus that tests/docx/word_corpus.rs reads, checked against
# tests/data/word-corpus/SOURCES.md (one row a file: name, repository, path,
# commit, licence, …, sha256).
#
#   scripts/word-corpus.sh              check the corpus directory: every
#                                       file there, and every file listed
#   scripts/word-corpus.sh --from SRC   first copy into the corpus directory
#                                       the listed files found in SRC
#
# The corpus directory is $RAPPORTEUR_WORD_CORPUS, by default
# ../shared/word-corpus beside the clone (the steering repository's shared/,
# where the files fetched from public repositories are kept: they are not
# committed here). A file a package registry ships (python-docx's sdist on
# PyPI) is brought with pip when it is missing and the directory is
# writable. Exit status 1 when a file's sha256 differs from the list's, or a
# file there is not listed; missing files are counted, not errors (the test
# reads what is there).
set -euo pipefail
cd "$(dirname "$0")/.."
sources=tests/data/word-corpus/SOURCES.md
dir="${RAPPORTEUR_WORD_CORPUS:-../shared/word-corpus}"
from=""
if [ "${1:-}" = "--from" ]; then
  from="${2:?--from needs a directory}"
fi
if [ -z "$from" ] && [ ! -d "$dir" ]; then
  echo "word corpus: $dir is not there; tests/docx/word_corpus.rs reads tests/data/word only (the list: $sources)"
  exit 0
fi

# name<TAB>repository<TAB>path<TAB>sha256, one line a listed file.
rows() {
  awk -F'|' '/^\| [^ ]+\.docx \|/ {
    for (i = 2; i <= NF; i++) gsub(/^ +| +$/, "", $i);
    print $2 "\t" $3 "\t" $4 "\t" $9
  }' "$sources"
}

sha() { sha256sum "$1" | cut -d' ' -f1; }

# Brings one file from a registry package: only python-docx's sdist is one.
from_registry() {
  local name="$1" repo="$2" path="$3"
  case "$repo" in
    "PyPI python-docx==1.2.0 (sdist)") ;;
    *) return 1 ;;
  esac
  command -v pip >/dev/null || return 1
  local tmp
  tmp=$(mktemp -d)
  pip download --quiet --no-deps --no-binary :all: -d "$tmp" python-docx==1.2.0 >/dev/null 2>&1 \
    && tar -xzf "$tmp"/python_docx-1.2.0.tar.gz -C "$tmp" "$path" \
    && cp "$tmp/$path" "$dir/$name"
  local status=$?
  rm -rf "$tmp"
  return $status
}

if [ -n "$from" ]; then
  mkdir -p "$dir"
fi

listed=0 present=0 missing=0 bad=0
while IFS=$'\t' read -r name repo path want; do
  listed=$((listed + 1))
  target="$dir/$name"
  if [ ! -e "$target" ] && [ -n "$from" ] && [ -e "$from/$name" ]; then
    if [ "$(sha "$from/$name")" = "$want" ]; then
      cp "$from/$name" "$target"
    fi
  fi
  if [ ! -e "$target" ] && [ -d "$dir" ] && [ -w "$dir" ]; then
    from_registry "$name" "$repo" "$path" || true
  fi
  if [ ! -e "$target" ]; then
    missing=$((missing + 1))
    echo "missing: $name ($repo, $path)"
    continue
  fi
  if [ "$(sha "$target")" != "$want" ]; then
    bad=$((bad + 1))
    echo "DIFFERS: $name: sha256 $(sha "$target"), the list says $want"
    continue
  fi
  present=$((present + 1))
done < <(rows)

# A file in the directory that the list does not name has no known source.
if [ -d "$dir" ]; then
  for f in "$dir"/*.docx; do
    [ -e "$f" ] || continue
    if ! rows | cut -f1 | grep -qxF "$(basename "$f")"; then
      bad=$((bad + 1))
      echo "NOT LISTED: $(basename "$f") (add its source to $sources)"
    fi
  done
fi

echo "word corpus $dir: $present of $listed listed files present and verified, $missing missing, $bad wrong"
[ "$bad" -eq 0 ]
