// PDF benchmark (not a timed test): `npx tsx bench/pdf.ts [--runs N] [--json]`.
// For each sample body with 150 signatories, in one process: the median time of our bilingual
// (side-by-side) PDF once warm, next to a naive pdfkit baseline and the built-in-Helvetica floor
// of the same text, rendered in turn in each round so that a busy machine slows all three alike;
// then PDFs per second over 200 different statements (new names: words shaped cold).
// Targets (issue 10): ours at most 2× the floor, the naive baseline at least 5× ours.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import PDFDocument from 'pdfkit';
import { createRenderContext, projectPaths } from '../src/build/context.js';
import { loadStatement } from '../src/load/statement.js';
import { languageSettings, publisherName } from '../src/model/config.js';
import { pairVariant, type Lang } from '../src/model/languages.js';
import type { Signatory } from '../src/model/signatory.js';
import { textIn, type Statement } from '../src/model/statement.js';
import { t, type RenderContext } from '../src/render/context.js';
import { documentBytes } from '../src/render/pdf/document.js';
import { faceFile } from '../src/render/pdf/fonts.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { CONTENT_BOTTOM, CONTENT_WIDTH, PAGE } from '../src/render/pdf/theme.js';
import { statementView } from '../src/render/view.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '25' }, json: { type: 'boolean', default: false } } });
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: tsx bench/pdf.ts [--runs N] [--json]');
  process.exit(2);
}
const log = (line: string) => args.json || console.log(line);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const context = await createRenderContext(projectPaths(root));
if (!context.value) throw new Error('cannot load the config');
const ctx = context.value;
/** The first side-by-side edition, `bilingual.pdf`. */
const bilingual = pairVariant(languageSettings(ctx.config), 0);

/** `sample` with 150 signatories; `variant` changes names so no two statements share all their words. */
function withSignatories(sample: Statement, variant: number): Statement {
  const signatories: Signatory[] = Array.from({ length: 150 }, (_, i) => {
    const base = sample.signatories[i % sample.signatories.length]!;
    return { ...base, name: `${base.name} ${variant}-${i}`, line: i + 2 };
  });
  return { ...sample, slug: `bench-${variant}`, signatories };
}

/** What the plain baselines draw: each language's front matter, body blocks and contacts as text, and the signatories as lines. */
interface PlainText {
  publisher: string;
  columns: { title: string; subtitle?: string; dateline: string; blocks: { text: string; heading: boolean }[]; contacts: string }[];
  signatoriesHeading: string;
  signatories: string[];
  footer: (page: number, pages: number) => string;
}

function blockText(node: RootContent): string {
  if (node.type === 'list') return node.children.map((item) => `• ${toString(item)}`).join('\n');
  if (node.type === 'table') return node.children.map((row) => row.children.map((cell) => toString(cell)).join(' | ')).join('\n');
  return toString(node);
}

function plainText(statement: Statement, langs: readonly Lang[], ctx: RenderContext): PlainText {
  const views = langs.map((lang) => statementView(statement, lang, ctx));
  return {
    publisher: [...new Set(langs.map((lang) => publisherName(ctx.config, lang)))].join(' / '),
    columns: views.map((view) => ({
      title: view.title,
      subtitle: view.subtitle,
      dateline: view.datelineText,
      blocks: textIn(statement, view.lang).body.children.map((node) => ({ text: blockText(node), heading: node.type === 'heading' })),
      contacts: view.contacts.map((contact) => [contact.name, contact.organization, contact.email, contact.phone].filter(Boolean).join('\n')).join('\n\n'),
    })),
    signatoriesHeading: langs.map((lang) => t(ctx, lang)('signatories.heading', { count: statement.signatories.length })).join(' / '),
    signatories: [...views[0]!.signatories.organizations, ...views[0]!.signatories.individuals].map((s) => [s.name, s.affiliation, s.location].filter(Boolean).join(', ')),
    footer: (page, pages) => langs.map((lang) => t(ctx, lang)('page.footer', { page, pages })).join(' · '),
  };
}

/** Font files (the naive baseline) or built-in font names (the floor) for the faces the plain layout uses. */
interface PlainFaces {
  serif: string;
  serifBold: string;
  serifItalic: string;
  sansBold: string;
}

const NOTO: PlainFaces = { serif: faceFile('serif'), serifBold: faceFile('serifBold'), serifItalic: faceFile('serifItalic'), sansBold: faceFile('sansBold') };
const HELVETICA: PlainFaces = { serif: 'Helvetica', serifBold: 'Helvetica-Bold', serifItalic: 'Helvetica-Oblique', sansBold: 'Helvetica-Bold' };

/**
 * The same text in roughly the same layout, as a developer first writes it with pdfkit: a new
 * document registers its fonts by file name (so pdfkit reads and parses each TTF again, and lays
 * out every word from cold), and plain `doc.text` wraps and measures every string itself. The
 * columns' blocks are paired by position, each pair starting level (a new page when the taller one
 * does not fit); the signatories flow in pdfkit's own three columns; a footer on every buffered
 * page. No tagging, outline, links or font fallback: the baselines do less than our renderer.
 */
function plainPdf(text: PlainText, faces: PlainFaces): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: PAGE.size, margins: { top: PAGE.marginTop, bottom: PAGE.marginBottom, left: PAGE.marginX, right: PAGE.marginX }, bufferPages: true });
  for (const [name, src] of Object.entries(faces)) doc.registerFont(name, src);
  const columnWidth = (CONTENT_WIDTH - PAGE.columnGap) / 2;
  const columnX = [PAGE.marginX, PAGE.marginX + columnWidth + PAGE.columnGap];
  doc.font('sansBold').fontSize(14).text(text.publisher, PAGE.marginX, PAGE.marginTop, { width: CONTENT_WIDTH });
  doc.moveDown();
  /** Draw one string per column side by side, starting level. */
  const row = (strings: (string | undefined)[], font: keyof PlainFaces, size: number) => {
    doc.font(font).fontSize(size);
    const heights = strings.map((string) => (string ? doc.heightOfString(string, { width: columnWidth }) : 0));
    if (doc.y + Math.max(...heights) > CONTENT_BOTTOM) doc.addPage();
    const top = doc.y;
    const bottoms = strings.map((string, i) => {
      if (string) doc.text(string, columnX[i], top, { width: columnWidth });
      return string ? doc.y : top;
    });
    doc.y = Math.max(...bottoms) + size * 0.6;
  };
  const [left, right] = text.columns as [PlainText['columns'][number], PlainText['columns'][number]];
  row([left.title, right.title], 'sansBold', 15);
  row([left.subtitle, right.subtitle], 'serifItalic', 9.3);
  row([left.dateline, right.dateline], 'serifBold', 10);
  for (let i = 0; i < Math.max(left.blocks.length, right.blocks.length); i++) {
    const blocks = [left.blocks[i], right.blocks[i]];
    row(
      blocks.map((block) => block?.text),
      blocks.some((block) => block?.heading) ? 'sansBold' : 'serif',
      blocks.some((block) => block?.heading) ? 11 : 10,
    );
  }
  doc.font('sansBold').fontSize(11).text(text.signatoriesHeading, PAGE.marginX, doc.y, { width: CONTENT_WIDTH });
  doc.font('serif').fontSize(7.8).text(text.signatories.join('\n'), { width: CONTENT_WIDTH, columns: 3, columnGap: 12 });
  doc.moveDown();
  row([left.contacts, right.contacts], 'serif', 10);
  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    // Below the bottom margin pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    doc.font('serif').fontSize(7.5).text(text.footer(page + 1, count), PAGE.marginX, PAGE.footerY, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
  }
  return documentBytes(doc);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (values: number[]) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
const ms = (value: number) => value.toFixed(1);

async function timed(render: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await render();
  return performance.now() - start;
}

const results = [];
let cold: number | undefined;
for (const slug of ['heat-safety-for-outdoor-workers', 'river-basin-water-rights']) {
  const loaded = await loadStatement(path.join(root, 'statements'), slug);
  if (!loaded.value) throw new Error(`cannot load ${slug}`);
  const one = withSignatories(loaded.value, 0);
  const ours = async () => {
    const bytes = (await renderPdf(one, bilingual, ctx)).output;
    if (!bytes) throw new Error(`cannot render ${slug}`);
    return bytes;
  };
  const text = plainText(one, bilingual.langs, ctx);
  const kinds = { ours, naive: () => plainPdf(text, NOTO), floor: () => plainPdf(text, HELVETICA) };
  cold ??= await timed(ours);
  const bytes = await ours();
  const pages = (Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  const times: Record<keyof typeof kinds, number[]> = { ours: [], naive: [], floor: [] };
  for (let round = 0; round < 5; round++) for (const render of Object.values(kinds)) await render();
  for (let round = 0; round < runs; round++) for (const [kind, render] of Object.entries(kinds)) times[kind as keyof typeof kinds].push(await timed(render));
  const statements = Array.from({ length: 200 }, (_, i) => withSignatories(loaded.value!, i + 1));
  const start = performance.now();
  for (const statement of statements) await renderPdf(statement, bilingual, ctx);
  const msEach = (performance.now() - start) / 200;
  const [oursTime, naiveTime, floorTime] = [summary(times.ours), summary(times.naive), summary(times.floor)];
  results.push({
    slug,
    pages,
    kib: bytes.length / 1024,
    ours: oursTime,
    naive: naiveTime,
    floor: floorTime,
    oursOverFloor: oursTime.median / floorTime.median,
    naiveOverOurs: naiveTime.median / oursTime.median,
    different: { msEach, perSecond: 1000 / msEach },
  });
  const row = (label: string, { median, min, max }: ReturnType<typeof summary>) => log(`  ${label.padEnd(34)} ${ms(median).padStart(6)} ms  (${ms(min)}–${ms(max)})`);
  log(`\n${slug} body, 150 signatories: bilingual PDF of ${pages} pages, ${(bytes.length / 1024).toFixed(0)} KiB; medians of ${runs} runs (min–max)`);
  row('ours, warm', oursTime);
  row('naive pdfkit (fonts per document)', naiveTime);
  row('floor (built-in Helvetica)', floorTime);
  log(`  ours / floor ${(oursTime.median / floorTime.median).toFixed(2)}× (target ≤ 2×); naive / ours ${(naiveTime.median / oursTime.median).toFixed(2)}× (target ≥ 5×)`);
  log(`  200 different statements: ${(1000 / msEach).toFixed(1)} PDFs/s (${ms(msEach)} ms each)`);
}
log(`\nfirst PDF of the process (cold, includes font parsing): ${cold!.toFixed(0)} ms`);
if (args.json) console.log(JSON.stringify({ runs, coldMs: cold, samples: results }, null, 2));
