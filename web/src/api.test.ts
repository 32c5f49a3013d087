import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachmentDisposition } from '../../src/server/http/download.js';
import { dispositionFileName } from './api.js';

test('a download keeps its Vietnamese name (filename*), whatever the order of the two names', () => {
  const header = attachmentDisposition('Số liệu chỉ tiêu 2022-01 đến 2022-12.xlsx', 'So lieu chi tieu.xlsx');
  assert.equal(dispositionFileName(header), 'Số liệu chỉ tiêu 2022-01 đến 2022-12.xlsx');
  assert.equal(
    dispositionFileName(
      'attachment; filename*=UTF-8\'\'S%E1%BB%91%20li%E1%BB%87u.csv; filename="So lieu.csv"',
    ),
    'Số liệu.csv',
  );
  assert.equal(dispositionFileName('attachment; filename="bao-cao-2022-04.docx"'), 'bao-cao-2022-04.docx');
  assert.equal(dispositionFileName('attachment'), null);
});
