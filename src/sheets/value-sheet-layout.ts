import { AppError } from '../domain/errors.js';
import { parsePeriod, periodId } from '../domain/period.js';
import type { ValueScope } from '../domain/report-document.js';
import { foldForSearch } from '../domain/vietnamese/fold.js';
import { formatViNumber, parseViFigure } from '../domain/vietnamese/number.js';

/**
 * The layout of a sheet of figures, the same in XLSX and CSV: a header row, then one row per indicator
 * (and scope and breakdown label) with one column per period, and a note column per period where a figure
 * carries a qualifier ("ước", "khoảng", "lũy kế đến ngày 12/4/2022"). Reading also takes the long layout,
 * one figure per row: indicator, period, value (and optionally scope, breakdown, qualifier).
 */

/** A cell as read: text, a number, a date (a spreadsheet's own reading of "2022-04"), a boolean, an error. */
export type SheetCell = string | number | boolean | Date | { error: string } | null;

export interface ValueTableRow {
  indicator: string;
  name: string;
  unit: string;
  scope: ValueScope;
  /** '' unless two values of one indicator share a period. */
  breakdown: string;
  /** Whether the indicator counts things (shown without decimals). */
  integer: boolean;
  /** The figures by period id; a period without one is left blank. */
  figures: ReadonlyMap<string, { value: number; qualifier: string | null }>;
}

/** What an export writes. */
export interface ValueTable {
  /** The organisation's name. */
  organisation: string;
  periodIds: readonly string[];
  rows: readonly ValueTableRow[];
}

/** One figure read from a sheet, with where it stands. */
export interface SheetFigure {
  indicator: string;
  periodId: string;
  value: number;
  /** As the sheet gives it; null when blank (the indicator's kind decides). */
  scope: ValueScope | null;
  breakdown: string;
  qualifier: string | null;
  /** The value's cell, "F7". */
  cell: string;
  /** The cell holding the indicator code, "A7". */
  codeCell: string;
}

/** A problem of a sheet, its location written into the message ("ô F7 (ca.issued, kỳ 2022-04): …"). */
export interface SheetProblem {
  cell: string | null;
  message: string;
}

export const HEADERS = {
  indicator: 'Mã chỉ tiêu',
  name: 'Tên chỉ tiêu',
  unit: 'Đơn vị tính',
  scope: 'Phạm vi',
  breakdown: 'Phân tách',
  period: 'Kỳ',
  value: 'Giá trị',
  qualifier: 'Ghi chú',
} as const;

type Role = keyof typeof HEADERS;

/** Header words each role answers to, folded (no diacritics, lower case): Vietnamese and English. */
const ALIASES: Record<Role, readonly string[]> = {
  indicator: ['ma chi tieu', 'ma', 'ma so', 'indicator', 'indicator code', 'code'],
  name: ['ten chi tieu', 'ten', 'chi tieu', 'name', 'indicator name'],
  unit: ['don vi tinh', 'dvt', 'don vi', 'unit'],
  scope: ['pham vi', 'scope'],
  breakdown: ['phan tach', 'breakdown'],
  period: ['ky', 'ky bao cao', 'period'],
  value: ['gia tri', 'so lieu', 'value'],
  qualifier: ['ghi chu', 'qualifier'],
};

export const SCOPE_LABELS: Record<ValueScope, string> = {
  period: 'trong kỳ',
  as_of_end: 'cuối kỳ',
  cumulative: 'lũy kế',
};

const SCOPE_WORDS = new Map<string, ValueScope>([
  ...Object.entries(SCOPE_LABELS).map(
    ([scope, label]) => [foldForSearch(label), scope as ValueScope] as const,
  ),
  ['period', 'period'],
  ['as_of_end', 'as_of_end'],
  ['cumulative', 'cumulative'],
  ['luy ke', 'cumulative'],
]);

const PERIOD_HINT = 'dùng mã kỳ: 2022-04 là tháng, 2022-Q1 quý, 2022-H1 6 tháng, 2022-9M 9 tháng, 2022 năm';
const NUMBER_HINT = 'viết kiểu Việt Nam: 1.858 hoặc 30,73';
/** Problems listed in the message; the rest are counted (all of them are in the error's details). */
const SHOWN_PROBLEMS = 3;
const MAX_PROBLEMS = 200;
/** The header row is looked for in the first rows (a sheet may open with a title). */
const HEADER_SEARCH_ROWS = 10;

/** The header of the note column of a period: "Ghi chú 2022-04". */
export function qualifierHeader(periodIdText: string): string {
  return `${HEADERS.qualifier} ${periodIdText}`;
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Fraction digits needed to write `value` exactly (at most 10). */
export function decimalsOf(value: number): number {
  const text = Math.abs(value).toFixed(10).replace(/0+$/, '');
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A figure written the Vietnamese way with every decimal it has: 1858 → "1.858", 0.625 → "0,625". */
export function formatFigure(value: number): string {
  return formatViNumber(value, { decimals: decimalsOf(value) });
}

/** Periods with at least one qualifier: they get a note column. */
export function periodsWithQualifiers(table: ValueTable): string[] {
  return table.periodIds.filter((id) => table.rows.some((row) => row.figures.get(id)?.qualifier));
}

/** The header row of an export. */
export function headerRow(table: ValueTable): string[] {
  return [
    HEADERS.indicator,
    HEADERS.name,
    HEADERS.unit,
    HEADERS.scope,
    HEADERS.breakdown,
    ...table.periodIds,
    ...periodsWithQualifiers(table).map(qualifierHeader),
  ];
}

function fold(text: string): string {
  return foldForSearch(text)
    .replace(/[\s_]+/g, ' ')
    .replace(/[:*]+$/, '')
    .trim();
}

function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return cell.error;
}

function isBlank(cell: SheetCell | undefined): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * A period named by a header or a cell: its id as text ("2022-04", "2022-q1"), a year as a number, or the date
 * a spreadsheet made of "2022-04" typed by hand (the first of the month). Null when it names none.
 */
function periodOf(cell: SheetCell): string | null {
  if (cell instanceof Date) {
    if (cell.getUTCDate() !== 1 || cell.getUTCHours() !== 0) return null;
    return `${cell.getUTCFullYear()}-${String(cell.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  const text = cellText(cell);
  if (!/^\d{4}(?:-[0-9a-z]{2})?$/i.test(text)) return null;
  try {
    return periodId(parsePeriod(text));
  } catch {
    return null;
  }
}

/** "Ghi chú 2022-04", "2022-04 ghi chú", "qualifier (2022-04)" → "2022-04". */
function qualifierPeriodOf(header: string): string | null {
  const words = fold(header).replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  for (const alias of ALIASES.qualifier) {
    const rest = words.startsWith(`${alias} `)
      ? words.slice(alias.length + 1)
      : words.endsWith(` ${alias}`)
        ? words.slice(0, -alias.length - 1)
        : null;
    if (rest !== null) return periodOf(rest.trim());
  }
  return null;
}

function roleOf(header: string): Role | null {
  const folded = fold(header);
  for (const [role, aliases] of Object.entries(ALIASES) as [Role, readonly string[]][]) {
    if (aliases.includes(folded)) return role;
  }
  return null;
}

type Column =
  | { kind: 'role'; role: Role }
  | { kind: 'period'; periodId: string }
  | { kind: 'qualifier'; periodId: string }
  | { kind: 'blank' };

/** The figure a value cell holds, or the reason it holds none. */
function figureOf(cell: SheetCell): { value: number } | { problem: string } {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? { value: cell } : { problem: 'không phải là số hữu hạn' };
  }
  if (typeof cell === 'string') {
    const value = parseViFigure(cell);
    return value === null ? { problem: `"${cell.trim()}" không phải là số (${NUMBER_HINT})` } : { value };
  }
  if (cell instanceof Date) return { problem: `là ngày tháng (${cellText(cell)}), không phải số` };
  if (typeof cell === 'boolean') return { problem: `là giá trị đúng/sai (${cell}), không phải số` };
  if (cell === null) return { problem: 'trống' };
  return { problem: `là lỗi công thức ${cell.error}, không phải số` };
}

function scopeOf(cell: SheetCell): ValueScope | null | undefined {
  if (isBlank(cell)) return null;
  return SCOPE_WORDS.get(fold(cellText(cell)));
}

class Problems {
  readonly list: SheetProblem[] = [];
  add(cell: string | null, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ cell, message });
  }
}

/**
 * Reads the figures of a sheet given as rows of cells (rows[0] is row 1). Every problem found is returned,
 * each naming its cell, row or column; the caller refuses the whole sheet when there is any.
 */
export function readFigures(rows: readonly (readonly SheetCell[])[]): {
  figures: SheetFigure[];
  problems: SheetProblem[];
} {
  const problems = new Problems();
  const headerIndex = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => row.some((cell) => typeof cell === 'string' && roleOf(cell) === 'indicator'));
  if (headerIndex < 0) {
    problems.add(
      null,
      `không tìm thấy dòng tiêu đề có cột "${HEADERS.indicator}" trong ${HEADER_SEARCH_ROWS} dòng đầu`,
    );
    return { figures: [], problems: problems.list };
  }
  const header = rows[headerIndex]!;
  const headerRowNumber = headerIndex + 1;
  const columns: Column[] = [];
  const seenRoles = new Map<string, string>();
  header.forEach((cell, index) => {
    const address = `${columnLetter(index + 1)}${headerRowNumber}`;
    const column = classify(cell);
    if (!column) {
      problems.add(
        address,
        `ô ${address}: tiêu đề "${cellText(cell)}" không phải kỳ báo cáo hay tên cột đã biết (${PERIOD_HINT})`,
      );
      columns.push({ kind: 'blank' });
      return;
    }
    if (column.kind !== 'blank') {
      const key = column.kind === 'role' ? column.role : `${column.kind}:${column.periodId}`;
      const earlier = seenRoles.get(key);
      if (earlier) {
        problems.add(address, `ô ${address}: cột "${cellText(cell)}" lặp lại cột ${earlier}`);
        columns.push({ kind: 'blank' });
        return;
      }
      seenRoles.set(key, columnLetter(index + 1));
    }
    columns.push(column);
  });

  const roleColumn = (role: Role) =>
    columns.findIndex((column) => column.kind === 'role' && column.role === role);
  const long = roleColumn('period') >= 0 && roleColumn('value') >= 0;
  const periodColumns = columns.flatMap((column, index) =>
    column.kind === 'period' ? [{ index, periodId: column.periodId }] : [],
  );
  // A header refused above may have been meant as the period: that problem says enough.
  if (!long && periodColumns.length === 0 && problems.list.length === 0) {
    problems.add(
      null,
      `dòng tiêu đề ${headerRowNumber} không có cột kỳ báo cáo nào (${PERIOD_HINT}), cũng không có hai cột "${HEADERS.period}" và "${HEADERS.value}"`,
    );
  }
  const qualifierColumns = new Map<string, number>();
  columns.forEach((column, index) => {
    if (column.kind !== 'qualifier') return;
    if (long || !columns.some((c) => c.kind === 'period' && c.periodId === column.periodId)) {
      const address = `${columnLetter(index + 1)}${headerRowNumber}`;
      problems.add(
        address,
        `ô ${address}: cột ghi chú của kỳ ${column.periodId} nhưng không có cột số liệu kỳ đó`,
      );
      return;
    }
    qualifierColumns.set(column.periodId, index);
  });
  if (!long) {
    for (const role of ['period', 'value'] as const) {
      const index = roleColumn(role);
      if (index >= 0) {
        const address = `${columnLetter(index + 1)}${headerRowNumber}`;
        problems.add(
          address,
          `ô ${address}: cột "${HEADERS[role]}" chỉ dùng cho bảng dạng dọc, cần có cả hai cột "${HEADERS.period}" và "${HEADERS.value}"`,
        );
      }
    }
    // A bare "Ghi chú" column is the note column of the sheet's only period.
    const bare = roleColumn('qualifier');
    if (bare >= 0 && periodColumns.length === 1 && !qualifierColumns.size) {
      qualifierColumns.set(periodColumns[0]!.periodId, bare);
    } else if (bare >= 0) {
      const address = `${columnLetter(bare + 1)}${headerRowNumber}`;
      problems.add(
        address,
        `ô ${address}: cột "${HEADERS.qualifier}" không rõ của kỳ nào (đặt tiêu đề như "${qualifierHeader('2022-04')}")`,
      );
    }
  }
  if (problems.list.length > 0) return { figures: [], problems: problems.list };

  const figures: SheetFigure[] = [];
  const at = (row: number, index: number) => `${columnLetter(index + 1)}${row}`;
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const rowNumber = r + 1;
    if (cells.every((cell) => isBlank(cell))) continue;
    // A cell under a column without a header is data nobody can place.
    cells.forEach((cell, index) => {
      if (!isBlank(cell) && (columns[index] === undefined || columns[index]!.kind === 'blank')) {
        problems.add(
          at(rowNumber, index),
          `ô ${at(rowNumber, index)}: có dữ liệu nhưng cột không có tiêu đề`,
        );
      }
    });
    const get = (index: number): SheetCell => (index >= 0 ? (cells[index] ?? null) : null);
    const codeIndex = roleColumn('indicator');
    const codeCell = at(rowNumber, codeIndex);
    const indicator = cellText(get(codeIndex));
    const scopeIndex = roleColumn('scope');
    const scope = scopeOf(get(scopeIndex));
    const breakdown = cellText(get(roleColumn('breakdown')));
    const valueCells: { index: number; periodId: string | null; qualifier: SheetCell }[] = long
      ? [{ index: roleColumn('value'), periodId: null, qualifier: get(roleColumn('qualifier')) }]
      : periodColumns.map(({ index, periodId: id }) => ({
          index,
          periodId: id,
          qualifier: get(qualifierColumns.get(id) ?? -1),
        }));
    const hasData = valueCells.some((v) => !isBlank(get(v.index)) || !isBlank(v.qualifier));
    if (!indicator) {
      if (hasData)
        problems.add(codeCell, `dòng ${rowNumber}: có số liệu nhưng thiếu mã chỉ tiêu (ô ${codeCell})`);
      continue;
    }
    if (scope === undefined) {
      const address = at(rowNumber, scopeIndex);
      problems.add(
        address,
        `ô ${address} (${indicator}): phạm vi "${cellText(get(scopeIndex))}" không hợp lệ (dùng ${Object.values(SCOPE_LABELS).join(', ')} hoặc để trống)`,
      );
      continue;
    }
    let longPeriod: string | null = null;
    if (long) {
      const index = roleColumn('period');
      longPeriod = periodOf(get(index));
      if (!longPeriod) {
        const address = at(rowNumber, index);
        problems.add(
          address,
          `ô ${address} (${indicator}): kỳ "${cellText(get(index))}" không hợp lệ (${PERIOD_HINT})`,
        );
        continue;
      }
    }
    for (const { index, periodId: columnPeriod, qualifier } of valueCells) {
      const period = columnPeriod ?? longPeriod!;
      const address = at(rowNumber, index);
      const where = `ô ${address} (${indicator}, kỳ ${period})`;
      const cell = get(index);
      if (isBlank(cell)) {
        if (long) problems.add(address, `${where}: thiếu giá trị`);
        else if (!isBlank(qualifier))
          problems.add(address, `${where}: có ghi chú "${cellText(qualifier)}" nhưng không có số liệu`);
        continue;
      }
      const read = figureOf(cell);
      if ('problem' in read) {
        problems.add(address, `${where}: ${read.problem}`);
        continue;
      }
      figures.push({
        indicator,
        periodId: period,
        value: read.value,
        scope,
        breakdown,
        qualifier: isBlank(qualifier) ? null : cellText(qualifier),
        cell: address,
        codeCell,
      });
    }
  }
  return { figures, problems: problems.list };
}

function classify(cell: SheetCell): Column | null {
  if (isBlank(cell)) return { kind: 'blank' };
  const period = periodOf(cell);
  if (period) return { kind: 'period', periodId: period };
  if (typeof cell !== 'string') return null;
  const role = roleOf(cell);
  if (role) return { kind: 'role', role };
  const qualifierPeriod = qualifierPeriodOf(cell);
  return qualifierPeriod ? { kind: 'qualifier', periodId: qualifierPeriod } : null;
}

/**
 * The refusal of a file with problems: one line naming the first few (the message a CLI prints and the web
 * shows), every problem in the details.
 */
export function sheetRefused(fileName: string, problems: readonly SheetProblem[]): AppError {
  const shown = problems
    .slice(0, SHOWN_PROBLEMS)
    .map((p) => p.message)
    .join('; ');
  const more = problems.length > SHOWN_PROBLEMS ? `; và ${problems.length - SHOWN_PROBLEMS} lỗi khác` : '';
  const count = problems.length >= MAX_PROBLEMS ? `${MAX_PROBLEMS}+` : String(problems.length);
  return new AppError(
    'sheet.invalid',
    `Tệp "${fileName}" có ${count} lỗi, không số liệu nào được lưu: ${shown}${more}.`,
    400,
    { file: fileName, problems },
  );
}
