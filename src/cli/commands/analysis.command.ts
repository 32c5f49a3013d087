import type { Command } from 'commander';
import { parsePeriod, periodLabelVi } from '../../domain/period.js';
import { formatViNumber } from '../../domain/vietnamese/number.js';
import { aggregatePeriod, validatePeriod } from '../../services/period-analysis.service.js';
import { defaultOrganisationId, type GlobalOptions, withDatabase } from '../context.js';
import { printJson, printTable } from '../output.js';

const METHOD_VI = { stored: 'số của kỳ', sum: 'cộng các tháng', last: 'số cuối kỳ', ratio: 'tính lại tỷ lệ' };

export function registerAnalysisCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('validate')
    .description('Kiểm tra số liệu một kỳ: tổng các phần, tỷ lệ, tính liên tục, giới hạn, chỉ tiêu bắt buộc')
    .requiredOption('--period <id>', 'kỳ báo cáo: 2022-04, 2022-Q1, 2022-H1, 2022-9M, 2022')
    .option('--org <id>', 'mã tổ chức', defaultOrganisationId())
    .option('--json', 'in mỗi phát hiện thành một dòng JSON')
    .action(async (options) => {
      const label = periodLabelVi(parsePeriod(options.period));
      await withDatabase(globals(), async (db) => {
        const findings = await validatePeriod(db, options.org, options.period);
        if (options.json) {
          for (const f of findings) printJson(f);
          return;
        }
        if (findings.length === 0) {
          console.log(`Số liệu ${label}: không phát hiện sai lệch.`);
          return;
        }
        console.log(`Số liệu ${label}: ${findings.length} phát hiện.`);
        for (const f of findings)
          console.log(`- [${f.severity === 'error' ? 'lỗi' : 'cảnh báo'}] ${f.message} (${f.rule})`);
      });
    });

  program
    .command('aggregate')
    .description(
      'Tổng hợp số liệu cho một kỳ từ số liệu các tháng (luồng cộng dồn, số dư lấy cuối kỳ, tỷ lệ tính lại)',
    )
    .requiredOption('--period <id>', 'kỳ báo cáo: 2022-Q1, 2022-H1, 2022-9M, 2022 …')
    .option('--org <id>', 'mã tổ chức', defaultOrganisationId())
    .option('--indicator <codes>', 'lọc theo mã chỉ tiêu, phân cách bằng dấu phẩy')
    .option('--json', 'in mỗi giá trị thành một dòng JSON')
    .action(async (options) => {
      const wanted = options.indicator
        ? new Set(
            String(options.indicator)
              .split(',')
              .map((s) => s.trim()),
          )
        : null;
      await withDatabase(globals(), async (db) => {
        const rows = (await aggregatePeriod(db, options.org, options.period)).filter(
          (r) => !wanted || wanted.has(r.indicator),
        );
        if (options.json) {
          for (const r of rows) printJson(r);
          return;
        }
        if (rows.length === 0) {
          console.log(`Không có số liệu cho ${periodLabelVi(parsePeriod(options.period))}.`);
          return;
        }
        printTable(
          ['chỉ tiêu', 'phạm vi', 'giá trị', 'cách tính', 'số tháng'],
          rows.map((r) => [
            r.indicator + (r.breakdown ? ` [${r.breakdown}]` : ''),
            r.scope,
            r.value === null ? '—' : formatViNumber(r.value),
            METHOD_VI[r.method],
            `${r.monthsPresent}/${r.monthsExpected}${r.complete ? '' : ' (thiếu)'}`,
          ]),
        );
      });
    });
}
