import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { setReportStatus } from '../src/db/report.repository.js';
import { testEngines, useTestDatabase } from '../src/db/testing.js';
import { getValues } from '../src/db/value.repository.js';
import { defaultCatalogue } from '../src/domain/default-catalogue.js';
import { isAppError } from '../src/domain/errors.js';
import type { ReportDocument } from '../src/domain/report-document.js';
import { buildReport, renderDocx, renderHtml, renderMarkdown, renderPdf } from '../src/render/index.js';
import { seedDemo } from '../src/services/seed.service.js';
import { missingTools, skipWithoutTools } from './external-tools.js';

const ORG = 'stttt-travinh';

interface DocxParagraph {
  text: string;
  xml: string;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function paragraphsOf(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    xml: m[0],
    text: decode([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  }));
}

function paragraph(paragraphs: DocxParagraph[], text: string): DocxParagraph {
  const found = paragraphs.find((p) => p.text === text);
  assert.ok(found, `no paragraph "${text}"`);
  return found;
}

const isBold = (p: DocxParagraph) => /<w:b\/>/.test(p.xml);
const isItalic = (p: DocxParagraph) => /<w:i\/>/.test(p.xml);
const sizesOf = (p: DocxParagraph) => [...p.xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
const alignment = (p: DocxParagraph) => /<w:jc w:val="(\w+)"\/>/.exec(p.xml)?.[1];
const attr = (xml: string, name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(xml)?.[1]);

function twipsToMm(twips: number): number {
  return (twips / 1440) * 25.4;
}

// The LibreOffice checks need LibreOffice and poppler; without them a developer's machine skips them, in CI they fail.
const PDF_TOOLS = ['soffice', 'pdftotext', 'pdfinfo'];
const missingPdfTools = missingTools(PDF_TOOLS);
const skipPdf = skipWithoutTools(PDF_TOOLS, 'apt install libreoffice-writer poppler-utils');

for (const engine of testEngines()) {
  describe(`the April 2022 report as DOCX (${engine})`, () => {
    const handle = useTestDatabase(engine);
    let built: Awaited<ReturnType<typeof buildReport>>;
    let docx: Buffer;
    let documentXml: string;
    let paragraphs: DocxParagraph[];

    before(async () => {
      await seedDemo(handle.db);
      built = await buildReport(handle.db, { orgId: ORG, periodId: '2022-04' });
      docx = await renderDocx(built.document, { symbol: built.symbol });
      const zip = await JSZip.loadAsync(docx);
      documentXml = await zip.file('word/document.xml')!.async('string');
      paragraphs = paragraphsOf(documentXml);
    });

    test('A4 page with Decree 30 margins', () => {
      const pgSz = /<w:pgSz [^>]*\/>/.exec(documentXml)?.[0] ?? '';
      assert.equal(attr(pgSz, 'w'), 11906);
      assert.equal(attr(pgSz, 'h'), 16838);
      const pgMar = /<w:pgMar [^>]*\/>/.exec(documentXml)?.[0] ?? '';
      const inRange = (name: string, low: number, high: number) => {
        const mm = twipsToMm(attr(pgMar, name));
        assert.ok(
          mm >= low - 0.1 && mm <= high + 0.1,
          `${name} margin ${mm.toFixed(1)} mm not in ${low}–${high}`,
        );
      };
      inRange('top', 20, 25);
      inRange('bottom', 20, 25);
      inRange('left', 30, 35);
      inRange('right', 15, 20);
    });

    test('Times New Roman everywhere, body 14 pt justified with a first-line indent', async () => {
      const fonts = new Set([...documentXml.matchAll(/<w:rFonts w:ascii="([^"]+)"/g)].map((m) => m[1]));
      assert.deepEqual([...fonts], ['Times New Roman']);
      const zip = await JSZip.loadAsync(docx);
      const styles = await zip.file('word/styles.xml')!.async('string');
      assert.match(styles, /<w:docDefaults>[\s\S]*Times New Roman[\s\S]*<\/w:docDefaults>/);
      const intro = paragraphs.find((p) => p.text.startsWith('Trong tháng 4 năm 2022, Ban Giám đốc Sở'));
      assert.ok(intro);
      assert.deepEqual(new Set(sizesOf(intro)), new Set([28]));
      assert.equal(alignment(intro), 'both');
      const indent = attr(/<w:ind [^>]*\/>/.exec(intro.xml)?.[0] ?? '', 'firstLine');
      assert.ok(indent >= 567 && indent <= 720, `first-line indent ${indent}`);
      const heading = paragraph(paragraphs, 'I. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC');
      assert.ok(isBold(heading));
      const body = paragraphs.filter((p) => p.text.startsWith('- ') && !p.text.startsWith('- Lưu'));
      assert.ok(body.length > 10);
      for (const p of body.filter(
        (q) =>
          !/Bộ TT&TT|VP |BGĐ|Trang TTĐT|Các Phòng|Sở Kế hoạch|Ban Tuyên giáo|Cục|Đại diện|Văn phòng Sở|P\.VHTT/.test(
            q.text,
          ),
      )) {
        assert.ok(
          sizesOf(p).every((s) => s === 26 || s === 28),
          `${p.text}: ${sizesOf(p)}`,
        );
      }
    });

    test('Decree 30 spacing: body paragraphs at least 6 pt apart, 1,15–1,2 lines', () => {
      // Body: the justified paragraphs outside the two tables (intro, headings, items, closing).
      const outsideTables = paragraphsOf(documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''));
      const body = outsideTables.filter((p) => alignment(p) === 'both');
      assert.ok(body.length > 20, `${body.length} body paragraphs`);
      const spacingOf = (p: DocxParagraph) => {
        const xml = /<w:spacing [^>]*\/>/.exec(p.xml)?.[0] ?? '';
        const number = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(xml)?.[1] ?? 0);
        return {
          before: number('before'),
          after: number('after'),
          line: number('line'),
          rule: /w:lineRule="(\w+)"/.exec(xml)?.[1],
        };
      };
      for (const p of body) {
        const { before, after, line, rule } = spacingOf(p);
        // 6 pt = 120 twips on one side, so no editor's collapsing of adjacent spacing brings it under 6 pt.
        assert.ok(Math.max(before, after) >= 120, `${p.text.slice(0, 40)}: before ${before}, after ${after}`);
        assert.equal(rule, 'auto', p.text.slice(0, 40));
        // 240ths of a line: 1,15 = 276, 1,2 = 288.
        assert.ok(line >= 276 && line <= 288, `${p.text.slice(0, 40)}: line ${line}`);
      }
      for (let i = 1; i < body.length; i++) {
        const gap = spacingOf(body[i - 1]!).after + spacingOf(body[i]!).before;
        assert.ok(gap >= 120, `${body[i]!.text.slice(0, 40)}: ${gap} twips from the previous paragraph`);
      }
    });

    test('the two header blocks side by side in a borderless table, the number level with the date', () => {
      const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(documentXml)?.[0] ?? '';
      assert.ok(
        documentXml.indexOf('<w:tbl>') < documentXml.indexOf('BÁO CÁO'),
        'the header table comes first',
      );
      assert.match(table, /<w:tblBorders><w:top w:val="none"/);
      const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((row) =>
        [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => paragraphsOf(m[0])),
      );
      assert.deepEqual(
        rows.map((r) => r.length),
        [2, 2],
      );
      const [[left, right], [number, date]] = rows as [
        [DocxParagraph[], DocxParagraph[]],
        [DocxParagraph[], DocxParagraph[]],
      ];
      assert.deepEqual(left.map((p) => p.text).filter(Boolean), [
        'UBND TỈNH TRÀ VINH',
        'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      ]);
      // Decree 30's model: "Số: …" and the place and date on one line, each centred in its column.
      assert.deepEqual(
        number.map((p) => p.text),
        ['Số:        /BC-STTTT'],
      );
      assert.deepEqual(
        date.map((p) => p.text),
        ['Trà Vinh, ngày      tháng      năm 2022'],
      );
      assert.equal(alignment(number[0]!), 'center');
      assert.equal(alignment(date[0]!), 'center');
      assert.ok(isItalic(date[0]!));
      assert.ok(isBold(paragraph(left, 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG')));
      assert.ok(!isBold(paragraph(left, 'UBND TỈNH TRÀ VINH')));
      // The short rules are paragraphs with a top border under the agency and under the motto.
      const rule = (cell: DocxParagraph[]) => {
        const ruled = cell.filter((p) => /<w:pBdr><w:top w:val="single"/.test(p.xml));
        assert.equal(ruled.length, 1);
        return ruled[0]!;
      };
      const cellWidths = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      const ruleWidth = (p: DocxParagraph, cellWidth: number) => {
        const ind = /<w:ind [^>]*\/>/.exec(p.xml)?.[0] ?? '';
        return cellWidth - attr(ind, 'left') - attr(ind, 'right');
      };
      // The motto "Độc lập - Tự do - Hạnh phúc" in Times New Roman 14 pt bold is about 6,1 cm = 3.440 twips;
      // the agency's rule is a third to a half of "SỞ THÔNG TIN VÀ" (about 2.800 twips).
      const mottoRule = ruleWidth(rule(right), cellWidths[1]!);
      assert.ok(mottoRule >= 3300 && mottoRule <= 3600, `motto rule ${mottoRule}`);
      const agencyRule = ruleWidth(rule(left), cellWidths[0]!);
      assert.ok(agencyRule >= 930 && agencyRule <= 1400, `agency rule ${agencyRule}`);
      const national = paragraph(right, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      assert.ok(isBold(national));
      assert.ok(sizesOf(national).every((s) => s === 24 || s === 26));
      const motto = paragraph(right, 'Độc lập - Tự do - Hạnh phúc');
      assert.ok(isBold(motto) && sizesOf(motto).every((s) => s === 26 || s === 28));
    });

    test('the title centred bold with its sub-title', () => {
      const title = paragraph(paragraphs, 'BÁO CÁO');
      assert.ok(isBold(title));
      assert.equal(alignment(title), 'center');
      const subtitle = paragraph(
        paragraphs,
        'Kết quả công tác thông tin và truyền thông tháng 4 năm 2022 và kế hoạch công tác tháng 5 năm 2022',
      );
      assert.ok(isBold(subtitle));
      assert.equal(alignment(subtitle), 'center');
    });

    test('"Nơi nhận" beside the signature block', () => {
      const tables = [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
      assert.equal(tables.length, 2);
      const cells = [...tables[1]!.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => paragraphsOf(m[0]));
      const [recipients, signature] = cells as [DocxParagraph[], DocxParagraph[]];
      const heading = paragraph(recipients, 'Nơi nhận:');
      assert.ok(isBold(heading) && isItalic(heading));
      assert.deepEqual(sizesOf(heading), [24]);
      const list = recipients.slice(1);
      assert.equal(list[0]?.text, '- Bộ TT&TT (b/c);');
      assert.equal(list.at(-1)?.text, '- Lưu: VT.');
      for (const line of list) assert.deepEqual(sizesOf(line), [22], line.text);
      const lines = signature.map((p) => p.text);
      assert.deepEqual(lines.filter(Boolean), ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn Chuẩn']);
      // Room for the signature: empty lines between the position and the name.
      assert.ok(lines.indexOf('Nguyễn Văn Chuẩn') - lines.indexOf('PHÓ GIÁM ĐỐC') >= 4);
      for (const p of signature.filter((q) => q.text)) {
        assert.ok(isBold(p), p.text);
        assert.equal(alignment(p), 'center');
      }
    });

    test('page numbers in the header from page 2', async () => {
      assert.match(documentXml, /<w:titlePg\/>/);
      const zip = await JSZip.loadAsync(docx);
      const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
      const defaultId = /<w:headerReference w:type="default" r:id="(\w+)"/.exec(documentXml)?.[1];
      const firstId = /<w:headerReference w:type="first" r:id="(\w+)"/.exec(documentXml)?.[1];
      const target = (id: string | undefined) =>
        new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      const defaultHeader = await zip.file(`word/${target(defaultId)}`)!.async('string');
      const firstHeader = await zip.file(`word/${target(firstId)}`)!.async('string');
      assert.match(defaultHeader, /PAGE/);
      assert.match(defaultHeader, /<w:jc w:val="center"\/>/);
      assert.doesNotMatch(firstHeader, /PAGE/);
    });

    test('figures in the text equal the stored values; stated ratios equal the computed ones', async () => {
      const { value: text } = await mammoth.extractRawText({ buffer: docx });
      // The demo's figures in house wording, or in the imported report's own sentences stating them.
      assert.match(text, /cấp mới 13 chứng thư số/);
      assert.match(
        text,
        /nâng tổng số 2\.392 chứng thư số \(474 chứng thư số tổ chức; 1\.918 chứng thư số cá nhân\)/,
      );
      const stored = await getValues(handle.db, { orgId: ORG, periodIds: ['2022-04'] });
      const catalogue = defaultCatalogue();
      const storedValue = (code: string, scope: string) =>
        stored.find((v) => v.indicatorCode === code && v.scope === scope && v.breakdown === '')?.value;
      assert.ok(built.document.values.length >= 40);
      for (const value of built.document.values) {
        // Imported sentences may write a figure without thousands dots or a leading zero ("7792", "4").
        const forms = [
          value.text,
          value.text.replace(/\.(?=\d{3})/g, ''),
          value.text.replace(/^0(?=\d$)/, ''),
        ];
        assert.ok(
          forms.some((form) => text.includes(form)),
          `"${value.text}" is in the text`,
        );
        const formula = catalogue.get(value.indicator)?.formula;
        if (formula) {
          const numerator =
            storedValue(formula.numerator, value.scope) ?? storedValue(formula.numerator, 'as_of_end');
          const denominator =
            storedValue(formula.denominator, value.scope) ?? storedValue(formula.denominator, 'as_of_end');
          if (numerator !== undefined && denominator !== undefined) {
            assert.equal(
              value.value.toFixed(2),
              ((numerator / denominator) * formula.multiplier).toFixed(2),
              value.indicator,
            );
            continue;
          }
        }
        assert.equal(
          value.value,
          storedValue(value.indicator, value.scope),
          `${value.indicator}@${value.scope}`,
        );
      }
      // 15.905 of 20.601 documents signed: 77,2049…% → 77,20%.
      assert.match(text, /trong đó có 15\.905 văn bản được ký số \(tỷ lệ 77,20%\)/);
    });

    test('HTML and Markdown say the same, escaped', () => {
      const html = renderHtml(built.document, { symbol: built.symbol });
      const markdown = renderMarkdown(built.document, { symbol: built.symbol });
      for (const phrase of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'nâng tổng số 2.392 chứng thư số',
        'PHÓ GIÁM ĐỐC',
      ]) {
        assert.ok(html.includes(phrase), phrase);
        assert.ok(markdown.includes(phrase), phrase);
      }
      assert.ok(html.includes('Bộ TT&amp;TT (b/c)'));
      const hostile: ReportDocument = {
        ...built.document,
        intro: '<script>alert(1)</script> [thiếu số liệu: X]',
      };
      const unsafe = renderHtml(hostile);
      assert.ok(!unsafe.includes('<script>'));
      assert.ok(unsafe.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(unsafe.includes('<mark class="missing">[thiếu số liệu: X]</mark>'));
    });

    test('a draft DOCX marks its missing figures; approved and locked ones carry no marker', async () => {
      const marker = '[thiếu số liệu: ';
      assert.equal(built.draft, true);
      const { value: draftText } = await mammoth.extractRawText({ buffer: docx });
      // The demo's April 2022 data has no count of publishing licences (the seed states none).
      assert.ok(draftText.includes(`${marker}Số giấy phép xuất bản tài liệu không kinh doanh được cấp]`));
      assert.match(documentXml, /<w:highlight w:val="yellow"\/>/);
      assert.ok(built.reportId !== null);
      try {
        for (const status of ['approved', 'locked'] as const) {
          await setReportStatus(handle.db, ORG, built.reportId, status);
          const final = await buildReport(handle.db, { orgId: ORG, periodId: '2022-04' });
          assert.equal(final.draft, false, status);
          const bytes = await renderDocx(final.document, { symbol: final.symbol });
          const { value: text } = await mammoth.extractRawText({ buffer: bytes });
          assert.ok(
            !text.includes('thiếu số liệu'),
            `${status}: ${text.slice(text.indexOf('thiếu số liệu') - 80)}`,
          );
          const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
          assert.doesNotMatch(xml, /thiếu số liệu|<w:highlight /, status);
          assert.ok(!renderHtml(final.document).includes('thiếu số liệu'), status);
          assert.ok(!renderMarkdown(final.document).includes('thiếu số liệu'), status);
          // The figures that are there are still stated.
          assert.match(text, /nâng tổng số 2\.392 chứng thư số/);
        }
      } finally {
        await setReportStatus(handle.db, ORG, built.reportId, 'draft');
      }
    });

    test('LibreOffice converts it to PDF with the header, title and first section on page 1', {
      skip: skipPdf,
    }, () => {
      assert.deepEqual(missingPdfTools, [], `CI must have ${PDF_TOOLS.join(', ')} (.ci/run installs them)`);
      const dir = mkdtempSync(join(tmpdir(), 'baocao-render-'));
      try {
        writeFileSync(join(dir, 'report.docx'), docx);
        execFileSync(
          'soffice',
          ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')],
          {
            stdio: 'ignore',
            timeout: 120_000,
          },
        );
        execFileSync('pdftotext', [
          '-f',
          '1',
          '-l',
          '1',
          '-layout',
          join(dir, 'report.pdf'),
          join(dir, 'page1.txt'),
        ]);
        const page1 = readFileSync(join(dir, 'page1.txt'), 'utf8');
        // Side by side: the authority and the national title share the first line.
        assert.match(
          page1.split('\n').find((l) => l.trim()) ?? '',
          /UBND TỈNH TRÀ VINH\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/,
        );
        for (const phrase of ['BÁO CÁO', 'I. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC', 'Độc lập - Tự do - Hạnh phúc']) {
          assert.ok(page1.includes(phrase), phrase);
        }
        const info = execFileSync('pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' });
        assert.match(info, /Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('renderPdf gives the report as a PDF whose text states the header, title and figures', {
      skip: skipPdf,
    }, async () => {
      assert.deepEqual(missingPdfTools, [], `CI must have ${PDF_TOOLS.join(', ')} (.ci/run installs them)`);
      const pdf = await renderPdf(built.document, { symbol: built.symbol });
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const dir = mkdtempSync(join(tmpdir(), 'baocao-pdf-test-'));
      try {
        writeFileSync(join(dir, 'report.pdf'), pdf);
        const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], {
          encoding: 'utf8',
        });
        for (const phrase of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'Trà Vinh', '2.392']) {
          assert.ok(text.includes(phrase), phrase);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('without LibreOffice a PDF is refused with a message saying what is missing', async () => {
      const previous = process.env.BAOCAO_SOFFICE;
      process.env.BAOCAO_SOFFICE = join(tmpdir(), 'khong-co-soffice');
      try {
        await assert.rejects(renderPdf(built.document, { symbol: built.symbol }), (error: unknown) => {
          assert.ok(isAppError(error));
          assert.equal(error.code, 'render.pdf_unavailable');
          assert.equal(error.status, 503);
          assert.match(error.message, /LibreOffice/);
          return true;
        });
      } finally {
        if (previous === undefined) delete process.env.BAOCAO_SOFFICE;
        else process.env.BAOCAO_SOFFICE = previous;
      }
    });
  });
}
