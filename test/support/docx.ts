import { unzipSync, strFromU8 } from 'fflate';

export interface DocxContents {
  files: string[];
  /** word/document.xml as text. */
  xml: string;
  /** Heading paragraphs as [style, text], in order. */
  headings: Array<[string, string]>;
  /** Every table row as cell texts. */
  rows: string[][];
  /** Every paragraph's text, in order. */
  paragraphs: string[];
  media: Record<string, Uint8Array>;
}

const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((match) => match[1]!)
    .join('')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Opens a .docx (a zip) and reads its body back: what Word would show, in structure. */
export function readDocx(bytes: Uint8Array): DocxContents {
  const zip = unzipSync(bytes);
  const xml = strFromU8(zip['word/document.xml']!);
  const paragraphXml = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) => match[0]);
  const headings = paragraphXml.flatMap((p): Array<[string, string]> => {
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1];
    return style && /^(Title|Heading\d)$/.test(style) ? [[style, textOf(p)]] : [];
  });
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => textOf(cell[0])));
  return {
    files: Object.keys(zip).sort(),
    xml,
    headings,
    rows,
    paragraphs: paragraphXml.map(textOf),
    media: Object.fromEntries(Object.entries(zip).filter(([name]) => name.startsWith('word/media/'))),
  };
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
