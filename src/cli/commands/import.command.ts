import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { parsePeriod, periodLabelVi } from '../../domain/period.js';
import { failedImportJson } from '../../extract/index.js';
import { type ImportFileResult, importFile } from '../../services/import.service.js';
import { defaultOrganisationId, type GlobalOptions, withDatabase } from '../context.js';
import { EXIT_FAILURE, printJson } from '../output.js';

const IMPORTABLE = new Set(['.txt', '.md', '.docx', '.pdf']);

/**
 * The files to import: files as given (a missing one is kept, to fail on its own like any bad file),
 * folders walked for the types the importer reads.
 */
function collectFiles(paths: string[]): string[] {
  return paths.flatMap((path) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats?.isDirectory()) return [path];
    return readdirSync(path)
      .sort()
      .flatMap((name) => {
        const child = join(path, name);
        return statSync(child).isDirectory()
          ? collectFiles([child])
          : IMPORTABLE.has(extname(name).toLowerCase())
            ? [child]
            : [];
      });
  });
}

function readIfExists(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

const STATUS_VI: Record<ImportFileResult['status'], string> = {
  stored: 'đã lưu',
  pending_review: 'đã lưu, có số liệu chờ duyệt',
  dry_run: 'chạy thử, không lưu',
  duplicate: 'đã nhập trước đây, không thay đổi',
  failed: 'lỗi',
};

function summaryLines(result: ImportFileResult): string[] {
  if (!result.ok) return [`✗ ${result.file}: ${result.error?.message ?? 'lỗi không rõ'}`];
  const meta = result.extraction?.document.meta;
  const period = meta ? periodLabelVi(parsePeriod(meta.periodId)) : '?';
  const values = result.values;
  const lines = [
    `✓ ${result.file}: ${STATUS_VI[result.status]} — báo cáo ${period}${meta?.number ? `, số ${meta.number}` : ''}`,
    `  ${result.json.values.length} số liệu (${values.inserted} mới, ${values.updated} thay đổi, ${values.unchanged} không đổi), ` +
      `${result.items} nội dung, ${result.sections} mục, ${result.citations} văn bản dẫn chiếu, ${result.findings.length} phát hiện`,
  ];
  for (const f of result.findings) lines.push(`  ! ${f.message}`);
  for (const c of result.conflicts) {
    lines.push(
      `  ≠ ${c.indicator} (${c.periodId}): giữ số nhập tay ${c.manual}, bỏ qua số trong tệp ${c.imported}`,
    );
  }
  if (result.pendingReview.length > 0)
    lines.push(`  ? ${result.pendingReview.length} số liệu độ tin cậy thấp chờ duyệt`);
  for (const w of result.warnings) lines.push(`  ~ ${w}`);
  return lines;
}

/** A period given on the command line: a wrong one is a usage mistake (exit 2), checked before any file. */
function statedPeriod(id: string): void {
  try {
    parsePeriod(id);
  } catch (error) {
    throw new AppError('usage.period', error instanceof Error ? error.message : String(error));
  }
}

export function registerImportCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import')
    .description('Nhập báo cáo cũ (.txt, .md, .docx, .pdf): số liệu, nội dung, văn bản dẫn chiếu')
    .option('--org <id>', 'mã tổ chức', defaultOrganisationId())
    .option('--dry-run', 'chỉ đọc và kiểm tra, không lưu')
    .option('--json', 'in kết quả mỗi tệp thành một dòng JSON (cho script và hệ thống khác)')
    .option(
      '--period <id>',
      'kỳ báo cáo của các tệp khi văn bản không ghi rõ hoặc ghi sai (2022-04, 2022-Q1, 2022-H1, 2022-9M, 2022)',
    )
    .argument('<paths...>', 'tệp hoặc thư mục')
    .action(async (paths: string[], options) => {
      if (options.period !== undefined) statedPeriod(options.period);
      const files = collectFiles(paths);
      if (files.length === 0)
        throw new AppError('usage.no_files', 'Không có tệp .txt, .md, .docx hoặc .pdf nào để nhập.');
      const showBar = !options.json && process.stderr.isTTY && files.length > 1;
      const bar = new SingleBar({
        format: 'Nhập {bar} {value}/{total} {file}',
        hideCursor: true,
        stream: process.stderr,
      });
      if (showBar) bar.start(files.length, 0, { file: '' });
      let failures = 0;
      await withDatabase(globals(), async (db) => {
        for (const file of files) {
          if (showBar) bar.update({ file: basename(file) });
          if (showBar) bar.increment();
          const bytes = readIfExists(file);
          if (!bytes) {
            failures++;
            const message = `Không tìm thấy tệp "${file}".`;
            if (options.json) printJson(failedImportJson(file, message));
            else console.log(`✗ ${file}: ${message}`);
            continue;
          }
          const result = await importFile(db, {
            orgId: options.org,
            name: basename(file),
            bytes,
            actor: process.env.USER ?? 'cli',
            dryRun: Boolean(options.dryRun),
            periodId: options.period,
          });
          if (!result.ok) failures++;
          if (options.json) printJson({ ...result.json, file });
          else {
            if (showBar) process.stderr.write('\n');
            for (const line of summaryLines(result)) console.log(line);
          }
        }
      });
      if (showBar) bar.stop();
      if (!options.json) console.log(`Xong: ${files.length - failures}/${files.length} tệp nhập được.`);
      if (failures > 0) process.exitCode = EXIT_FAILURE;
    });
}
