/**
 * Builds sample input files from text with real libraries (DOCX) or plain file-format rules
 * (PDF, TCVN3, VNI): the reader tests and fixtures/samples use them.
 */
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { foldDiacritics } from '../../domain/vietnamese/fold.js';
import { decodeTcvn3, decodeVni, VNI_LETTERS, VNI_MARKS } from '../legacy-encoding.js';

const HEADING = /^(?:[IVX]{1,4}\.|\d{1,2}\.\d{1,2}\.?|\d{1,2}\.|[a-z]\))\s/;

/** A DOCX whose numbered headings use Word heading styles and whose other lines are paragraphs. */
export async function makeDocx(text: string): Promise<Buffer> {
  const paragraphs = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      if (!HEADING.test(line) || line.length > 110) return new Paragraph({ text: line });
      const level = /^[IVX]/.test(line)
        ? HeadingLevel.HEADING_1
        : /^\d+\.\d/.test(line)
          ? HeadingLevel.HEADING_3
          : HeadingLevel.HEADING_2;
      return new Paragraph({ text: line, heading: level });
    });
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

function escapePdf(text: string): string {
  return text.replace(/[\\()]/g, '\\$&');
}

function pdfFile(objects: string[]): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * A PDF with a text layer in a standard font (WinAnsi: diacritics are folded away, as in many
 * exported archives), hard-wrapped to `width` columns, 50 lines a page.
 */
export function makeTextPdf(text: string, width = 90): Buffer {
  const lines: string[] = [];
  for (const raw of foldDiacritics(text.normalize('NFC')).split('\n')) {
    let line = '';
    for (const word of raw.split(' ')) {
      if (line !== '' && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += 50) pages.push(lines.slice(i, i + 50));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  const kids: string[] = [];
  for (const page of pages) {
    const content = `BT /F1 10 Tf 14 TL 40 800 Td ${page.map((l) => `(${escapePdf(l.replace(/[^\x20-\x7e]/g, '?'))}) Tj T*`).join(' ')} ET`;
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    const contentRef = objects.length;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentRef} 0 R >>`,
    );
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return pdfFile(objects);
}

/** A PDF like a scan: each page is only an image, no text layer. */
export function makeScannedPdf(pageCount = 2): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  // An 8×8 grey image stands for the scanned page.
  const pixels = 'ffffffff'.repeat(16);
  objects.push(
    `<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode /Length ${pixels.length + 1} >>\nstream\n${pixels}>\nendstream`,
  );
  const kids: string[] = [];
  for (let i = 0; i < pageCount; i++) {
    const content = 'q 595 0 0 842 0 0 cm /Im1 Do Q';
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    const contentRef = objects.length;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 3 0 R >> >> /Contents ${contentRef} 0 R >>`,
    );
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return pdfFile(objects);
}

function inverse(
  decodeOne: (bytes: Uint8Array) => string,
  candidates: Uint8Array[],
): Map<string, Uint8Array> {
  const map = new Map<string, Uint8Array>();
  for (const bytes of candidates) {
    const decoded = decodeOne(bytes);
    if ([...decoded].length === 1 && !map.has(decoded)) map.set(decoded, bytes);
  }
  return map;
}

const TYPOGRAPHY: Record<string, string> = {
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '–': '-',
  '—': '-',
  '…': '...',
};

/** Text as a legacy 8-bit file can hold it: typographic punctuation replaced by ASCII. */
export function legacySafe(text: string): string {
  return text.normalize('NFC').replace(/[“”‘’–—…]/g, (ch) => TYPOGRAPHY[ch] ?? ch);
}

function encodeWith(map: Map<string, Uint8Array>, text: string): Buffer {
  const out: number[] = [];
  for (const ch of legacySafe(text)) {
    const code = ch.charCodeAt(0);
    if (code < 0x80 && !map.has(ch)) out.push(code);
    else {
      const bytes = map.get(ch) ?? map.get(foldDiacritics(ch));
      if (!bytes) throw new Error(`cannot encode ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

let tcvn3Map: Map<string, Uint8Array> | null = null;
let vniMap: Map<string, Uint8Array> | null = null;

/** Encodes Unicode text in TCVN3 (ABC); upper-case toned letters without a code are written as lower case. */
export function encodeTcvn3(text: string): Buffer {
  tcvn3Map ??= inverse(
    decodeTcvn3,
    [...Array(256).keys()].filter((b) => b > 0).map((b) => Uint8Array.of(b)),
  );
  const fallback = [...text.normalize('NFC')]
    .map((ch) => (tcvn3Map!.has(ch) || ch.charCodeAt(0) < 0x80 ? ch : ch.toLowerCase()))
    .join('');
  return encodeWith(tcvn3Map, fallback);
}

/** Encodes Unicode text in VNI Windows (base letter + mark glyph). */
export function encodeVni(text: string): Buffer {
  if (!vniMap) {
    const singles = Object.keys(VNI_LETTERS).map((ch) => Uint8Array.of(ch.charCodeAt(0)));
    const bases = [...'aeiouyAEIOUY']
      .map((b) => b.charCodeAt(0))
      .concat(['ô', 'ö', 'Ô', 'Ö'].map((c) => c.charCodeAt(0)));
    const pairs = bases.flatMap((b) => Object.keys(VNI_MARKS).map((m) => Uint8Array.of(b, m.charCodeAt(0))));
    vniMap = inverse(decodeVni, [...singles, ...pairs]);
  }
  return encodeWith(vniMap, text);
}

/** A zip whose only entry's central-directory record claims `size` unpacked bytes. */
export function zipClaiming(size: number): Buffer {
  const name = Buffer.from('word/document.xml');
  const data = Buffer.from([0x03, 0x00]);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(Math.min(size, 0xffffffff), 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
