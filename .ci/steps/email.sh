#!/usr/bin/env bash
# One end-to-end send through a real MTA: Debian's Postfix, local-only on 127.0.0.1,
# delivering to Maildirs; then count what arrived per address, check its language, and
# verify each message's DKIM signature with a real verifier (mailauth, .ci/steps/verify-dkim.mjs).
# Postfix's main.cf is put back as it was afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive

slug=river-basin-water-rights
domain=statements.test
users=(alma bruno carmen)
languages=(en es bilingual)

echo "-- installing and starting Postfix (local only)"
if ! command -v postfix >/dev/null; then
  printf 'postfix postfix/main_mailer_type select Local only\npostfix postfix/mailname string %s\n' "$domain" | debconf-set-selections
  apt-get install -y -qq --no-install-recommends postfix >/dev/null
fi
# Two runs at once would share the mailboxes below: the second waits.
exec 9>/tmp/statements-ci-email.lock
flock 9
for user in "${users[@]}"; do
  id "$user" >/dev/null 2>&1 || useradd -m "$user"
  rm -rf "/home/$user/Maildir"
done
work="$(mktemp -d)"
main_cf="$(postconf -h config_directory)/main.cf"
saved_cf="$(mktemp)"
cp -p "$main_cf" "$saved_cf"
postconf -e "myhostname = $domain" "mydestination = $domain, localhost" 'home_mailbox = Maildir/' \
  'inet_interfaces = 127.0.0.1' 'inet_protocols = ipv4' 'maillog_file = /var/log/postfix.log' \
  'smtpd_tls_security_level = none' 'mynetworks = 127.0.0.0/8'
newaliases
postfix stop >/dev/null 2>&1 || true
postfix start
trap 'postfix stop >/dev/null 2>&1 || true; cp -p "$saved_cf" "$main_cf" && rm -f "$saved_cf"' EXIT

echo "-- a DKIM key and a copy of the sample config that signs with it"
openssl genrsa -out "$work/dkim-private.pem" 2048 2>/dev/null
cp -r assets "$work/assets"
sed 's/^  replyTo: .*$/&\n  dkim:\n    domain: example.org\n    selector: ci\n    privateKey: dkim-private.pem/' publisher.yaml > "$work/publisher.yaml"
grep -q 'privateKey: dkim-private.pem' "$work/publisher.yaml" || { echo "FAIL: could not add email.dkim to the config copy" >&2; exit 1; }
# The key comes from the file; a variable left in the environment would win over it.
unset STATEMENTS_DKIM_PRIVATE_KEY
npx --no-install statements send --check-dns --config "$work/publisher.yaml" | tee "$work/dns.txt"
grep -q '^  Name:  ci._domainkey.example.org$' "$work/dns.txt" || { echo "FAIL: --check-dns printed no DKIM record" >&2; exit 1; }

{
  echo "email,name,language"
  for i in "${!users[@]}"; do echo "${users[$i]}@$domain,${users[$i]^},${languages[$i]}"; done
} > "$work/recipients.csv"

echo "-- statements send $slug to ${#users[@]} recipients through Postfix"
npx --no-install statements send "$slug" --to "$work/recipients.csv" --smtp smtp://127.0.0.1:25 --out "$work/out" --config "$work/publisher.yaml"
echo "-- a second run must send nothing"
npx --no-install statements send "$slug" --to "$work/recipients.csv" --smtp smtp://127.0.0.1:25 --out "$work/out" --config "$work/publisher.yaml" 2>&1 | tee "$work/again.log"
grep -q 'Nothing to send' "$work/again.log" || { echo "FAIL: the second run did not say there was nothing to send" >&2; exit 1; }

echo "-- send state stays beside the output folder, never in it (deploying out/ must not publish addresses)"
npx --no-install statements send "$slug" --to "$work/recipients.csv" --out "$work/out" --config "$work/publisher.yaml" --dry-run
journals=("$work"/.statements/send/"$slug"/journal.jsonl)
[ -f "${journals[0]}" ] || { echo "FAIL: no journal in $work/.statements/send/$slug/" >&2; exit 1; }
outbox="$work/.statements/outbox/$slug"
[ "$(find "$outbox" -name '*.eml' | wc -l)" -eq "${#users[@]}" ] || { echo "FAIL: the dry run did not write ${#users[@]} messages to $outbox" >&2; exit 1; }
leaked="$(find "$work/out" \( -name '*.jsonl' -o -name '*.lock' -o -name outbox -o -name send \) -print)"
[ -z "$leaked" ] || { echo "FAIL: send state inside the output folder: $leaked" >&2; exit 1; }

echo "-- waiting for delivery"
failed=0
for i in "${!users[@]}"; do
  user="${users[$i]}"
  maildir="/home/$user/Maildir/new"
  for _ in $(seq 1 60); do
    [ "$(find "$maildir" -type f 2>/dev/null | wc -l)" -ge 1 ] && break
    sleep 0.5
  done
  sleep 1 # a duplicate would arrive right behind the first message
  count=$(find "$maildir" -type f 2>/dev/null | wc -l)
  if [ "$count" -ne 1 ]; then
    echo "FAIL $user@$domain: $count messages arrived, expected exactly 1" >&2
    failed=1
    continue
  fi
  message="$(find "$maildir" -type f)"
  language="$(grep -m1 -i '^Content-Language:' "$message" | tr -d '\r' | cut -d' ' -f2-)"
  want="${languages[$i]}"; [ "$want" = bilingual ] && want="en, es"
  if [ "$language" != "$want" ]; then
    echo "FAIL $user@$domain: Content-Language \"$language\", expected \"$want\"" >&2
    failed=1
  fi
  grep -q -i "^To: .*<$user@$domain>" "$message" || { echo "FAIL $user@$domain: To is not the recipient alone" >&2; failed=1; }
  grep -q -i '^List-Unsubscribe: ' "$message" || { echo "FAIL $user@$domain: no List-Unsubscribe" >&2; failed=1; }
  echo "ok $user@$domain: 1 message, Content-Language: $language"
done
echo "-- DKIM: every delivered message verifies against the record --check-dns printed"
delivered=()
for user in "${users[@]}"; do delivered+=($(find "/home/$user/Maildir/new" -type f 2>/dev/null)); done
if [ "${#delivered[@]}" -gt 0 ]; then
  node .ci/steps/verify-dkim.mjs "$work/dns.txt" "${delivered[@]}" || failed=1
fi
if [ "$failed" -ne 0 ]; then
  echo "--- postfix log" >&2
  tail -30 /var/log/postfix.log >&2 || true
  exit 1
fi
rm -rf "$work"
echo "email step passed"
