// Verifies the DKIM signature of delivered messages with mailauth, a real verifier.
// Usage: node .ci/steps/verify-dkim.mjs RECORDS MESSAGE...
// RECORDS is what `statements send --check-dns` printed: its DKIM record answers the
// verifier's DNS query, so the check needs no published domain and proves that record right.
// Each message must pass, signed for the record's domain over the List-Unsubscribe fields;
// a copy of the first with its Subject changed must fail (the verifier really checks).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const { dkimVerify } = createRequire(import.meta.url)('mailauth/lib/dkim/verify');
const [recordsFile, ...messages] = process.argv.slice(2);
if (!recordsFile || messages.length === 0) {
  console.error('usage: verify-dkim.mjs RECORDS MESSAGE...');
  process.exit(2);
}
const printed = await readFile(recordsFile, 'utf8');
const record = /^DKIM: .*\n {2}Name: {2}(\S+)\n {2}Type: {2}TXT\n {2}Value: (v=DKIM1;.*)$/m.exec(printed);
if (!record) {
  console.error(`FAIL: no DKIM record in ${recordsFile}`);
  process.exit(1);
}
const [, name, value] = record;
const resolver = async (query, type) => {
  if (type === 'TXT' && query === name) return [[value]];
  throw Object.assign(new Error(`no ${type} record for ${query}`), { code: 'ENOTFOUND' });
};
const domain = name.split('._domainkey.')[1];

const verify = async (raw) => (await dkimVerify(raw, { resolver })).results[0];
let failed = false;
for (const file of messages) {
  const result = await verify(await readFile(file));
  const signed = result?.signingHeaders?.keys.toLowerCase().split(': ') ?? [];
  const problem =
    result?.status.result !== 'pass'
      ? `dkim=${result?.status.result ?? 'none'} (${result?.status.comment ?? 'no signature'})`
      : result.signingDomain !== domain
        ? `signed for ${result.signingDomain}, not ${domain}`
        : !['from', 'to', 'subject', 'list-unsubscribe'].every((field) => signed.includes(field))
          ? `the signature covers only ${signed.join(', ')}`
          : undefined;
  if (problem) failed = true;
  console.log(`${problem ? 'FAIL' : 'ok'} ${file}: ${problem ?? `dkim=pass d=${result.signingDomain} s=${result.selector} h=${signed.join(':')}`}`);
}
const tampered = (await readFile(messages[0], 'latin1')).replace(/^Subject: /m, 'Subject: Changed: ');
const tamperedResult = await verify(Buffer.from(tampered, 'latin1'));
if (tamperedResult?.status.result !== 'fail') {
  console.log(`FAIL: a message whose Subject was changed verified as ${tamperedResult?.status.result}`);
  failed = true;
} else console.log('ok: a copy with its Subject changed fails verification');
process.exit(failed ? 1 : 0);
