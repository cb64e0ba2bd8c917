#!/usr/bin/env bash
# Check every built PDF with poppler and qpdf, and render page 1 of each to out/preview/ for a person to look at.
# The multi-script fixture (signatories in Chinese, Japanese, Korean, Arabic, Hebrew, Greek, Devanagari and
# emoji) is built too, and each of its names must come out of pdftotext intact.
set -euo pipefail
cd "$(dirname "$0")/../.."

fixture_out="$(mktemp -d)"
trap 'rm -rf "$fixture_out"' EXIT
node dist/cli/main.js build multi-script --statements tests/fixtures --out "$fixture_out" >"$fixture_out/build.log" 2>&1 || {
  cat "$fixture_out/build.log" >&2
  exit 1
}

shopt -s nullglob
pdfs=(out/*/*.pdf "$fixture_out"/*/*.pdf)
if [ ${#pdfs[@]} -eq 0 ]; then
  echo "no PDFs in out/: run the build first" >&2
  exit 1
fi

mkdir -p out/preview
failed=0
fail() { echo "FAIL $1: $2" >&2; failed=1; }

# U+FFFD as UTF-8 bytes, compared as bytes: found whatever the locale (a $'\u…' escape needs a UTF-8 locale).
replacement=$'\xef\xbf\xbd'
# Text as compared: no whitespace, and none of the bidi embedding marks (U+202A-U+202E) pdftotext puts around
# right-to-left runs.
squeeze() { LC_ALL=C sed -e $'s/\xe2\x80[\xaa-\xae]//g' | LC_ALL=C tr -d ' \t\n\r\f'; }

for pdf in "${pdfs[@]}"; do
  name="$(basename "$(dirname "$pdf")")-$(basename "$pdf" .pdf)"

  qpdf --check "$pdf" >/dev/null 2>&1 || fail "$pdf" "qpdf --check: $(qpdf --check "$pdf" 2>&1 | tail -3 | tr '\n' ' ')"

  text="$(pdftotext -enc UTF-8 "$pdf" - 2>&1)" || fail "$pdf" "pdftotext failed"
  [ "$(printf '%s' "$text" | wc -w)" -ge 50 ] || fail "$pdf" "pdftotext found almost no text"
  printf '%s' "$text" | grep -q '###' || fail "$pdf" "no end mark (###) in the text"
  if printf '%s' "$text" | LC_ALL=C grep -qF "$replacement"; then fail "$pdf" "replacement characters in the text layer"; fi

  if [[ "$pdf" == "$fixture_out"/multi-script/* ]]; then
    squeezed="$(printf '%s' "$text" | squeeze)"
    while IFS=, read -r signatory _; do
      [[ "$squeezed" == *"$(printf '%s' "$signatory" | squeeze)"* ]] || fail "$pdf" "pdftotext does not give back the name \"$signatory\""
    done < <(tail -n +2 tests/fixtures/multi-script/signatories.csv)
  fi

  # pdffonts: skip the two header lines; columns from the end are: object ID, gen, uni, sub, emb.
  fonts="$(pdffonts "$pdf" | tail -n +3)"
  [ -n "$fonts" ] || fail "$pdf" "no fonts"
  while read -r line; do
    [ -z "$line" ] && continue
    read -r -a cols <<<"$line"
    n=${#cols[@]}
    emb=${cols[$((n - 5))]}; sub=${cols[$((n - 4))]}; uni=${cols[$((n - 3))]}
    [ "$emb" = yes ] && [ "$sub" = yes ] && [ "$uni" = yes ] || fail "$pdf" "font not embedded, subset and mapped to Unicode: $line"
  done <<<"$fonts"

  pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$pdf" "out/preview/$name" || fail "$pdf" "pdftoppm failed"
  echo "ok   $pdf ($(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') pages, $(printf "%s\n" "$fonts" | grep -c .) fonts)"
done

[ "$failed" -eq 0 ] || exit 1
echo "${#pdfs[@]} PDFs checked; previews in out/preview/"
