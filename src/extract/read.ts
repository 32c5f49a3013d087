import { readFile as readFileFromDisk } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { AppError } from '../domain/errors.js';
import { decodeText } from './legacy-encoding.js';
import { checkZipContainer } from './zip-guard.js';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface ReadResult {
  /** Decoded text; offsets of extracted facts point into it. */
  text: string;
  mediaType: string;
  /** The text encoding for text files ("utf-8", "tcvn3", …). */
  encoding?: string;
}

const MEDIA_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
};

function corrupt(name: string, kind: string, cause?: unknown): AppError {
  const detail = cause instanceof Error ? ` (${cause.message.split('\n')[0]})` : '';
  return new AppError(
    'import.corrupt_file',
    `Tệp ${kind} ${name} bị hỏng hoặc không đọc được${detail}.`,
    422,
    {
      file: name,
    },
  );
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample[0] === 0xff || sample[0] === 0xfe) return false;
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  return zeros > 0;
}

async function readText(bytes: Uint8Array, name: string, mediaType: string): Promise<ReadResult> {
  if (looksBinary(bytes)) throw corrupt(name, 'văn bản');
  const { text, encoding } = decodeText(bytes);
  return { text, mediaType, encoding };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * DOCX body HTML → text: one paragraph per block, Word heading levels kept as Markdown "#" marks,
 * list items as "- " bullets, table rows as cells joined by " | ".
 */
export function docxHtmlToText(html: string): string {
  const text = html
    .replace(/<h([1-6])[^>]*>/gi, (_, level: string) => `\n\n${'#'.repeat(Number(level))} `)
    .replace(/<\/h[1-6]>/gi, '\n\n')
    .replace(/<li[^>]*>/gi, '\n- ')
    .replace(/<\/(p|li|ul|ol|table)>/gi, '\n\n')
    .replace(/<\/tr>/gi, '\n')
    .replace(/<\/t[dh]>\s*<t[dh][^>]*>/gi, ' | ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/\n{3,}/g, '\n\n');
  return decodeEntities(text).trim();
}

async function readDocx(bytes: Uint8Array, name: string, mediaType: string): Promise<ReadResult> {
  if (!checkZipContainer(bytes, name)) throw corrupt(name, 'DOCX');
  let html: string;
  try {
    const result = await mammoth.convertToHtml({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
    });
    html = result.value;
  } catch (error) {
    throw corrupt(name, 'DOCX', error);
  }
  const text = docxHtmlToText(html);
  if (text.trim() === '')
    throw new AppError('import.empty_file', `Tệp ${name} không có nội dung văn bản.`, 422);
  return { text, mediaType };
}

/** Lines that open most pages (running headers) are dropped; page numbers go in paragraph splitting. */
function dropRunningHeaders(pages: string[]): string[] {
  if (pages.length < 3) return pages;
  const firstLines = new Map<string, number>();
  for (const page of pages) {
    const first = page.trim().split('\n')[0]?.trim();
    if (first && !/^\d+$/.test(first)) firstLines.set(first, (firstLines.get(first) ?? 0) + 1);
  }
  const repeated = new Set([...firstLines].filter(([, n]) => n >= pages.length / 2).map(([line]) => line));
  if (repeated.size === 0) return pages;
  return pages.map((page, i) => {
    if (i === 0) return page;
    const lines = page.trim().split('\n');
    return repeated.has(lines[0]?.trim() ?? '') ? lines.slice(1).join('\n') : page;
  });
}

async function readPdf(bytes: Uint8Array, name: string, mediaType: string): Promise<ReadResult> {
  let pages: string[];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch (error) {
    throw corrupt(name, 'PDF', error);
  }
  const letters = pages.join('').replace(/\s+/g, '').length;
  if (letters < 20 * Math.max(1, pages.length)) {
    throw new AppError(
      'import.scanned_pdf',
      `Tệp PDF được quét (không có lớp văn bản): ${name}. Cần nhận dạng ký tự (OCR) trước khi nhập.`,
      422,
      { file: name },
    );
  }
  return { text: dropRunningHeaders(pages).join('\n\n').normalize('NFC'), mediaType };
}

/**
 * Reads a report file into text: .txt/.md (UTF-8, UTF-16, TCVN3, VNI), .docx, .pdf with a text layer.
 * Anything else, an empty, oversized, corrupt or scanned file is refused with an AppError naming the file.
 */
export async function readFile(input: string | Uint8Array, name?: string): Promise<ReadResult> {
  const fileName = name ?? (typeof input === 'string' ? basename(input) : 'tệp');
  const bytes = typeof input === 'string' ? await readFileFromDisk(input) : input;
  const extension = extname(fileName).toLowerCase();
  const mediaType = MEDIA_TYPES[extension];
  if (!mediaType) {
    throw new AppError(
      'import.unsupported_type',
      `Không hỗ trợ loại tệp của ${fileName}. Chỉ nhập được .txt, .md, .docx và .pdf.`,
      415,
      { file: fileName },
    );
  }
  if (bytes.length === 0) {
    throw new AppError('import.empty_file', `Tệp ${fileName} rỗng.`, 422, { file: fileName });
  }
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AppError(
      'import.too_large',
      `Tệp ${fileName} quá lớn (${Math.round(bytes.length / 1024 / 1024)} MB; tối đa 50 MB).`,
      413,
      { file: fileName },
    );
  }
  if (extension === '.docx') return readDocx(bytes, fileName, mediaType);
  if (extension === '.pdf') return readPdf(bytes, fileName, mediaType);
  return readText(bytes, fileName, mediaType);
}
