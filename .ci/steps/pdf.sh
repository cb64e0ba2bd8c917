#!/usr/bin/env bash
# Check every built PDF with poppler and qpdf, and render page 1 of each to out/preview/ for a person to look at.
set -euo pipefail
cd "$(dirname "$0")/../.."

shopt -s nullglob
pdfs=(out/*/*.pdf)
if [ ${#pdfs[@]} -eq 0 ]; then
  echo "no PDFs in out/: run the build first" >&2
  exit 1
fi

mkdir -p out/preview
failed=0
fail() { echo "FAIL $1: $2" >&2; failed=1; }

for pdf in "${pdfs[@]}"; do
  name="$(basename "$(dirname "$pdf")")-$(basename "$pdf" .pdf)"

  qpdf --check "$pdf" >/dev/null 2>&1 || fail "$pdf" "qpdf --check: $(qpdf --check "$pdf" 2>&1 | tail -3 | tr '\n' ' ')"

  text="$(pdftotext -enc UTF-8 "$pdf" - 2>&1)" || fail "$pdf" "pdftotext failed"
  [ "$(printf '%s' "$text" | wc -w)" -ge 50 ] || fail "$pdf" "pdftotext found almost no text"
  printf '%s' "$text" | grep -q '###' || fail "$pdf" "no end mark (###) in the text"
  if printf '%s' "$text" | grep -q $'\uFFFD'; then fail "$pdf" "replacement characters in the text layer"; fi

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
