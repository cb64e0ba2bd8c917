import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RenderContext } from '../../../src/render/context.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { logoProblem } from '../../../src/render/pdf/logo.js';
import { fixtureStatement, projectContext } from '../../helpers/context.js';
import { outputOf } from '../../helpers/render.js';
import { edition } from '../../helpers/variants.js';

const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** The project's render context with `svg(folder)` as the logo, in a folder of its own. */
async function withLogo(logo: (dir: string) => string): Promise<RenderContext> {
  const ctx = await projectContext();
  const dir = await mkdtemp(path.join(tmpdir(), 'statements-logo-'));
  const svg = logo(dir);
  // A file next to the logo that a relative reference would reach.
  await writeFile(path.join(dir, 'secret.png'), Buffer.from(PIXEL, 'base64'));
  const logoPath = path.join(dir, 'logo.svg');
  await writeFile(logoPath, svg);
  return { ...ctx, config: { ...ctx.config, logo: 'logo.svg', logoPath, logoBytes: new TextEncoder().encode(svg) } };
}

/** Every file read through `fs.readFileSync`, also by modules that imported it by name (pdfkit does). */
function watchReads() {
  const reads = vi.spyOn(fs, 'readFileSync');
  syncBuiltinESMExports();
  return () => reads.mock.calls.map(([file]) => String(file));
}

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

describe('an SVG logo in the PDF', () => {
  it('opens no file and fetches nothing it references, keeps no link, and draws only what it carries inside', async () => {
    const ctx = await withLogo((dir) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64" viewBox="0 0 64 64">
  <image href="file:///etc/passwd" width="10" height="10"/>
  <image xlink:href="/etc/hostname" width="10" height="10"/>
  <image href="secret.png" width="10" height="10"/>
  <image href="${dir}/secret.png" width="10" height="10"/>
  <image href="http://example.org/tracker.png" width="10" height="10"/>
  <image href="data:image/svg+xml,%3Csvg%3E" width="10" height="10"/>
  <use href="other.svg#shape"/>
  <rect width="64" height="64" fill="url(other.svg#paint)"/>
  <a href="javascript:alert(1)"><circle cx="32" cy="32" r="20" fill="#1f4e79"/></a>
  <text x="4" y="60" font-family="/etc/passwd">River</text>
  <image href="data:image/png;base64,${PIXEL}" x="40" y="40" width="8" height="8"/>
</svg>`);
    const statement = await fixtureStatement('complete-statement');
    const opened = watchReads();
    const pdf = latin1(outputOf(await renderPdf(statement, edition('en'), ctx)));
    expect(opened().filter((file) => /passwd|hostname|secret|tracker|other\.svg|example\.org/.test(file))).toEqual([]);
    expect(pdf.match(/\/Subtype \/Image/g)).toHaveLength(2); // the inline pixel and its alpha mask, nothing else
    expect(pdf).not.toMatch(/javascript|\/URI \(other|Helvetica|passwd/);
  });

  it('is drawn once when the config is loaded, as every PDF draws it, so a logo that cannot be drawn is found there', async () => {
    const deep = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${'<g>'.repeat(20_000)}<rect width="1" height="1"/>${'</g>'.repeat(20_000)}</svg>`;
    expect(await logoProblem('SVG', new TextEncoder().encode(deep))).toBe('it is nested too deeply');
    expect(await logoProblem('SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/><text>River</text></svg>'))).toBeUndefined();
  });

  it('leaves out an inline PNG it cannot decode, instead of ending the process from pdfkit\'s decoding callback', async () => {
    // A PNG with transparency whose image data is not zlib: pdfkit decodes it in a callback, where the error was uncaught.
    const header = Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 4, 0, 0, 0, 4, 8, 6, 0, 0, 0, 0, 0, 0, 0]);
    const data = Buffer.from('not zlib');
    const idat = Buffer.concat([Buffer.from([0, 0, 0, data.length, 0x49, 0x44, 0x41, 0x54]), data, Buffer.alloc(4)]);
    const iend = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0, 0, 0, 0]);
    const broken = Buffer.concat([Buffer.from(PIXEL, 'base64').subarray(0, 8), header, idat, iend]).toString('base64');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/><image href="data:image/png;base64,${broken}" width="5" height="5"/></svg>`;
    expect(await logoProblem('SVG', new TextEncoder().encode(svg))).toBeUndefined();
    const pdf = latin1(outputOf(await renderPdf(await fixtureStatement('complete-statement'), edition('en'), await withLogo(() => svg))));
    expect(pdf).not.toMatch(/\/Subtype \/Image/);
  });
});
