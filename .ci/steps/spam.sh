#!/usr/bin/env bash
# SpamAssassin (Debian's package, network tests off) scores every statement's messages as actually sent
# (a dry run's outbox: per-recipient To, Message-ID, List-* headers included) at 0 or below on content.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive

# Rules that fire only because these messages never crossed a mail server: a dry run adds no Received
# header (NO_RECEIVED, NO_RELAYS, ALL_TRUSTED), no relay has a reverse DNS name (RDNS_*), and with
# network tests off no SPF record or DKIM key can be looked up (SPF_*, DKIM_*). None says anything about
# the content; every other rule counts. A message fails when its content rules add up to more than 0,
# or when any one of them scores more than 0.01 (informational rules such as HTML_MESSAGE score 0.001):
# a bonus such as MAILING_LIST_MULTI (-1, for List-Id and Precedence: bulk) must not hide a problem.
setup_only='^(NO_RECEIVED|NO_RELAYS|ALL_TRUSTED|RDNS_[A-Z_]+|T?_?SPF_[A-Z_]+|T?_?DKIM_[A-Z_]+)$'

echo "-- installing SpamAssassin"
if ! command -v spamassassin >/dev/null; then
  apt-get install -y -qq --no-install-recommends spamassassin >/dev/null
fi
spamassassin --version | head -1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Messages as a coalition sends them: one-click unsubscribe links, a VERP return path and a DKIM signature.
cp -r assets "$work/assets"
openssl genrsa -out "$work/dkim-private.pem" 2048 2>/dev/null
sed 's/^  replyTo: .*$/&\n  unsubscribeUrl: https:\/\/statements.example.org\/unsubscribe?t={token}\n  returnPath: bounces+{token}@example.org\n  dkim:\n    domain: example.org\n    selector: ci\n    privateKey: dkim-private.pem/' publisher.yaml > "$work/publisher.yaml"
grep -q 'unsubscribe?t={token}' "$work/publisher.yaml" || { echo "FAIL: could not add the unsubscribe link to the config copy" >&2; exit 1; }
export STATEMENTS_UNSUBSCRIBE_SECRET="spam-step-$(openssl rand -hex 16)"
{
  echo "email,name,language"
  echo "alma@statements.test,Alma Núñez,en"
  echo "bruno@statements.test,Bruno Díaz,es"
  echo "carmen@statements.test,Carmen Ruiz,bilingual"
} > "$work/recipients.csv"

failed=0
scored=0
for folder in statements/*/; do
  slug="$(basename "$folder")"
  npx --no-install statements send "$slug" --to "$work/recipients.csv" --out "$work/out" --config "$work/publisher.yaml" --dry-run >"$work/send.log" 2>&1 \
    || { cat "$work/send.log" >&2; echo "FAIL: the dry run of $slug did not finish" >&2; exit 1; }
  for message in "$work/.statements/outbox/$slug"/*.eml; do
    # The scores of every rule hit, as RULE=score pairs, in a header of its own.
    tests="$(spamassassin -L --cf 'add_header all Tests _TESTSSCORES(,)_' < "$message" | tr -d '\r' \
      | awk '/^X-Spam-Tests:/ { collecting = 1; sub(/^X-Spam-Tests: */, ""); printf "%s", $0; next }
             collecting && /^[ \t]/ { gsub(/^[ \t]+/, ""); printf "%s", $0; next } { collecting = 0 }')"
    read -r content worst <<< "$(tr ',' '\n' <<< "$tests" | awk -F= -v setup="$setup_only" \
      'NF == 2 && $1 !~ setup { sum += $2; if ($2 > max) max = $2 } END { printf "%.3f %.3f", sum, max }')"
    scored=$((scored + 1))
    name="$slug/$(basename "$message")"
    if awk -v score="$content" -v worst="$worst" 'BEGIN { exit !(score > 0 || worst > 0.01) }'; then
      echo "FAIL $name: content score $content, highest rule $worst (rules hit: $tests)" >&2
      spamassassin -L -t < "$message" | sed -n '/^Content analysis details/,$p' >&2
      failed=1
    else
      echo "ok $name: content score $content (rules hit: $tests)"
    fi
  done
done
[ "$scored" -gt 0 ] || { echo "FAIL: the dry runs wrote no messages to score" >&2; exit 1; }
[ "$failed" -eq 0 ] || exit 1
echo "spam step passed ($scored messages)"
