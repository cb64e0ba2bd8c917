import type PDFDocument from 'pdfkit';

type StructureElement = ReturnType<PDFKit.PDFDocument['struct']>;

export interface TagOptions {
  lang?: string;
  alt?: string;
  title?: string;
}

/**
 * A node of the tagged-PDF structure tree, built during layout and turned
 * into pdfkit structure elements when first drawn, so each parent lists its
 * children in reading order even when the parallel layout draws two
 * languages side by side.
 */
export class Tag {
  readonly children: Tag[] = [];
  element?: StructureElement;

  constructor(
    readonly type: string,
    readonly parent?: Tag,
    readonly options: TagOptions = {},
  ) {
    parent?.children.push(this);
  }

  child(type: string, options: TagOptions = {}): Tag {
    return new Tag(type, this, options);
  }
}

export function elementFor(doc: InstanceType<typeof PDFDocument>, tag: Tag): StructureElement {
  if (!tag.element) {
    tag.element = doc.struct(tag.type, tag.options);
    if (tag.parent) elementFor(doc, tag.parent).add(tag.element);
    else doc.addStructure(tag.element);
  }
  return tag.element;
}
