import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalogue, type IndicatorInput } from './indicator.js';

const base = { unit: 'chứng thư số', section: 'cntt' } as const;
const certificates: IndicatorInput[] = [
  { ...base, code: 'ca.total', name: 'Tổng số chứng thư số', kind: 'stock' },
  {
    ...base,
    code: 'ca.org',
    name: 'Chứng thư số tổ chức',
    kind: 'stock',
    partOf: 'ca.total',
    dimension: 'holder',
  },
  {
    ...base,
    code: 'ca.personal',
    name: 'Chứng thư số cá nhân',
    kind: 'stock',
    partOf: 'ca.total',
    dimension: 'holder',
  },
  { ...base, code: 'ca.personal_usb', name: 'USB', kind: 'stock', partOf: 'ca.personal', dimension: 'token' },
  {
    ...base,
    code: 'ca.personal_sim',
    name: 'SIM PKI',
    kind: 'stock',
    partOf: 'ca.personal',
    dimension: 'token',
  },
];

describe('Catalogue.parse', () => {
  test('fills the defaults', () => {
    const catalogue = Catalogue.parse([
      ...certificates,
      {
        code: 'ca.personal_share',
        name: 'Tỷ lệ cá nhân',
        unit: '%',
        section: 'cntt',
        kind: 'ratio',
        integer: false,
        formula: { numerator: 'ca.personal', denominator: 'ca.total' },
      },
    ]);
    const total = catalogue.get('ca.total')!;
    assert.equal(total.formula, null);
    assert.equal(total.partOf, null);
    assert.equal(total.integer, true);
    assert.equal(total.required, false);
    assert.equal(catalogue.get('ca.personal_share')!.formula?.multiplier, 100);
    assert.equal(catalogue.has('ca.org'), true);
    assert.equal(catalogue.has('ca.unknown'), false);
    assert.equal(catalogue.get('ca.unknown'), undefined);
  });

  test('groups parts by breakdown dimension', () => {
    const catalogue = Catalogue.parse(certificates);
    const holder = catalogue.partsOf('ca.total');
    assert.deepEqual([...holder.keys()], ['holder']);
    assert.deepEqual(
      holder.get('holder')!.map((i) => i.code),
      ['ca.org', 'ca.personal'],
    );
    assert.deepEqual(
      catalogue
        .partsOf('ca.personal')
        .get('token')!
        .map((i) => i.code),
      ['ca.personal_usb', 'ca.personal_sim'],
    );
    assert.equal(catalogue.partsOf('ca.org').size, 0);
  });

  test('refuses references to unknown indicators', () => {
    assert.throws(
      () => Catalogue.parse([{ ...base, code: 'ca.org', name: 'x', kind: 'stock', partOf: 'ca.total' }]),
      /ca\.org\.partOf → unknown ca\.total/,
    );
    assert.throws(
      () =>
        Catalogue.parse([
          {
            ...base,
            code: 'x.ratio',
            name: 'x',
            kind: 'ratio',
            integer: false,
            formula: { numerator: 'x.a', denominator: 'x.b' },
          },
        ]),
      /x\.ratio\.formula → unknown x\.a/,
    );
  });

  test('refuses an integer-only ratio and malformed codes', () => {
    assert.throws(
      () => Catalogue.parse([{ ...base, code: 'x.ratio', name: 'x', kind: 'ratio' }]),
      /a ratio cannot be integer-only/,
    );
    assert.throws(() => Catalogue.parse([{ ...base, code: 'Ca Total', name: 'x', kind: 'stock' }]));
    assert.throws(() => Catalogue.parse([{ ...base, code: 'catotal', name: 'x', kind: 'stock' }]));
    assert.throws(() => Catalogue.parse([{ ...base, code: 'ca.total', name: '', kind: 'stock' }]));
    assert.throws(() => Catalogue.parse([{ ...base, code: 'ca.total', name: 'x', kind: 'level' }]));
  });
});
