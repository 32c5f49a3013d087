import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type EntryFigures, ratioOffer } from './ratio-offer.js';

const signedRatio = {
  code: 'ioffice.signed_ratio',
  kind: 'ratio',
  formula: { numerator: 'ioffice.docs_signed', denominator: 'ioffice.docs_sent', multiplier: 100 },
};
const stored = (indicator: string, value: number, scope = 'period') => ({
  indicator,
  value,
  scope,
  breakdown: '',
});

describe('the ratio the entry page offers', () => {
  test('of the figures typed, else stored: seed 004 states 14.477 of 18.182 as 79,62%', () => {
    const figures: EntryFigures = {
      typed: { 'ioffice.docs_signed': '14.477' },
      stored: [stored('ioffice.docs_sent', 18_182)],
    };
    assert.deepEqual(ratioOffer(signedRatio, figures), {
      value: 79.62,
      numerator: 14_477,
      denominator: 18_182,
    });
  });

  test('none while a figure is missing, emptied, not a number or a zero denominator', () => {
    const sent = [stored('ioffice.docs_sent', 18_182)];
    assert.equal(ratioOffer(signedRatio, { typed: {}, stored: sent }), null);
    assert.equal(ratioOffer(signedRatio, { typed: { 'ioffice.docs_signed': '' }, stored: sent }), null);
    assert.equal(
      ratioOffer(signedRatio, { typed: { 'ioffice.docs_signed': '14,477,1' }, stored: sent }),
      null,
    );
    assert.equal(
      ratioOffer(signedRatio, {
        typed: { 'ioffice.docs_signed': '5', 'ioffice.docs_sent': '0' },
        stored: [],
      }),
      null,
    );
  });

  test('none when the numerator is a subset of the denominator and exceeds it (the findings say why)', () => {
    const figures: EntryFigures = {
      typed: { 'ioffice.docs_signed': '2.000', 'ioffice.docs_sent': '1.858' },
      stored: [],
    };
    assert.equal(ratioOffer(signedRatio, figures, true), null);
    // 2.000 / 1.858 = 107,64% where the parts are not bounded (subscriptions per 100 inhabitants).
    assert.equal(ratioOffer(signedRatio, figures)?.value, 107.64);
  });

  test('none when the field already holds that ratio, typed or stored', () => {
    const parts = [stored('ioffice.docs_sent', 18_182), stored('ioffice.docs_signed', 14_477)];
    assert.equal(
      ratioOffer(signedRatio, { typed: { 'ioffice.signed_ratio': '79,62' }, stored: parts }),
      null,
    );
    assert.equal(
      ratioOffer(signedRatio, { typed: {}, stored: [...parts, stored('ioffice.signed_ratio', 79.62)] }),
      null,
    );
    assert.equal(
      ratioOffer(signedRatio, { typed: { 'ioffice.signed_ratio': '79,6' }, stored: parts })?.value,
      79.62,
    );
  });

  test("the parts in the ratio's own scope first, as the report reads them", () => {
    const figures: EntryFigures = {
      typed: {},
      stored: [
        stored('ioffice.docs_sent', 1_000),
        stored('ioffice.docs_signed', 500),
        stored('ioffice.docs_sent', 10_000, 'cumulative'),
        stored('ioffice.docs_signed', 8_000, 'cumulative'),
        stored('ioffice.signed_ratio', 75, 'cumulative'),
      ],
    };
    assert.equal(ratioOffer(signedRatio, figures)?.value, 80);
  });

  test('an indicator that is no ratio, or a ratio without a formula, offers nothing', () => {
    const figures: EntryFigures = {
      typed: {},
      stored: [stored('ioffice.docs_sent', 1), stored('ioffice.docs_signed', 1)],
    };
    assert.equal(ratioOffer({ ...signedRatio, kind: 'flow' }, figures), null);
    assert.equal(ratioOffer({ ...signedRatio, formula: null }, figures), null);
  });
});
