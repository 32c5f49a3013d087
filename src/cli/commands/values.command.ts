import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { getUnitByCode } from '../../db/unit.repository.js';
import { AppError } from '../../domain/errors.js';
import type { ValueScope } from '../../domain/report-document.js';
import { formatViNumber } from '../../domain/vietnamese/number.js';
import { getValues, setValues, type ValueInput } from '../../services/value.service.js';
import { exportValueSheet, importValueSheet } from '../../services/value-sheet.service.js';
import type { SheetFormat } from '../../sheets/value-sheet.js';
import { defaultOrganisationId, type GlobalOptions, withDatabase } from '../context.js';
import { printJson, printTable } from '../output.js';

const SCOPES = ['period', 'as_of_end', 'cumulative'];

/** "ioffice.docs_sent=20.601" → { indicator, value }; the value keeps its Vietnamese notation for the service to parse. */
function parseAssignment(text: string): ValueInput {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) {
    throw new AppError(
      'usage.assignment',
      `Giá trị phải có dạng MÃ_CHỈ_TIÊU=SỐ, ví dụ ioffice.docs_sent=20.601 (nhận được "${text}").`,
    );
  }
  return { indicator: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

function checkScope(scope: string | undefined): ValueScope | undefined {
  if (scope === undefined) return undefined;
  if (!SCOPES.includes(scope)) {
    throw new AppError(
      'usage.scope',
      `Phạm vi "${scope}" không hợp lệ; dùng period, as_of_end hoặc cumulative.`,
    );
  }
  return scope as ValueScope;
}

async function unitIdOf(db: Parameters<typeof getUnitByCode>[0], orgId: string, code: string | undefined) {
  if (!code) return null;
  const unit = await getUnitByCode(db, orgId, code);
  if (!unit)
    throw new AppError('unit.unknown', `Không tìm thấy đơn vị "${code}" trong tổ chức ${orgId}.`, 404);
  return unit.id;
}

/** --format, else the extension of --out, else XLSX. */
function sheetFormat(format: string | undefined, out: string): SheetFormat {
  const chosen = format ?? (extname(out).toLowerCase() === '.csv' ? 'csv' : 'xlsx');
  if (chosen !== 'xlsx' && chosen !== 'csv') {
    throw new AppError('usage.format', `Định dạng "${chosen}" không hỗ trợ; dùng xlsx hoặc csv.`);
  }
  return chosen;
}

function readSheetFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'file.unreadable',
      code === 'ENOENT' ? `Không tìm thấy tệp "${path}".` : `Không đọc được tệp "${path}" (${code}).`,
    );
  }
}

export function registerValuesCommand(program: Command, globals: () => GlobalOptions): void {
  const values = program
    .command('values')
    .description('Nhập và xem số liệu chỉ tiêu (enter and read indicator values)');

  values
    .command('set')
    .description(
      'Lưu số liệu của một kỳ, ví dụ: values set --period 2022-04 ioffice.docs_sent=20.601 ioffice.docs_signed=15.905',
    )
    .requiredOption('--period <id>', 'kỳ báo cáo: 2022-04, 2022-Q1, 2022-H1, 2022-9M, 2022')
    .option('--org <id>', 'mã tổ chức', defaultOrganisationId())
    .option('--unit <code>', 'mã đơn vị (phòng, trung tâm); bỏ trống = cả Sở')
    .option('--scope <scope>', 'period | as_of_end | cumulative')
    .option('--breakdown <label>', 'nhãn phân tách khi một chỉ tiêu có hai số trong kỳ')
    .option('--qualifier <word>', 'ước, hơn, khoảng …')
    .option('--reason <text>', 'lý do thay đổi (ghi vào nhật ký)')
    .argument('<assignments...>', 'MÃ_CHỈ_TIÊU=SỐ (số theo kiểu Việt Nam: 1.858 hoặc 30,73)')
    .action(async (assignments: string[], options) => {
      const scope = checkScope(options.scope);
      const inputs = assignments.map(parseAssignment).map((v) => ({
        ...v,
        ...(scope ? { scope } : {}),
        ...(options.breakdown ? { breakdown: options.breakdown } : {}),
        ...(options.qualifier ? { qualifier: options.qualifier } : {}),
      }));
      await withDatabase(globals(), async (db) => {
        const unitId = await unitIdOf(db, options.org, options.unit);
        const result = await setValues(db, process.env.USER ?? 'cli', {
          orgId: options.org,
          periodId: options.period,
          unitId,
          values: inputs,
          source: 'manual',
          reason: options.reason ?? null,
        });
        console.log(
          `Đã lưu ${inputs.length} số liệu kỳ ${options.period}: ${result.inserted} mới, ${result.updated} thay đổi, ${result.unchanged} không đổi.`,
        );
      });
    });

  values
    .command('get')
    .description('Xem số liệu đã lưu của một kỳ')
    .requiredOption('--period <id>', 'kỳ báo cáo')
    .option('--org <id>', 'mã tổ chức', defaultOrganisationId())
    .option('--indicator <codes>', 'lọc theo mã chỉ tiêu, phân cách bằng dấu phẩy')
    .option('--json', 'in mỗi số liệu thành một dòng JSON')
    .action(async (options) => {
      await withDatabase(globals(), async (db) => {
        const rows = await getValues(db, {
          orgId: options.org,
          periodIds: [options.period],
          ...(options.indicator
            ? {
                indicatorCodes: String(options.indicator)
                  .split(',')
                  .map((s) => s.trim()),
              }
            : {}),
        });
        if (options.json) {
          for (const r of rows) printJson(r);
          return;
        }
        if (rows.length === 0) {
          console.log(`Chưa có số liệu kỳ ${options.period}.`);
          return;
        }
        printTable(
          ['chỉ tiêu', 'phạm vi', 'phân tách', 'giá trị', 'nguồn'],
          rows.map((r) => [
            r.indicatorCode,
            r.scope,
            r.breakdown,
            `${r.qualifier ? `${r.qualifier} ` : ''}${formatViNumber(r.value)}`,
            r.source,
          ]),
        );
      });
    });

  values
    .command('export')
    .description(
      'Xuất số liệu các kỳ ra bảng tính, mỗi chỉ tiêu một dòng, mỗi kỳ một cột, ví dụ: values export --from 2022-01 --to 2022-12 --out so-lieu-2022.xlsx',
    )
    .requiredOption('--from <id>', 'kỳ đầu: 2022-01, 2022-Q1, 2022-H1, 2022-9M, 2022')
    .option('--to <id>', 'kỳ cuối, cùng loại với kỳ đầu (mặc định: chỉ kỳ đầu)')
    .option('--format <format>', 'xlsx | csv (mặc định: theo đuôi tệp --out, không rõ thì xlsx)')
    .requiredOption('--out <file>', 'tệp ghi ra ("-" = in ra màn hình)')
    .option('--org <id>', 'mã tổ chức', defaultOrganisationId())
    .action(async (options) => {
      const format = sheetFormat(options.format, options.out);
      await withDatabase(globals(), async (db) => {
        const file = await exportValueSheet(db, null, {
          orgId: options.org,
          from: options.from,
          ...(options.to ? { to: options.to } : {}),
          format,
        });
        if (options.out === '-') {
          process.stdout.write(file.body);
          return;
        }
        writeFileSync(options.out, file.body);
        console.log(`Đã ghi ${options.out} (${file.fileName.replace(/\.\w+$/, '')}).`);
      });
    });

  values
    .command('import')
    .description(
      'Nhập số liệu từ bảng tính .xlsx hoặc .csv cùng mẫu với tệp xuất (hoặc dạng dọc: chỉ tiêu, kỳ, giá trị); cả tệp lưu trong một giao dịch, một ô sai thì không lưu gì',
    )
    .argument('<file>', 'tệp .xlsx hoặc .csv (UTF-8; số viết kiểu Việt Nam: 1.858 hoặc 30,73)')
    .option('--dry-run', 'chỉ kiểm tra (cả khóa kỳ), không lưu')
    .option('--reason <text>', 'lý do thay đổi (ghi vào nhật ký)')
    .option('--org <id>', 'mã tổ chức', defaultOrganisationId())
    .action(async (path: string, options) => {
      const bytes = readSheetFile(path);
      await withDatabase(globals(), async (db) => {
        const result = await importValueSheet(db, {
          orgId: options.org,
          file: { name: basename(path), bytes },
          auth: null,
          actor: process.env.USER ?? 'cli',
          dryRun: options.dryRun === true,
          reason: options.reason ?? null,
        });
        for (const period of result.periods) {
          const findings = period.findings.length
            ? `; ${period.findings.length} kết quả kiểm tra (xem: baocao validate --period ${period.periodId})`
            : '';
          console.log(
            `kỳ ${period.periodId}: ${period.inserted} mới, ${period.updated} thay đổi, ${period.unchanged} không đổi${findings}`,
          );
        }
        const counts = `${result.inserted} mới, ${result.updated} thay đổi, ${result.unchanged} không đổi`;
        console.log(
          result.dryRun
            ? `Kiểm tra xong ${result.file}: ${result.figures} số liệu hợp lệ (${counts}); chưa lưu gì vì có --dry-run.`
            : `Đã nhập ${result.figures} số liệu từ ${result.file}: ${counts}.`,
        );
      });
    });
}
