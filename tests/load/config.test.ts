import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/load/config.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

async function configErrors(text: string): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-config-'));
  await writeFile(path.join(dir, 'publisher.yaml'), text);
  const { value, diagnostics } = await loadConfig(path.join(dir, 'publisher.yaml'));
  expect(value).toBeUndefined();
  return diagnostics.map((d) => formatDiagnostic(d).replace(/^.*publisher\.yaml/, 'publisher.yaml'));
}

const VALID = 'name: Coalition\nbaseUrl: https://example.org\nemail:\n  from: press@example.org\n';

describe('loadConfig', () => {
  it('loads the repository’s publisher.yaml with defaults filled in', async () => {
    const { value, diagnostics } = await loadConfig(path.join(PROJECT_ROOT, 'publisher.yaml'));
    expect(diagnostics).toEqual([]);
    expect(value?.name).toEqual({ en: 'Coalition for Rivers and Communities', es: 'Coalición por los Ríos y las Comunidades' });
    expect(value?.logoPath).toBe(path.join(PROJECT_ROOT, 'assets/logo.svg'));
    expect(value?.baseUrl).toBe('https://statements.example.org/');
    expect(value?.pdf.layout).toBe('parallel');
  });

  it('names the missing fields and how to add them', async () => {
    expect(await configErrors('name: Coalition\n')).toEqual([
      expect.stringMatching(/^publisher\.yaml:1:1: error: missing required field `baseUrl`: add `baseUrl: https:\/\/…\/`/),
      expect.stringMatching(/^publisher\.yaml:1:1: error: missing required field `email`: add `email:` with `from: press@your-domain\.org`/),
    ]);
  });

  it('refuses values that would be unsafe in a page or a header', async () => {
    expect(await configErrors(`${VALID}colors:\n  primary: "red;}</style><script>"\n`)).toEqual([
      expect.stringMatching(/^publisher\.yaml:6:12: error: `colors.primary` must be a hex colour/),
    ]);
    expect(await configErrors(VALID.replace('https://example.org', 'javascript:alert(1)'))).toEqual([
      expect.stringMatching(/^publisher\.yaml:2:10: error: `baseUrl` must be a full http:\/\/ or https:\/\/ address/),
    ]);
    expect(await configErrors(VALID.replace('press@example.org', '"press@example.org\\nBcc: all@example.org"'))).toEqual([
      expect.stringMatching(/^publisher\.yaml:4:9: error: `email.from` must be one email address/),
    ]);
  });

  it('points at a colour that `#` turned into a comment, and says to quote it', async () => {
    expect(await configErrors(`${VALID}colors:\n  primary: #1f4e79\n`)).toEqual([
      'publisher.yaml:6:12: error: `colors.primary` is empty: `#` starts a YAML comment, so "#1f4e79" is not its value; put the value in quotes: `primary: "#1f4e79"` [config]',
    ]);
  });

  it('refuses, at its line, any value that becomes an email header and holds a line break, a space or a control character', async () => {
    const email = (line: string) => configErrors(VALID.replace('  from: press@example.org\n', `  from: press@example.org\n${line}\n`));
    expect(await email('  unsubscribeUrl: "https://example.org/u?e={email}\\nBcc: all@example.org"')).toEqual([
      expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` must be one web address, without spaces or line breaks/),
    ]);
    expect(await email('  unsubscribeUrl: https://example.org/unsubscribe me')).toEqual([expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` must be one web address/)]);
    expect(await email('  unsubscribeUrl: "https://example.org/u\\x00"')).toEqual([expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` contains a NUL character/)]);
    expect(await email('  unsubscribeUrl: https://example.org/u?e=<{email}>')).toEqual([expect.stringMatching(/^publisher\.yaml:5:19: error: `email\.unsubscribeUrl` must not contain <, > or "/)]);
    expect(await email('  fromName: "Press\\rBcc: all@example.org"')).toEqual([expect.stringMatching(/^publisher\.yaml:5:13: error: `email\.fromName` must be on one line/)]);
    expect(await email('  bilingualSubject: "{en} \\e[2J {es}"')).toEqual([expect.stringMatching(/^publisher\.yaml:5:21: error: `email\.bilingualSubject` contains an escape character \(U\+001B\)/)]);
  });

  it('checks that the logo exists and is an image', async () => {
    expect(await configErrors(`${VALID}logo: missing.png\n`)).toEqual([
      expect.stringMatching(/^publisher\.yaml:5:1: error: logo "missing\.png" is not a PNG, JPEG or SVG file next to the config/),
    ]);
  });
});
