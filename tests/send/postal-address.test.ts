import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchProject } from '../helpers/cli.js';

describe('statements send without email.postalAddress', () => {
  it('is refused before anything is built or sent, naming the config and what to add; build still works', async () => {
    const dir = await scratchProject(['complete-statement']);
    const config = path.join(dir, 'publisher.yaml');
    const yaml = await readFile(config, 'utf8');
    await writeFile(config, yaml.replace(/^ {2}postalAddress: .*\n/m, ''));
    await writeFile(path.join(dir, 'list.csv'), 'email,name,language\nreader@example.net,Reader,en\n');

    const sent = await runCli(['send', 'complete-statement', '--to', 'list.csv', '--dry-run'], { cwd: dir });
    expect(sent.code).toBe(1);
    expect(sent.stderr).toMatch(/^publisher\.yaml: error: every email sent to a list must show the sender's postal address in its footer, and `email\.postalAddress` is not set: add `postalAddress: .*` under `email:`.* \[config\]$/m);
    expect(sent.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, '.statements', 'outbox'))).toBe(false);
    expect(existsSync(path.join(dir, 'out', 'complete-statement'))).toBe(false);

    const built = await runCli(['build', 'complete-statement', '--formats', 'email'], { cwd: dir });
    expect(built.code).toBe(0);
    expect(await readFile(path.join(dir, 'out', 'complete-statement', 'en.eml'), 'utf8')).not.toContain('River Street');
  });
});
