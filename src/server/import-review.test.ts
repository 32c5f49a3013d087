import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../domain/errors.js';
import { checkUpload, MAX_UPLOAD_BYTES } from './import-review.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function refusal(name: string, content: Uint8Array): { code: string; status: number } | null {
  try {
    checkUpload(name, content);
    return null;
  } catch (error) {
    assert.ok(error instanceof AppError);
    return { code: error.code, status: error.status };
  }
}

describe('checkUpload: only report files whose content matches their extension', () => {
  test('accepts text, Markdown, DOCX (zip) and PDF content', () => {
    assert.equal(refusal('bao-cao.txt', bytes('BÁO CÁO kết quả công tác')), null);
    assert.equal(refusal('BAO-CAO.MD', bytes('# BÁO CÁO')), null);
    assert.equal(refusal('bao-cao.docx', new Uint8Array([0x50, 0x4b, 3, 4, 0])), null);
    assert.equal(refusal('bao-cao.pdf', bytes('%PDF-1.7\n…')), null);
    // UTF-16 text has zero bytes but a byte-order mark.
    assert.equal(refusal('utf16.txt', new Uint8Array([0xff, 0xfe, 0x42, 0x00])), null);
  });

  test('refuses other extensions and content that does not match (415)', () => {
    assert.deepEqual(refusal('setup.exe', bytes('MZ')), { code: 'import.type', status: 415 });
    assert.deepEqual(refusal('no-extension', bytes('text')), { code: 'import.type', status: 415 });
    assert.deepEqual(refusal('bao-cao.pdf', bytes('<html>')), { code: 'import.type', status: 415 });
    assert.deepEqual(refusal('bao-cao.docx', bytes('%PDF-1.7')), { code: 'import.type', status: 415 });
    assert.deepEqual(refusal('bao-cao.txt', new Uint8Array([0x41, 0x00, 0x42])), {
      code: 'import.type',
      status: 415,
    });
  });

  test('refuses an empty file and one over 10 MB', () => {
    assert.deepEqual(refusal('rong.txt', new Uint8Array()), { code: 'import.empty', status: 400 });
    assert.deepEqual(refusal('lon.txt', new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x41)), {
      code: 'request.too_large',
      status: 413,
    });
  });
});
