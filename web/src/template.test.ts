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

test('flattenSections keeps document order with depth and numbered path', () => {
  const flat = flattenSections([
    {
      key: 'a',
      number: 'I',
      title: 'A',
      unit: null,
      indicators: [],
      children: [
        { key: 'b', number: '4', title: 'B', unit: 'phong-cntt', indicators: ['x.y'] },
        {
          key: 'c',
          number: '6',
          title: 'C',
          unit: null,
          indicators: [],
          children: [{ key: 'd', number: '6.1', title: 'D', unit: null, indicators: [] }],
        },
      ],
    },
  ]);
  assert.deepEqual(
    flat.map((s) => [s.key, s.depth, s.path]),
    [
      ['a', 0, 'I'],
      ['b', 1, 'I.4'],
      ['c', 1, 'I.6'],
      ['d', 2, 'I.6.1'],
    ],
  );
});
