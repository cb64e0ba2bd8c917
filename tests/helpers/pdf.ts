import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPageText {
  text: string;
  /** Right edge of every text item, in points, to check nothing leaves the page. */
  rightEdges: number[];
  width: number;
  links: string[];
  /** Every text item with where it starts (PDF points from the bottom left), to compare positions. */
  items: { str: string; x: number; y: number }[];
}

export interface PdfText {
  pages: PdfPageText[];
  /** All pages' text, items joined by spaces: the words a reader copies out. */
  text: string;
  info: Record<string, unknown>;
  outline: string[];
}

/** Text, links, metadata and outline of a PDF as pdf.js (a reader's copy and paste) sees them. */
export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: PdfPageText[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const content = await page.getTextContent();
    const items = content.items.filter((item): item is Extract<typeof item, { str: string }> => 'str' in item);
    const annotations = (await page.getAnnotations()) as { subtype: string; url?: string }[];
    pages.push({
      text: items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''),
      rightEdges: items.map((item) => (item.transform[4] as number) + item.width),
      width: page.view[2]!,
      links: annotations.filter((annotation) => annotation.subtype === 'Link' && annotation.url).map((annotation) => annotation.url!),
      items: items.map((item) => ({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number })),
    });
  }
  const { info } = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []).flatMap(function titles(item): string[] {
    return [item.title, ...(item.items ?? []).flatMap(titles)];
  });
  await doc.destroy();
  return { pages, text: pages.map((page) => page.text).join('\n'), info: info as Record<string, unknown>, outline };
}

/** Words of a text, ignoring spacing and line breaks (a line may end mid-word where a long word was cut). */
export function words(text: string): string[] {
  return text.split(/[\s\u00a0]+/).filter(Boolean);
}

/** Text without any whitespace, to find words that were cut across lines. */
export function squeeze(text: string): string {
  return text.replace(/[\s\u00a0\u00ad]+/g, '');
}
