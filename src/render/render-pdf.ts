import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { AppError } from '../domain/errors.js';
import type { ReportDocument } from '../domain/report-document.js';
import type { RenderOptions } from './layout.js';
import { renderDocx } from './render-docx.js';

const run = promisify(execFile);

/** LibreOffice's command; `BAOCAO_SOFFICE` names another (a path or a wrapper). */
function sofficeCommand(): string {
  return process.env.BAOCAO_SOFFICE || 'soffice';
}

const CONVERSION_TIMEOUT_MS = 120_000;

/**
 * The official report as PDF: the DOCX baocao writes, converted by LibreOffice (headless), so that the
 * PDF is the same document a clerk would print from Word. Each conversion has its own LibreOffice
 * profile, so that conversions running at once do not wait for one another's lock.
 */
export async function renderPdf(document: ReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  const docx = await renderDocx(document, options);
  const dir = await mkdtemp(join(tmpdir(), 'baocao-pdf-'));
  try {
    const input = join(dir, 'bao-cao.docx');
    await writeFile(input, docx);
    try {
      await run(
        sofficeCommand(),
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        { timeout: CONVERSION_TIMEOUT_MS },
      );
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new AppError(
        'render.pdf_unavailable',
        missing
          ? 'Xuất PDF cần LibreOffice (lệnh soffice) trên máy chủ; hãy cài LibreOffice Writer hoặc tải bản DOCX.'
          : 'LibreOffice không chuyển được báo cáo sang PDF; hãy tải bản DOCX.',
        503,
      );
    }
    const pdf = await readFile(join(dir, 'bao-cao.pdf')).catch(() => null);
    if (pdf?.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new AppError(
        'render.pdf_unavailable',
        'LibreOffice không tạo được tệp PDF của báo cáo; hãy tải bản DOCX.',
        503,
      );
    }
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
