/// <reference lib="dom" />
import { createReadStream } from 'node:fs';
import { cp, readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { simpleParser } from 'mailparser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli, scratchProject } from '../helpers/cli.js';
import { SAMPLES_RELEASED } from '../helpers/planted.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

let browser: Browser;
let server: Server;
let baseUrl: string;
let pages: string[];
let outDir: string;

/** A static file server on loopback, so pages load over http as they would when published. */
function serve(root: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
  const httpServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    const stream = createReadStream(file);
    stream.on('open', () => response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }));
    stream.on('error', () => response.writeHead(404).end());
    stream.pipe(response);
  });
  return new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(httpServer)));
}

beforeAll(async () => {
  const project = await scratchProject(['complete-statement', 'hostile-input', 'hostile-markup']);
  await cp(path.join(PROJECT_ROOT, 'statements'), path.join(project, 'statements'), { recursive: true });
  // The hostile fixtures fail their checks on purpose (markup in signatory cells): published anyway, nothing they hold may run.
  const build = await runCli(['build', '--force', ...SAMPLES_RELEASED], { cwd: project });
  expect(build.code, build.stderr).toBe(0);
  const out = path.join(project, 'out');
  outDir = out;
  pages = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.html')).sort();
  server = await serve(out);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function open(file: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(new URL(file, baseUrl).href);
  return page;
}

describe('every generated page', () => {
  it('covers the archive and the three pages of each statement', () => {
    expect(pages).toContain('index.html');
    expect(pages.filter((file) => file.endsWith('/en.html'))).toHaveLength(5);
    expect(pages).toHaveLength(1 + 5 * 3);
  });

  it.each([375, 1280])('has no horizontal scroll at %i px', async (width) => {
    for (const file of pages) {
      const page = await open(file, width);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${file} at ${width}px`).toBeLessThanOrEqual(0);
      await page.close();
    }
  });

  it('keeps every number in a table on one line on a 375 px phone (a wide table scrolls instead)', async () => {
    let numbers = 0;
    for (const file of pages) {
      const page = await open(file, 375);
      const broken = await page.evaluate(() =>
        Array.from(document.querySelectorAll('td, th'))
          .filter((cell) => /^[\d.,]+$/.test(cell.textContent?.trim() ?? ''))
          .map((cell) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            return { text: cell.textContent?.trim(), lines: new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size };
          }),
      );
      numbers += broken.length;
      expect(broken.filter((cell) => cell.lines > 1), file).toEqual([]);
      await page.close();
    }
    expect(numbers).toBeGreaterThan(10);
  });

  it.each([375, 1280])('passes axe-core with no serious or critical violations at %i px', async (width) => {
    for (const file of pages) {
      const page = await open(file, width);
      await page.addScriptTag({ path: AXE_SOURCE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const results = await axe.run();
        return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations, `${file} at ${width}px`).toEqual([]);
      await page.close();
    }
  });
});

describe('share images', () => {
  it('every statement page names its share image, which loads and is 1200 × 630 as its tags say', async () => {
    // Pages name it by its published address: the config's baseUrl, which is the archive's og:url.
    const archive = await open('index.html', 1280);
    const published = await archive.getAttribute('meta[property="og:url"]', 'content');
    await archive.close();
    const statementPages = pages.filter((file) => file !== 'index.html');
    for (const file of statementPages) {
      const page = await open(file, 1280);
      const tag = (property: string) => page.getAttribute(`meta[property="${property}"]`, 'content');
      const image = await tag('og:image');
      expect(image, file).toMatch(new RegExp(`^${published!.replace(/[.]/g, '\\.')}[a-z0-9-]+/[a-z]+\\.png$`));
      expect(await page.getAttribute('meta[name="twitter:image"]', 'content'), file).toBe(image);
      const local = new URL(image!.slice(published!.length), baseUrl).href;
      const size = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      }, local);
      expect(size, file).toEqual([1200, 630]);
      expect([await tag('og:image:width'), await tag('og:image:height')], file).toEqual(['1200', '630']);
      await page.close();
    }
    expect(statementPages).toHaveLength(5 * 3);
  });
});

describe('hostile input in a real browser', () => {
  it.each(['hostile-input/en.html', 'hostile-input/es.html', 'hostile-input/index.html'])('%s runs no script and shows the markup as text', async (file) => {
    const page = await open(file, 1280);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Hover and click where the hostile handlers were written: both elements must exist and stay inert.
    await page.getByText('Eve', { exact: false }).first().hover({ timeout: 5000 });
    if (file !== 'hostile-input/es.html') await page.getByText('Clickable div text stays.').click({ timeout: 5000 });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // The one script element is the page's JSON-LD, a data block the browser never runs; the title it holds stays inside it.
    expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
    const structured = await page.evaluate(() => Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map((script) => (JSON.parse(script.textContent ?? '') as { headline: string }).headline));
    expect(structured).toHaveLength(1);
    expect(structured[0]).toContain('<script>');
    const title = await page.locator('h1').first().textContent();
    expect(title).toContain('<script>');
    await page.close();
  });
});

describe('hostile markup in the email releases, opened in a real browser', () => {
  it.each(['en.eml', 'es.eml', 'bilingual.eml'])('%s runs no script, follows no refresh and shows no removed text', async (file) => {
    const mail = await simpleParser(await readFile(path.join(outDir, 'hostile-markup', file)));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setContent(mail.html as string);
    for (const link of await page.locator('a[title]').all()) await link.hover({ timeout: 5000 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.dataset.pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('script, meta[http-equiv]').count()).toBe(0);
    expect(requests.filter((url) => url.includes('attacker.example'))).toEqual([]);
    expect(page.url()).toBe('about:blank');
    expect(await page.locator('body').innerText()).not.toMatch(/alert\(|\.leak|javascript:/);
    await page.close();
  });
});

describe('navigation', () => {
  it('switches language through the visible link', async () => {
    const page = await open('river-basin-water-rights/en.html', 1280);
    await page.click('a[hreflang="es"]');
    await page.waitForURL(/es\.html$/);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toContain('cuenca del río Alto Verde');
    await page.close();
  });

  it('follows a footnote reference to its note', async () => {
    const page = await open('complete-statement/es.html', 1280);
    const href = await page.locator('a[data-footnote-ref]').first().getAttribute('href');
    expect(await page.locator(`[id="${href!.slice(1)}"]`).textContent()).toContain('El texto de la nota.');
    await page.close();
  });

  it('hides navigation when printed', async () => {
    const page = await open('complete-statement/en.html', 1280);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.language-switch').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    await page.close();
  });
});
