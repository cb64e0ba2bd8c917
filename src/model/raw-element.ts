import type { Properties } from 'hast';
import type { Data, Parent } from 'mdast';

/**
 * An HTML element the author wrote as raw HTML that the sanitizer keeps and
 * Markdown has no node for (`<sup>`, `<abbr title>`, `<details>`): already
 * sanitized, drawn by the HTML renderer through `data.hName`/`hProperties`,
 * and shown by the other outputs as its content.
 */
export interface RawElement extends Parent {
  type: 'rawElement';
  data: Data & { hName: string; hProperties: Properties };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    rawElement: RawElement;
  }
  interface BlockContentMap {
    rawElement: RawElement;
  }
  interface RootContentMap {
    rawElement: RawElement;
  }
}
