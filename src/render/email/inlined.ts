import type Handlebars from 'handlebars';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type juiceModule from 'juice';
import { compileTemplate, createHandlebars } from '../templates.js';
import type { EmailTemplates } from './templates.js';

type Juice = typeof juiceModule;

/** What the email has always asked of juice; the `<style>` block is made with exactly these. */
const JUICE_OPTIONS = {
  removeStyleTags: true,
  preserveMediaQueries: true,
  preserveImportant: true,
  applyWidthAttributes: true,
  applyAttributesTableElements: true,
} as const;

/** The stylesheet comes as `extraCss` and goes into style attributes only; the template's `<style>` element is left as written. */
const INLINE_ONLY = { ...JUICE_OPTIONS, applyStyleTags: false, removeStyleTags: false, insertPreservedExtraCss: false } as const;

/** Where the statement body enters a template. */
const BODY_SLOT = '{{{bodyHtml}}}';
const PROBE = 'data-email-style-probe';

export interface InlinedTemplates {
  /** The layout with every template element's styles already in its attributes. */
  layout: Handlebars.TemplateDelegate;
  /** What stays in the `<style>` element (media queries); empty when nothing stays. */
  css: string;
  /** Give the body's elements the attributes juice gives them where the body sits in the template. */
  styleBody: (tree: HastRoot) => void;
}

/**
 * The email templates with `css` inlined, made once per render context and
 * stylesheet. Juice runs on the template sources (it keeps `{{…}}` intact),
 * not on every finished message. A selector therefore matches within one
 * template file, and selectors that depend on siblings or position
 * (`+`, `~`, `:first-child`) cannot be told apart before a message exists.
 */
export function inlinedTemplates(templates: EmailTemplates, css: string): Promise<InlinedTemplates> {
  let inlined = templates.inlined.get(css);
  if (!inlined) {
    inlined = inlineTemplates(templates, css);
    templates.inlined.set(css, inlined);
  }
  return inlined;
}

async function inlineTemplates(templates: EmailTemplates, css: string): Promise<InlinedTemplates> {
  const { default: juice } = await import('juice');
  const inline = (source: string) => juice(source, { ...INLINE_ONLY, extraCss: css });
  const { layout, partials } = templates.sources;
  const inlinedPartials = Object.fromEntries(Object.entries(partials).map(([name, source]) => [name, inline(source)]));
  const handlebars = createHandlebars(inlinedPartials, templates.i18n);
  const styleBlock = /^<style>([\s\S]*)<\/style>$/.exec(juice(`<style>${css}</style>`, JUICE_OPTIONS));
  const host = [layout, ...Object.values(partials)].find((source) => source.includes(BODY_SLOT));
  return {
    layout: compileTemplate(handlebars, inline(layout)),
    css: styleBlock?.[1] ?? '',
    styleBody: host ? bodyStyler(juice, css, host) : () => {},
  };
}

/** One element as juice's selectors see it: its tag and the attributes the stylesheet's selectors name. */
interface Link {
  open: string;
  close: string;
}

/** Opening and closing tag of `node` with only `keep` of its properties (plus `extra`), as the body's HTML writes them. */
function tags(node: Element, keep: (property: string) => boolean, extra: Record<string, string> = {}): Link {
  const properties = Object.fromEntries(Object.entries(node.properties).filter(([property]) => keep(property)));
  const html = toHtml({ type: 'element', tagName: node.tagName, properties: { ...properties, ...extra }, children: [] });
  const close = `</${node.tagName}>`;
  return html.endsWith(close) ? { open: html.slice(0, -close.length), close } : { open: html, close: '' };
}

/**
 * Juice decides an element's style from its tag, its attributes and its
 * ancestors'. Each distinct chain is asked of juice once, placed where the
 * template puts the body, and the answer (style and the attributes juice
 * derives from it: bgcolor, width, height, align) is kept for every later body.
 */
function bodyStyler(juice: Juice, css: string, host: string): (tree: HastRoot) => void {
  // Attribute selectors (`a[href^="mailto:"]`) make that attribute part of what must match.
  const named = new Set(['classname', 'id', ...[...css.matchAll(/\[\s*([\w:-]+)/g)].map((match) => match[1]!.replaceAll('-', '').toLowerCase())]);
  const keep = (property: string) => named.has(property.toLowerCase());
  const answers = new Map<string, Array<[string, string]>>();

  function ask(chains: string[]): void {
    const probes = chains.map((chain, index) => chain.replace(`${PROBE}=""`, `${PROBE}="${index}"`));
    const juiced = juice(host.replace(BODY_SLOT, probes.join('')), { ...INLINE_ONLY, extraCss: css });
    for (const match of juiced.matchAll(new RegExp(`${PROBE}="(\\d+)"([^>]*)>`, 'g'))) {
      const attributes = [...match[2]!.matchAll(/\s([^\s=/]+)(?:="([^"]*)")?/g)].map((attribute): [string, string] => [attribute[1]!, attribute[2] ?? '']);
      answers.set(chains[Number(match[1])]!, attributes);
    }
  }

  return (tree) => {
    const elements: Array<[Element, string]> = [];
    const walk = (children: ElementContent[] | HastRoot['children'], opens: string, closes: string) => {
      for (const child of children) {
        if (child.type !== 'element') continue;
        const probe = tags(child, keep, { [PROBE]: '' });
        elements.push([child, `${opens}${probe.open}${probe.close}${closes}`]);
        const link = tags(child, keep);
        walk(child.children, opens + link.open, link.close + closes);
      }
    };
    walk(tree.children, '', '');
    const unknown = [...new Set(elements.map(([, chain]) => chain).filter((chain) => !answers.has(chain)))];
    if (unknown.length > 0) ask(unknown);
    for (const [element, chain] of elements) {
      // Messages used to be serialized by juice, which writes an empty attribute as its bare name: same bytes.
      for (const [name, value] of Object.entries(element.properties)) if (value === '') element.properties[name] = true;
      for (const [name, value] of answers.get(chain) ?? []) element.properties[name] = value;
    }
  };
}
