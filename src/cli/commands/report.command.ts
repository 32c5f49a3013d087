import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { buildReport, renderDocx, renderHtml, renderMarkdown, renderPdf } from '../../render/index.js';
import { defaultOrganisationId, type GlobalOptions, withDatabase } from '../context.js';

const FORMATS = ['docx', 'pdf', 'html', 'md'] as const;
type Format = (typeof FORMATS)[number];

export function registerReportCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('report')
    .description(
      'Xuất báo cáo công tác của một kỳ theo thể thức Nghị định 30/2020/NĐ-CP (DOCX, PDF, HTML, Markdown)',
    )
    .requiredOption('--period <id>', 'kỳ báo cáo: 2022-04, 2022-Q1, 2022-H1, 2021-9M, 2017')
    .option('--org <id>', 'mã tổ chức', defaultOrganisationId())
    .option('--format <format>', 'docx | pdf | html | md (PDF cần LibreOffice)', 'docx')
    .option('--out <file>', 'tệp kết quả (mặc định: bao-cao-<kỳ>.<định dạng>; "-" = in ra màn hình)')
    .action(async (options) => {
      const format = String(options.format) as Format;
      if (!FORMATS.includes(format)) {
        throw new AppError(
          'usage.format',
          `Định dạng "${options.format}" không hỗ trợ; dùng docx, pdf, html hoặc md.`,
        );
      }
      await withDatabase(globals(), async (db) => {
        const built = await buildReport(db, { orgId: options.org, periodId: options.period });
        const renderOptions = { symbol: built.symbol };
        const content =
          format === 'docx'
            ? await renderDocx(built.document, renderOptions)
            : format === 'pdf'
              ? await renderPdf(built.document, renderOptions)
              : format === 'html'
                ? renderHtml(built.document, renderOptions)
                : renderMarkdown(built.document, renderOptions);
        const out = options.out ?? `bao-cao-${built.document.meta.periodId}.${format}`;
        if (out === '-') process.stdout.write(content);
        else writeFileSync(out, content);
        if (out !== '-') console.log(`Đã ghi ${out}.`);
        if (built.findings.length > 0) {
          console.error(`${built.findings.length} số liệu còn thiếu (đánh dấu trong bản nháp):`);
          for (const f of built.findings.slice(0, 20)) console.error(`- ${f.message}`);
        }
      });
    });
}
