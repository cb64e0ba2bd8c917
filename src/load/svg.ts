import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';

/** How deep an SVG logo's elements may nest (a renderer walks them recursively). */
export const MAX_SVG_DEPTH = 64;

/** Elements that run or embed active content when the SVG is opened by itself in a browser. */
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener']);
/** Attributes whose value is a reference the viewer loads. */
const REFERENCES = new Set(['href', 'src']);
/** A page as a data: URL, or a script scheme anywhere in a value (animation `values` are lists). */
const SCRIPT_URL = /^data:(?:text\/html|application\/xhtml|text\/xml|application\/xml)/i;
const SCRIPT_SCHEME = /(?:java|vb)script:/i;
/** `url(…)` or `@import` in CSS that is not a fragment (`url(#gradient)`) or embedded data. */
const CSS_REFERENCE = /url\(\s*['"]?(?![#'"]|data:)[^)]|@import/i;

/** A URL as a browser reads it: entities already decoded, whitespace and control characters dropped. */
function bareUrl(value: string): string {
  return value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
}

function isExternal(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !/^data:/i.test(url);
}

/**
 * Check an SVG logo before it is published to out/assets/ (where a browser may
 * open it directly) and drawn into PDFs: malformed XML, nesting deeper than
 * {@link MAX_SVG_DEPTH}, and anything that runs script (script elements, on*
 * handlers, javascript: URLs, foreignObject, XSLT, entity declarations) are
 * errors at logo-file:line:column; external references (files, web addresses,
 * CSS url() and @import) are warnings: they are not drawn.
 */
export function checkSvg(file: string, text: string): Diagnostic[] {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const diagnostics: Diagnostic[] = [];
  let depth = 0;
  let tagStart = { line: 1, column: 1 };
  let stopped = false;
  const here = () => ({ line: parser.line, column: Math.max(1, parser.column) });
  const fail = (reason: string, at = here()) => diagnostics.push(diagnostic('error', 'logo', reason, { file, ...at }));
  const refuse = (what: string, at = here()) => fail(`${what}, which can run script when the published logo is opened: remove it`, at);
  const warnExternal = (what: string, at: { line: number; column: number }) =>
    diagnostics.push(diagnostic('warning', 'logo', `${what} refers to a file or web address outside the logo, which is not drawn (logos are drawn on their own): embed it or remove it`, { file, ...at }));

  parser.on('error', (error) => {
    if (stopped) return;
    stopped = true;
    fail(`the SVG is not well-formed XML (${error.message.replace(/^\d+:\d+: /, '')}): fix it, or export the logo again`);
  });
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) fail('the SVG declares XML entities (<!ENTITY …>), which can expand without end or read other files: remove the declarations (a logo needs none)');
  });
  parser.on('processinginstruction', ({ target }) => {
    if (target.toLowerCase() === 'xml-stylesheet') refuse('the SVG applies an XSLT or CSS stylesheet file (<?xml-stylesheet …?>), which can rewrite it into a page');
  });
  parser.on('opentagstart', (tag) => {
    // Reported after the name and the character that ended it.
    tagStart = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
  });
  let styleStart: { line: number; column: number } | undefined;
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth += 1;
    const element = tag.local.toLowerCase();
    if (depth === 1 && element !== 'svg') fail(`the logo is not an SVG image: its root element is <${tag.name}>, not <svg>; export the logo again as SVG`, tagStart);
    if (depth > MAX_SVG_DEPTH && !stopped) {
      stopped = true;
      fail(`the SVG nests its elements more than ${MAX_SVG_DEPTH} deep here: export the logo again with fewer nested groups`, tagStart);
    }
    styleStart = element === 'style' ? tagStart : undefined;
    if (ACTIVE_ELEMENTS.has(element)) refuse(`the SVG contains a <${tag.name}> element`, tagStart);
    for (const attribute of Object.values(tag.attributes) as SaxesAttributeNS[]) {
      const name = attribute.local.toLowerCase();
      const url = bareUrl(attribute.value);
      if (name.startsWith('on')) refuse(`the SVG has an event handler (${attribute.name}="…") on <${tag.name}>`, tagStart);
      else if (SCRIPT_URL.test(url) || SCRIPT_SCHEME.test(url)) refuse(`the SVG has a script address in ${attribute.name}="…" on <${tag.name}>`, tagStart);
      else if (name === 'attributename' && /^(?:on|(?:xlink:)?href$)/i.test(url)) refuse(`the SVG has an animation that sets the ${url} attribute`, tagStart);
      else if (REFERENCES.has(name) && element !== 'a' && isExternal(url)) warnExternal(`<${tag.name} ${attribute.name}="${url.slice(0, 80)}">`, tagStart);
      else if (name === 'style' && CSS_REFERENCE.test(attribute.value)) warnExternal(`the style of <${tag.name}>`, tagStart);
    }
  });
  parser.on('closetag', () => {
    depth -= 1;
    styleStart = undefined;
  });
  const checkCss = (css: string) => {
    if (styleStart && CSS_REFERENCE.test(css)) warnExternal('a <style> rule (url() or @import)', styleStart);
  };
  parser.on('text', checkCss);
  parser.on('cdata', checkCss);
  // Stop at the first error that makes the rest meaningless (malformed, too deep): the position of that one is what helps.
  for (let at = 0; at < text.length && !stopped; at += 64 * 1024) parser.write(text.slice(at, at + 64 * 1024));
  if (!stopped) parser.close();
  return diagnostics;
}
