import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../domain/errors.js';
import {
  decimalsOf,
  formatFigure,
  headerRow,
  periodsWithQualifiers,
  readFigures,
  SCOPE_LABELS,
  type SheetCell,
  type SheetFigure,
  sheetRefused,
  type ValueTable,
  type ValueTableRow,
} from './value-sheet-layout.js';

/**
 * A sheet of figures as a file: XLSX (numeric cells shown the Vietnamese way) or CSV (UTF-8 with a byte order
 * mark so Excel reads the diacritics, comma-separated, numbers in Vietnamese notation: "1.858", "30,73").
 * The layout is in value-sheet-layout.ts.
 */

export type SheetFormat = 'xlsx' | 'csv';

export const SHEET_CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The worksheet an export writes the figures on, and an import reads first. */
export const DATA_SHEET = 'Số liệu';
const GUIDE_SHEET = 'Hướng dẫn';
/** Vietnamese (LCID 042A): spreadsheet programs that honour a format's locale show 1.858 and 30,73. */
const VI_LOCALE = '[$-42A]';
const MAX_ROWS = 100_000;
const MAX_COLUMNS = 1_000;

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** Old binary Office files (.xls) start with the OLE compound document signature. */
function isOle(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/**
 * The format of an uploaded sheet, from its name and content: .xlsx or .csv (.txt is read as CSV). A zip is
 * read as XLSX whatever its name. Throws `sheet.type` (415) for anything else, `sheet.empty` for no bytes.
 */
export function sheetFormatOf(name: string, bytes: Uint8Array): SheetFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (bytes.length === 0) throw new AppError('sheet.empty', `Tệp "${name}" rỗng.`, 400, { file: name });
  if (extension === 'xls' || isOle(bytes)) {
    throw new AppError(
      'sheet.type',
      `Tệp "${name}" là bảng tính Excel 97–2003 (.xls), chưa đọc được: hãy lưu lại thành .xlsx hoặc CSV UTF-8.`,
      415,
      { file: name },
    );
  }
  if (extension === 'xlsx' || isZip(bytes)) return 'xlsx';
  if (extension === 'csv' || extension === 'txt') return 'csv';
  throw new AppError(
    'sheet.type',
    `Tệp "${name}" không được hỗ trợ: chỉ nhận bảng tính .xlsx hoặc .csv.`,
    415,
    { file: name },
  );
}

function numberFormat(value: number, integer: boolean): string {
  const decimals = integer ? 0 : decimalsOf(value);
  return `${VI_LOCALE}#,##0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;
}

/** Text a spreadsheet would run as a formula is written with a leading apostrophe (CSV only). */
const FORMULA_START = /^[=+\-@\t\r]/;

function guardText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function unguardText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

function rowCells(table: ValueTable, row: ValueTableRow, qualifierPeriods: readonly string[]) {
  return {
    info: [row.indicator, row.name, row.unit, SCOPE_LABELS[row.scope], row.breakdown],
    figures: table.periodIds.map((id) => row.figures.get(id) ?? null),
    qualifiers: qualifierPeriods.map((id) => row.figures.get(id)?.qualifier ?? null),
  };
}

function guideLines(table: ValueTable): string[] {
  const first = table.periodIds[0] ?? '';
  const last = table.periodIds.at(-1) ?? '';
  return [
    `Số liệu chỉ tiêu — ${table.organisation}`,
    `Kỳ báo cáo: ${first === last ? first : `${first} đến ${last}`} (trang "${DATA_SHEET}")`,
    'Mỗi dòng là một chỉ tiêu (theo phạm vi và phân tách), mỗi cột là một kỳ báo cáo; ô trống là chưa có số liệu.',
    'Phạm vi: "trong kỳ" là số phát sinh trong kỳ, "cuối kỳ" là số tại thời điểm cuối kỳ, "lũy kế" là số cộng dồn; để trống thì theo loại chỉ tiêu.',
    'Cột "Ghi chú <kỳ>": từ đi kèm số liệu (ước, khoảng, hơn…) hoặc ghi chú về số liệu của kỳ đó.',
    'Nhập lại: sửa hoặc điền số vào các cột kỳ (có thể thêm cột kỳ mới, ví dụ 2022-05), rồi tải tệp lên trang "Nhập số liệu" hoặc chạy lệnh: baocao values import TỆP.',
    'Cả tệp được lưu trong một lần: chỉ cần một ô sai thì không số liệu nào được lưu, và thông báo lỗi nêu rõ ô đó. Ô trống không xóa số liệu đã có.',
    'Khi nhập chỉ dùng mã chỉ tiêu; tên chỉ tiêu và đơn vị tính để đọc. Số trong tệp CSV viết kiểu Việt Nam: 1.858 hoặc 30,73.',
  ];
}

async function writeXlsx(table: ValueTable): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'baocao';
  workbook.title = `Số liệu chỉ tiêu — ${table.organisation}`;
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const header = headerRow(table);
  const qualifierPeriods = periodsWithQualifiers(table);
  const firstFigure = 6;
  const firstQualifier = firstFigure + table.periodIds.length;
  sheet.addRow(header);
  for (const row of table.rows) {
    const { info, figures, qualifiers } = rowCells(table, row, qualifierPeriods);
    const added = sheet.addRow([...info, ...figures.map((f) => f?.value ?? null), ...qualifiers]);
    figures.forEach((figure, index) => {
      if (figure) added.getCell(firstFigure + index).numFmt = numberFormat(figure.value, row.integer);
    });
  }
  const widths = [30, 60, 16, 11, 24];
  header.forEach((_, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = widths[index] ?? (index + 1 >= firstQualifier ? 24 : 14);
    if (index === 1) column.alignment = { wrapText: true, vertical: 'top' };
  });
  const top = sheet.getRow(1);
  top.font = { bold: true };
  top.alignment = { vertical: 'middle', wrapText: true };
  top.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };

  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.getColumn(1).width = 120;
  guideLines(table).forEach((line, index) => {
    const cell = guide.getCell(index + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true };
    if (index === 0) cell.font = { bold: true, size: 13 };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function writeCsv(table: ValueTable): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(DATA_SHEET);
  const qualifierPeriods = periodsWithQualifiers(table);
  sheet.addRow(headerRow(table));
  for (const row of table.rows) {
    const { info, figures, qualifiers } = rowCells(table, row, qualifierPeriods);
    sheet.addRow([
      ...info.map(guardText),
      ...figures.map((f) => (f ? formatFigure(f.value) : '')),
      ...qualifiers.map((q) => (q === null ? '' : guardText(q))),
    ]);
  }
  const buffer = await workbook.csv.writeBuffer({
    formatterOptions: { writeBOM: true, delimiter: ',', rowDelimiter: '\r\n' },
  });
  return new Uint8Array(buffer);
}

/** The figures of `table` as a file: one row per indicator, one column per period (see value-sheet-layout.ts). */
export function writeValueSheet(table: ValueTable, format: SheetFormat): Promise<Uint8Array<ArrayBuffer>> {
  return format === 'xlsx' ? writeXlsx(table) : writeCsv(table);
}

function corrupt(name: string, why: string): AppError {
  return new AppError('sheet.corrupt', `Tệp "${name}" không đọc được: ${why}.`, 400, { file: name });
}

/** An exceljs cell value as a SheetCell: rich text joined, a formula's cached result, a link's text. */
function cellOf(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return { error: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined) return { error: '(công thức chưa được tính)' };
    if (typeof result === 'object' && result !== null && 'error' in result)
      return { error: String(result.error) };
    return cellOf(result);
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellOf(value.text);
  return String(value);
}

/** Every row of a worksheet as cells, the first row first. */
function cellsOf(sheet: ExcelJS.Worksheet): SheetCell[][] {
  const rows: SheetCell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

async function xlsxRows(name: string, bytes: Uint8Array): Promise<SheetCell[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw corrupt(name, 'tệp hỏng hoặc không phải bảng tính Excel (.xlsx)');
  }
  const sheet = workbook.getWorksheet(DATA_SHEET) ?? workbook.worksheets[0];
  if (!sheet) throw corrupt(name, 'tệp không có trang tính nào');
  if (sheet.rowCount > MAX_ROWS || sheet.columnCount > MAX_COLUMNS) {
    throw new AppError(
      'sheet.too_large',
      `Tệp "${name}" quá lớn: tối đa ${MAX_ROWS} dòng và ${MAX_COLUMNS} cột.`,
      413,
      { file: name },
    );
  }
  return cellsOf(sheet);
}

function decodeText(name: string, bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  if (bytes.subarray(0, 8192).includes(0)) throw corrupt(name, 'nội dung không phải văn bản CSV');
  try {
    // The decoder drops a leading byte order mark.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw corrupt(name, 'tệp CSV phải lưu bằng mã UTF-8 (trong Excel: "CSV UTF-8")');
  }
}

/** The separator of the header line: a comma, or the semicolon or tab some spreadsheet programs write. */
function delimiterOf(text: string): string {
  const line = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: line.split(d).length - 1 }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}

async function csvRows(name: string, bytes: Uint8Array): Promise<SheetCell[][]> {
  const text = decodeText(name, bytes);
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  try {
    sheet = await workbook.csv.read(Readable.from([text]), {
      // Cells stay text: the layout reads numbers the Vietnamese way, and periods are not dates.
      map: (datum: string) => (datum.trim() === '' ? null : unguardText(datum)),
      parserOptions: { delimiter: delimiterOf(text) },
    } as never);
  } catch (error) {
    const where = /at row (\d+)|row[: ]+(\d+)/i.exec(String((error as Error).message));
    const row = where ? ` (gần dòng ${where[1] ?? where[2]})` : '';
    throw corrupt(name, `tệp CSV sai cú pháp${row}, ví dụ dấu ngoặc kép không đóng`);
  }
  if (sheet.rowCount > MAX_ROWS) {
    throw new AppError('sheet.too_large', `Tệp "${name}" quá lớn: tối đa ${MAX_ROWS} dòng.`, 413, {
      file: name,
    });
  }
  return cellsOf(sheet);
}

/**
 * Reads the figures of an XLSX or CSV file. A corrupt file throws `sheet.corrupt`; a sheet with problems
 * (headers, cells that are not numbers…) throws `sheet.invalid` naming them, and gives nothing.
 */
export async function readValueSheet(
  name: string,
  bytes: Uint8Array,
  format: SheetFormat,
): Promise<SheetFigure[]> {
  const rows = format === 'xlsx' ? await xlsxRows(name, bytes) : await csvRows(name, bytes);
  const { figures, problems } = readFigures(rows);
  if (problems.length > 0) throw sheetRefused(name, problems);
  if (figures.length === 0) {
    throw new AppError('sheet.no_figures', `Tệp "${name}" không có số liệu nào để nhập.`, 400, {
      file: name,
    });
  }
  return figures;
}
