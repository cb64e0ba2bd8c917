import type { FootnoteDefinition } from 'mdast';
import { textIn, type Lang, type Statement } from '../../model/statement.js';
import { t, type RenderContext } from '../context.js';
import type { StatementView } from '../view.js';
import { breakLines, pieces } from './layout/inline.js';
import { rowItems } from './layout/rows.js';
import type { Item, Run, RunStyle } from './layout/types.js';
import { blocks } from './nodes/index.js';
import { markedBlocks } from './nodes/list.js';
import { paragraphSpace } from './nodes/paragraph.js';
import { bold, italic, lineBreak } from './nodes/phrasing.js';
import { textItems, type BlockContext, type LayoutState } from './nodes/state.js';
import type { Tag } from './structure.js';
import { LEADING } from './theme.js';

/** One alignment unit of a language: in the parallel layout each starts level with its translation. */
export type Unit = Item[];

function run(text: string, style: RunStyle): Run {
  return { text, style };
}

/** Release line, title, subtitle and dateline. */
export function frontUnits(statement: Statement, view: StatementView, state: LayoutState, block: BlockContext, titleSize: number): Unit[] {
  const { theme } = state;
  const units: Unit[] = [
    textItems([run(view.releaseLine.toLocaleUpperCase(view.lang), { face: 'sansBold', size: block.style.size * 0.85, color: theme.accent })], state, block, { keepWithNext: true }),
    textItems([run(view.title, { face: 'sansBold', size: titleSize, color: theme.primary })], state, block, {
      tagType: 'H1',
      spaceBefore: titleSize * 0.45,
      keepWithNext: true,
      outline: { title: view.title, depth: 1 },
    }),
  ];
  if (view.subtitle) {
    units.push(textItems([run(view.subtitle, { face: 'serifItalic', size: titleSize * 0.62, color: theme.muted })], state, block, { spaceBefore: titleSize * 0.3, keepWithNext: true }));
  }
  // The dateline ("Lima, Peru, January 5, 2026"), a line of its own before the body as in the HTML and email.
  units.push(textItems([run(view.datelineText, bold(block.style))], state, block, { spaceBefore: block.style.size * 1.4, keepWithNext: true }));
  return units;
}

/** The Markdown body, one unit per top-level block, in order (a block drawn elsewhere, a footnote, gives an empty unit). */
export function bodyUnits(statement: Statement, lang: Lang, state: LayoutState, block: BlockContext): Unit[] {
  return textIn(statement, lang).body.children.map((node) => blocks([node], state, block));
}

export function endMarkUnit(lang: Lang, state: LayoutState, block: BlockContext, ctx: RenderContext): Unit {
  return textItems([run(t(ctx, lang)('endMark.text'), bold(block.style))], state, block, { align: 'center', spaceBefore: block.style.size * 1.5 });
}

function sectionHeading(text: string, state: LayoutState, block: BlockContext, depth = 2): Item[] {
  const size = depth === 2 ? block.style.size * 1.1 : block.style.size * 0.95;
  return textItems([run(text, { face: 'sansBold', size, color: state.theme.primary })], state, block, {
    tagType: `H${depth}`,
    spaceBefore: size * (depth === 2 ? 1.5 : 0.9),
    keepWithNext: true,
    outline: depth === 2 ? { title: text, depth } : undefined,
  });
}

/** Footnotes, numbered in order of first reference, after the end mark. */
export function notesUnit(lang: Lang, state: LayoutState, block: BlockContext, ctx: RenderContext): Unit {
  const { references } = state;
  if (references.footnoteOrder.length === 0) return [];
  const small: BlockContext = { ...block, style: { ...block.style, size: block.style.size * 0.85 }, tight: true };
  const items = sectionHeading(t(ctx, lang)('footnotes.label'), state, block);
  const listTag = block.tag.child('L');
  // Footnotes may reference further footnotes, so the order can grow while we lay them out.
  for (let index = 0; index < references.footnoteOrder.length; index++) {
    const definition: FootnoteDefinition | undefined = references.footnotes.get(references.footnoteOrder[index]!);
    if (!definition) continue;
    items.push(...markedBlocks(`${index + 1}.`, small.style, definition.children, listTag.child('LI'), state, small, small.style.size * 1.8));
  }
  return items;
}

export function contactsUnit(view: StatementView, statement: Statement, state: LayoutState, block: BlockContext, ctx: RenderContext): Unit {
  if (view.contacts.length === 0) return [];
  const translate = t(ctx, view.lang);
  const items = sectionHeading(translate('contacts.heading'), state, block);
  view.contacts.forEach((contact, index) => {
    const label = (key: string) => [lineBreak(block.style), run(`${translate(key)}${translate('contacts.separator')}`, block.style)];
    const runs: Run[] = [run(contact.name, bold(block.style))];
    if (contact.organization) runs.push(lineBreak(block.style), run(contact.organization, block.style));
    if (contact.email) runs.push(...label('contacts.email'), run(contact.email, { ...block.style, link: `mailto:${contact.email}`, color: state.theme.primary, underline: true }));
    if (contact.phone) runs.push(...label('contacts.phone'), run(contact.phone, { ...block.style, link: contact.tel, color: state.theme.primary }));
    items.push(...textItems(runs, state, block, { spaceBefore: paragraphSpace(block) }));
  });
  return items;
}

interface Entry {
  runs: Run[];
}

/** Entries side by side in `columns` columns, one row of items per row, filled left to right in reading order. */
function grid(entries: readonly Entry[], columns: number, rowGap: number, state: LayoutState, block: BlockContext, listTag: Tag): Item[] {
  const gap = 12;
  const width = (block.width - gap * (columns - 1)) / columns;
  const items: Item[] = [];
  for (let start = 0; start < entries.length; start += columns) {
    const cells = entries.slice(start, start + columns).map((entry, column) => ({
      tag: listTag.child('LI').child('LBody'),
      lines: breakLines(pieces(entry.runs, state.fonts), width, block.style.size * LEADING),
      x: column * (width + gap),
    }));
    items.push(...rowItems(cells, { spaceBefore: start === 0 ? block.style.size * 0.5 : rowGap }));
  }
  return items;
}

/** From this many signatories on, each takes one compact entry (name, affiliation, place in one flow) so long lists stay short. */
const COMPACT_FROM = 40;

/**
 * Organisations, then individuals with their affiliation, in columns when
 * there are many. `langs` gives the headings: one language, or both ("Signatories / Firmantes").
 */
export function signatoriesUnit(statement: Statement, view: StatementView, langs: readonly Lang[], state: LayoutState, block: BlockContext, ctx: RenderContext): Unit {
  if (statement.signatories.length === 0) return [];
  const label = (key: string) => langs.map((lang) => t(ctx, lang)(key, { count: statement.signatories.length })).join(' / ');
  const nameStyle = bold({ ...block.style, size: block.style.size * 0.95 });
  const small: RunStyle = { face: 'sans', size: block.style.size * 0.78, color: state.theme.muted };
  const items = sectionHeading(label('signatories.heading'), state, block);
  items.push(...textItems([run(label('signatories.count'), small)], state, block, { keepWithNext: true, spaceBefore: 2 }));
  const columns = (count: number) => (count <= 4 ? 1 : block.width > 400 ? 3 : 2);
  const compact = statement.signatories.length >= COMPACT_FROM;
  const entryNameStyle = compact ? bold({ ...small, color: block.style.color }) : nameStyle;
  const separator = (style: RunStyle) => (compact ? run(', ', style) : lineBreak(style));
  const groups = [
    { key: 'signatories.organizations', views: view.signatories.organizations },
    { key: 'signatories.individuals', views: view.signatories.individuals },
  ];
  for (const group of groups) {
    if (group.views.length === 0) continue;
    items.push(...sectionHeading(label(group.key), state, block, 3));
    const entries = group.views.map((signatory): Entry => {
      const runs = [run(signatory.name, signatory.url ? { ...entryNameStyle, link: signatory.url } : entryNameStyle)];
      const affiliationStyle = italic({ ...block.style, size: small.size });
      if (signatory.affiliation) runs.push(separator(affiliationStyle), run(signatory.affiliation, affiliationStyle));
      if (signatory.location) runs.push(...(compact ? [run(` (${signatory.location})`, small)] : [lineBreak(small), run(signatory.location, small)]));
      return { runs };
    });
    items.push(...grid(entries, columns(entries.length), compact ? small.size * 0.3 : block.style.size * 0.45, state, block, block.tag.child('L')));
  }
  if (view.signatories.individuals.some((signatory) => signatory.affiliation)) {
    items.push(...textItems([run(label('signatories.affiliationNote'), italic(small))], state, block, { spaceBefore: block.style.size }));
  }
  return items;
}
