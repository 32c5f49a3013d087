import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillTitle, flattenSections } from './template.js';

test('fillTitle writes the period words the reports use (seed 003: 9 months 2021, plan for the last 3 months)', () => {
  assert.equal(
    fillTitle('KẾ HOẠCH CÔNG TÁC {planPeriodUpper}', '2021-9M'),
    'KẾ HOẠCH CÔNG TÁC 3 THÁNG CUỐI NĂM 2021',
  );
  assert.equal(fillTitle('TÌNH HÌNH {periodUpper}', '2022-04'), 'TÌNH HÌNH THÁNG 4 NĂM 2022');
  assert.equal(fillTitle('Mục {unknown}', '2022-04'), 'Mục {unknown}');
});

test('flattenSections keeps document order with depth and a path numbered by place, no two alike', () => {
  // The shipped layout gives two sections of I.4 the letter "a" and three of I.6 the number 6.4: sections
  // drawn from reports that never hold them together. Numbered by place, as a report holding all would be.
  const flat = flattenSections([
    {
      key: 'i',
      number: 'I',
      title: 'I',
      unit: null,
      indicators: [],
      children: [
        {
          key: 'cntt',
          number: '4',
          title: 'CNTT',
          unit: null,
          indicators: [],
          children: [
            { key: 'ha_tang', number: 'a', title: 'Hạ tầng', unit: 'phong-cntt', indicators: [] },
            { key: 'cqnn', number: 'a', title: 'CQNN', unit: 'phong-cntt', indicators: ['x.y'] },
            { key: 'nguoi_dan', number: 'b', title: 'Người dân', unit: 'phong-cntt', indicators: [] },
          ],
        },
        {
          key: 'tuyen_truyen',
          number: '6',
          title: 'Tuyên truyền',
          unit: null,
          indicators: [],
          children: [
            { key: 'cong', number: '6.1', title: 'Cổng', unit: null, indicators: [] },
            { key: 'doi_ngoai', number: '6.4', title: 'Đối ngoại', unit: null, indicators: [] },
            { key: 'trang_tin', number: '6.4', title: 'Trang tin', unit: null, indicators: [] },
          ],
        },
      ],
    },
    { key: 'phu_luc', number: null, title: 'PHỤ LỤC', unit: null, indicators: [] },
  ]);
  assert.deepEqual(
    flat.map((s) => [s.key, s.depth, s.path]),
    [
      ['i', 0, 'I'],
      ['cntt', 1, 'I.1'],
      ['ha_tang', 2, 'I.1.a'],
      ['cqnn', 2, 'I.1.b'],
      ['nguoi_dan', 2, 'I.1.c'],
      ['tuyen_truyen', 1, 'I.2'],
      ['cong', 2, 'I.2.1'],
      ['doi_ngoai', 2, 'I.2.2'],
      ['trang_tin', 2, 'I.2.3'],
      ['phu_luc', 0, ''],
    ],
  );
});
