import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { approximationOf, combineQualifiers, markQualifier, placeQualifiers } from './qualifiers.js';

describe('approximationOf', () => {
  test('the approximation words of the gold annotations', () => {
    assert.equal(approximationOf('hơn'), 'hơn');
    assert.equal(approximationOf('ước'), 'ước');
    assert.equal(approximationOf('Khoảng'), 'khoảng');
    assert.equal(approximationOf('trên; lũy kế'), 'trên');
    assert.equal(approximationOf('ước đạt'), 'ước');
  });
  test('notes kept in the qualifier are not approximations (seed 2022-04)', () => {
    assert.equal(approximationOf('lũy kế đến ngày 12/4/2022'), null);
    assert.equal(approximationOf('Công tác Văn phòng'), null);
    assert.equal(approximationOf('tất cả là hồ sơ trực tuyến'), null);
    assert.equal(approximationOf('trên địa bàn tỉnh'), null);
    assert.equal(approximationOf(null), null);
  });
});

describe('combineQualifiers', () => {
  test('notes among the parts are ignored', () => {
    assert.equal(combineQualifiers(['VNPT Trà Vinh', 'hơn']), 'hơn');
    assert.equal(combineQualifiers(['đến nay']), null);
  });
  test('exact parts give an exact figure', () => {
    assert.equal(combineQualifiers([null, null]), null);
    assert.equal(combineQualifiers([]), null);
  });
  test('one kind of qualifier is kept; an estimate anywhere makes an estimate', () => {
    assert.equal(combineQualifiers(['hơn', null, 'hơn']), 'hơn');
    assert.equal(combineQualifiers(['hơn', 'ước']), 'ước');
  });
  test('bounds pointing different ways give an approximation', () => {
    assert.equal(combineQualifiers(['hơn', 'gần']), 'khoảng');
  });
});

describe('placeQualifiers', () => {
  test('the qualifier goes right before its figure', () => {
    assert.equal(
      placeQualifiers(`Ban hành ${markQualifier('hơn', '85')} Công văn.`),
      'Ban hành hơn 85 Công văn.',
    );
    assert.equal(placeQualifiers(`có ${markQualifier('trên', '1.200')} hồ sơ`), 'có trên 1.200 hồ sơ');
  });
  test('an estimate goes before "đạt", as the reports write it', () => {
    assert.equal(
      placeQualifiers(`doanh thu trong tháng đạt ${markQualifier('ước', '38,5 tỷ đồng')}.`),
      'doanh thu trong tháng ước đạt 38,5 tỷ đồng.',
    );
    assert.equal(placeQualifiers(`Đạt ${markQualifier('ước', '12')} điểm`), 'Ước đạt 12 điểm');
  });
  test('other qualifiers stay after "đạt"', () => {
    assert.equal(placeQualifiers(`đạt ${markQualifier('khoảng', '40%')}`), 'đạt khoảng 40%');
  });
  test('a qualifier the template already wrote is not repeated', () => {
    assert.equal(placeQualifiers(`ước đạt ${markQualifier('ước', '5')} tỷ`), 'ước đạt 5 tỷ');
    assert.equal(placeQualifiers(`có hơn ${markQualifier('hơn', '5')} hộ`), 'có hơn 5 hộ');
  });
  test('an exact figure is left as it is', () => {
    assert.equal(placeQualifiers(`Ban hành ${markQualifier(null, '85')} Công văn.`), 'Ban hành 85 Công văn.');
  });
});
