import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { isAppError } from '../domain/errors.js';
import { decodeText, decodeVni } from './legacy-encoding.js';
import { MAX_FILE_BYTES, readFile } from './read.js';
import {
  encodeTcvn3,
  encodeVni,
  legacySafe,
  makeDocx,
  makeScannedPdf,
  makeTextPdf,
  zipClaiming,
} from './tools/sample-files.js';

const seed004 = readFileSync(
  resolve(import.meta.dirname, '../../fixtures/seeds/004_e05fcdfcee13791a.txt'),
  'utf8',
);

async function refusal(bytes: Uint8Array, name: string): Promise<{ code: string; message: string }> {
  try {
    await readFile(bytes, name);
  } catch (error) {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    return { code: error.code, message: error.message };
  }
  assert.fail(`${name} was read without error`);
}

describe('text files', () => {
  test('UTF-8 with and without BOM', async () => {
    const plain = await readFile(Buffer.from('Số liệu: 1.858 dịch vụ', 'utf8'), 'a.txt');
    assert.equal(plain.text, 'Số liệu: 1.858 dịch vụ');
    const bom = await readFile(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Trà Vinh')]),
      'a.md',
    );
    assert.equal(bom.text, 'Trà Vinh');
    assert.equal(bom.mediaType, 'text/markdown');
  });

  test('UTF-16 with BOM, both byte orders', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nơi nhận', 'utf16le')]);
    assert.equal((await readFile(le, 'a.txt')).text, 'Nơi nhận');
    const be = Buffer.from(
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Nơi nhận', 'utf16le').swap16()]),
    );
    assert.equal((await readFile(be, 'a.txt')).text, 'Nơi nhận');
  });

  test('TCVN3 (ABC) bytes are detected and decoded to NFC Unicode', async () => {
    // "Sở của" in TCVN3: "ở" is byte 0xEB, "ủ" is 0xF1.
    assert.equal(decodeText(Uint8Array.of(0x53, 0xeb, 0x20, 0x63, 0xf1, 0x61)).text, 'Sở của');
    const read = await readFile(encodeTcvn3(seed004), 'cu.txt');
    assert.equal(read.encoding, 'tcvn3');
    assert.equal(read.text, legacySafe(seed004));
  });

  test('VNI Windows bytes are detected and decoded', async () => {
    // "Việt" in VNI: V, i, e + ä (circumflex and dot below), t.
    assert.equal(decodeVni(Buffer.from('Vieät', 'latin1')), 'Việt');
    const read = await readFile(encodeVni(seed004), 'cu.txt');
    assert.equal(read.encoding, 'vni');
    assert.equal(read.text, legacySafe(seed004));
  });
});

describe('DOCX', () => {
  test('paragraphs and heading levels survive', async () => {
    const read = await readFile(await makeDocx(seed004), 'bc.docx');
    assert.match(read.text, /^# I\. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC$/m);
    assert.match(read.text, /^## 2\. Lĩnh vực bưu chính$/m);
    assert.match(read.text, /^### 6\.1\. Cổng thông tin điện tử/m);
    assert.match(read.text, /Tổng văn bản đi trong tháng: \*\*18\.182\*\*/);
  });

  test('a truncated DOCX is refused naming the file', async () => {
    const docx = await makeDocx(seed004);
    const error = await refusal(docx.subarray(0, Math.floor(docx.length / 2)), 'hong.docx');
    assert.equal(error.code, 'import.corrupt_file');
    assert.match(error.message, /hong\.docx/);
  });

  test('a zip bomb disguised as .docx is refused before inflating', async () => {
    const error = await refusal(zipClaiming(3_000_000_000), 'bom.docx');
    assert.equal(error.code, 'import.zip_bomb');
    assert.match(error.message, /bom\.docx/);
  });
});

describe('PDF', () => {
  test('text layer is read, hard-wrapped lines and all pages', async () => {
    const read = await readFile(makeTextPdf(seed004), 'bc.pdf');
    assert.equal(read.mediaType, 'application/pdf');
    assert.match(read.text, /Tong van ban di trong thang: \*\*18\.182\*\*/);
    assert.match(read.text, /Nguyen Van Chuan/);
  });

  test('a PDF without a text layer is refused as scanned', async () => {
    const error = await refusal(makeScannedPdf(), 'scan.pdf');
    assert.equal(error.code, 'import.scanned_pdf');
    assert.match(error.message, /không có lớp văn bản/);
    assert.match(error.message, /scan\.pdf/);
  });

  test('a corrupt PDF is refused naming the file', async () => {
    const pdf = makeTextPdf(seed004);
    const error = await refusal(Buffer.concat([pdf.subarray(0, 200), Buffer.from('garbage')]), 'hong.pdf');
    assert.ok(['import.corrupt_file', 'import.scanned_pdf'].includes(error.code));
    assert.match(error.message, /hong\.pdf/);
  });
});

describe('refusals', () => {
  test('unsupported type names the file', async () => {
    const error = await refusal(Buffer.from('x'), 'bang.xls');
    assert.equal(error.code, 'import.unsupported_type');
    assert.match(error.message, /bang\.xls/);
  });

  test('empty file', async () => {
    const error = await refusal(new Uint8Array(0), 'rong.txt');
    assert.equal(error.code, 'import.empty_file');
  });

  test('binary garbage in a .txt', async () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    const error = await refusal(garbage, 'rac.txt');
    assert.equal(error.code, 'import.corrupt_file');
  });

  test('a file over 50 MB', async () => {
    const error = await refusal(Buffer.alloc(MAX_FILE_BYTES + 1, 0x61), 'lon.txt');
    assert.equal(error.code, 'import.too_large');
    assert.match(error.message, /lon\.txt/);
  });

  test('garbage named .docx', async () => {
    const error = await refusal(Buffer.from('not a zip at all'), 'gia.docx');
    assert.equal(error.code, 'import.corrupt_file');
  });
});

describe('committed samples (fixtures/samples)', () => {
  const samples = resolve(import.meta.dirname, '../../fixtures/samples');
  for (const [name, expected] of [
    ['bao-cao-thang-4-2021.docx', /Tổng văn bản đi trong tháng/],
    ['bao-cao-thang-4-2021.pdf', /Tong van ban di trong thang/],
    ['bao-cao-thang-4-2021.tcvn3.txt', /Tổng văn bản đi trong tháng/],
    ['bao-cao-thang-4-2021.vni.txt', /Tổng văn bản đi trong tháng/],
  ] as const) {
    test(`${name} reads`, async () => {
      assert.match((await readFile(resolve(samples, name))).text, expected);
    });
  }

  test('ban-quet.pdf is refused as scanned', async () => {
    await assert.rejects(readFile(resolve(samples, 'ban-quet.pdf')), { code: 'import.scanned_pdf' });
  });
});
