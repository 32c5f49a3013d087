import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportDocumentSchema, ReportValueSchema } from './report-document.js';

test('a minimal report document gets its defaults', () => {
  const doc = ReportDocumentSchema.parse({
    meta: { agency: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh', kind: 'monthly', periodId: '2021-04' },
    sections: [
      { key: 'cntt', level: 1, number: 'I', title: 'CÔNG TÁC QUẢN LÝ NHÀ NƯỚC', items: [], children: [] },
    ],
  });
  assert.equal(doc.meta.planPeriodId, null);
  assert.deepEqual(doc.meta.recipients, []);
  assert.equal(doc.intro, null);
  assert.deepEqual(doc.values, []);
  assert.deepEqual(doc.citations, []);
});

test('values: seed 004 "1.755 chứng thư số cá nhân" with defaults, and bad values refused', () => {
  const value = ReportValueSchema.parse({ indicator: 'ca.personal', value: 1755, scope: 'as_of_end' });
  assert.deepEqual(value, {
    indicator: 'ca.personal',
    value: 1755,
    scope: 'as_of_end',
    qualifier: null,
    text: '',
    confidence: 1,
  });
  assert.throws(() => ReportValueSchema.parse({ indicator: 'ca.personal', value: 1, scope: 'monthly' }));
  assert.throws(() =>
    ReportValueSchema.parse({ indicator: 'ca.personal', value: 1, scope: 'period', confidence: 1.5 }),
  );
  assert.throws(() => ReportValueSchema.parse({ indicator: 'ca.personal', value: '1.755', scope: 'period' }));
});

test('sections nest and an unknown report kind is refused', () => {
  const section = (level: number, children: unknown[] = []) => ({
    key: null,
    level,
    number: String(level),
    title: 't',
    items: [{ kind: 'result', text: 'Ban hành 02 Công văn' }],
    children,
  });
  const doc = ReportDocumentSchema.parse({
    meta: { agency: 'Sở', kind: 'annual', periodId: '2017' },
    sections: [section(1, [section(2, [section(3)])])],
  });
  assert.equal(doc.sections[0]!.children[0]!.children[0]!.level, 3);
  assert.equal(doc.sections[0]!.items[0]!.style, 'bullet');
  assert.throws(() =>
    ReportDocumentSchema.parse({ meta: { agency: 'Sở', kind: 'weekly', periodId: '2017' }, sections: [] }),
  );
});
