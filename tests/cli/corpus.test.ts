import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseModule, caseProject, listCases, runCase } from '../helpers/corpus.js';

const cases = await listCases();

/**
 * Every malformed or hostile input of tests/fixtures/corpus/, run through the
 * real CLI: the expected exit code and messages, never a crash (exit 70 or a
 * stack trace), never a raw control character on the terminal, and within
 * its time and memory bounds.
 */
// Each run has its own hang guard (`timeoutSeconds`); the test waits for the longest of them.
const longest = Math.max(60, ...cases.map((corpusCase) => corpusCase.timeoutSeconds)) * 1000 + 30_000;

describe.concurrent('corpus of malformed and hostile input', () => {
  it.each(cases)('$name: $about', async (corpusCase) => {
    const project = await caseProject(corpusCase);
    const module = await caseModule(corpusCase);
    await module.setup?.(project);
    const result = await runCase(corpusCase, project);
    const shown = `exit ${result.code}\n--- stderr\n${result.stderr}\n--- stdout\n${result.stdout}`;
    expect(result.timedOut, `did not finish within ${corpusCase.timeoutSeconds} s\n${shown}`).toBe(false);
    expect(result.code, shown).toBe(corpusCase.exit);
    expect(result.stderr, 'a crash').not.toMatch(/unexpected error|^\s+at .+:\d+:\d+\)?$/m);
    expect(result.stderr + result.stdout, 'a raw control character reached the terminal').not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    for (const pattern of corpusCase.stderr) expect(result.stderr).toMatch(new RegExp(pattern, 'm'));
    for (const pattern of corpusCase.notStderr) expect(result.stderr).not.toMatch(new RegExp(pattern, 'm'));
    for (const pattern of corpusCase.stdout) expect(result.stdout).toMatch(new RegExp(pattern, 'm'));
    for (const file of corpusCase.files.present) expect(existsSync(path.join(project, file)), `${file} should exist`).toBe(true);
    for (const file of corpusCase.files.absent) expect(existsSync(path.join(project, file)), `${file} should not exist`).toBe(false);
    if (result.maxRssMb !== undefined) expect(result.maxRssMb, 'peak memory (MiB)').toBeLessThanOrEqual(corpusCase.maxRssMb);
    await module.verify?.(project, result);
  }, longest);
});
