import type { Definition, FootnoteDefinition, Nodes, Parents } from 'mdast';

/**
 * The link definitions and footnotes of one body, and the order in which
 * footnotes are first referenced, which gives their numbers. Text and PDF
 * renderers list notes after the body, so they share this bookkeeping.
 */
export class BodyReferences {
  readonly definitions = new Map<string, Definition>();
  readonly footnotes = new Map<string, FootnoteDefinition>();
  /** Footnote identifiers in order of first reference; a note's number is its index + 1. */
  readonly footnoteOrder: string[] = [];
  /** Each referenced footnote's number, so numbering stays linear in the number of notes. */
  private readonly footnoteNumbers = new Map<string, number>();

  /** Gather the definitions and footnotes anywhere in `tree` (identifiers are already normalized by the parser). */
  collect(tree: Parents): this {
    for (const child of tree.children as Nodes[]) {
      if (child.type === 'definition') this.definitions.set(child.identifier, child);
      else if (child.type === 'footnoteDefinition') this.footnotes.set(child.identifier, child);
      if ('children' in child) this.collect(child);
    }
    return this;
  }

  /** The number a footnote reference shows: 1 for the first note referenced. */
  footnoteNumber(identifier: string): number {
    let number = this.footnoteNumbers.get(identifier);
    if (number === undefined) {
      number = this.footnoteOrder.push(identifier);
      this.footnoteNumbers.set(identifier, number);
    }
    return number;
  }
}
