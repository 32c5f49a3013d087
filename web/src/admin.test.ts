import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkIndicator,
  checkNewUser,
  checkPassword,
  checkUnit,
  filterCatalogue,
  indicatorChanges,
  newUserRequest,
  roleChange,
  roleFormOf,
  unitChanges,
} from './admin.js';
import type { CatalogueIndicator, RoleGrant, Unit } from './api-types.js';

const goodUser = {
  username: 'nguyen.van-a_2',
  displayName: 'Nguyễn Văn A',
  password: '0123456789',
  role: 'editor' as const,
  unitCode: 'phong-cntt',
};

test('a password needs at least 10 characters, as the server demands', () => {
  assert.equal(checkPassword('123456789'), 'errPasswordShort');
  assert.equal(checkPassword('1234567890'), null);
  assert.equal(checkPassword('x'.repeat(201)), 'errPasswordLong');
});

test('a new user: lower-case unaccented username, a name, a long enough password', () => {
  assert.deepEqual(checkNewUser(goodUser), {});
  assert.deepEqual(checkNewUser({ ...goodUser, username: 'Nguyễn' }), { username: 'errUsername' });
  assert.deepEqual(checkNewUser({ ...goodUser, username: 'a' }), { username: 'errUsername' });
  assert.deepEqual(checkNewUser({ ...goodUser, username: 'an ninh' }), { username: 'errUsername' });
  assert.deepEqual(
    checkNewUser({ username: '', displayName: '  ', password: 'ngắn', role: 'admin', unitCode: '' }),
    {
      username: 'errUsername',
      displayName: 'errDisplayName',
      password: 'errPasswordShort',
    },
  );
});

test('the new-user body grants one role, on the whole organisation when no unit is chosen', () => {
  assert.deepEqual(newUserRequest({ ...goodUser, username: ' cntt2 ', displayName: ' Phòng CNTT ' }), {
    username: 'cntt2',
    displayName: 'Phòng CNTT',
    password: '0123456789',
    roles: [{ role: 'editor', unitCode: 'phong-cntt' }],
  });
  assert.deepEqual(newUserRequest({ ...goodUser, role: 'analyst', unitCode: '' }).roles, [
    { role: 'analyst', unitCode: null },
  ]);
});

const cnttEditor: RoleGrant = { role: 'editor', unitId: '4', unitCode: 'phong-cntt' };

test("the role editor starts from the user's grant; '' stands for the whole organisation", () => {
  assert.deepEqual(roleFormOf({ roles: [cnttEditor] }), { role: 'editor', unitCode: 'phong-cntt' });
  assert.deepEqual(roleFormOf({ roles: [{ role: 'director', unitId: null, unitCode: null }] }), {
    role: 'director',
    unitCode: '',
  });
});

test('a role change is sent only when it changes the role or its unit, and names the whole organisation null', () => {
  const editor = { roles: [cnttEditor] };
  assert.deepEqual(roleChange(editor, { role: 'editor', unitCode: 'phong-cntt' }), {});
  assert.deepEqual(roleChange(editor, { role: 'editor', unitCode: 'phong-bcvt' }), {
    role: 'editor',
    unitCode: 'phong-bcvt',
  });
  assert.deepEqual(roleChange(editor, { role: 'office', unitCode: '' }), { role: 'office', unitCode: null });
  const admin = { roles: [{ role: 'admin' as const, unitId: null, unitCode: null }] };
  assert.deepEqual(roleChange(admin, { role: 'admin', unitCode: '' }), {});
  assert.deepEqual(roleChange(admin, { role: 'analyst', unitCode: '' }), { role: 'analyst', unitCode: null });
  // Two grants become one: the same first role is still a change.
  const twoRoles = { roles: [cnttEditor, { role: 'analyst' as const, unitId: null, unitCode: null }] };
  assert.deepEqual(roleChange(twoRoles, { role: 'editor', unitCode: 'phong-cntt' }), {
    role: 'editor',
    unitCode: 'phong-cntt',
  });
});

const unit: Unit = {
  id: '7',
  code: 'phong-cntt',
  name: 'Phòng Công nghệ thông tin',
  shortName: null,
  sections: ['cntt_cqnn'],
  validFrom: null,
  validTo: null,
};

test('a unit code is kebab-case; the end date is typed day/month/year', () => {
  const form = { code: 'phong-kh-cn', name: 'Phòng KH-CN', shortName: '', validTo: '' };
  assert.deepEqual(checkUnit(form, true), {});
  assert.deepEqual(checkUnit({ ...form, code: 'Phòng KH' }, true), { code: 'errUnitCode' });
  assert.deepEqual(checkUnit({ ...form, code: 'phong--kh' }, true), { code: 'errUnitCode' });
  // An existing unit's code is not edited, so it is not checked.
  assert.deepEqual(checkUnit({ ...form, code: '' }, false), {});
  assert.deepEqual(checkUnit({ ...form, name: ' ', validTo: '31/2/2025' }, true), {
    name: 'errUnitName',
    validTo: 'invalidDate',
  });
});

test('a unit change carries only the edited fields; an empty end date re-opens the unit', () => {
  const same = { code: unit.code, name: unit.name, shortName: '', validTo: '' };
  assert.deepEqual(unitChanges(unit, same), {});
  assert.deepEqual(unitChanges(unit, { ...same, shortName: ' P.CNTT ', validTo: '28/2/2025' }), {
    shortName: 'P.CNTT',
    validTo: '2025-02-28',
  });
  assert.deepEqual(unitChanges({ ...unit, shortName: 'P.CNTT', validTo: '2025-02-28' }, same), {
    shortName: null,
    validTo: null,
  });
});

test('the sections a unit writes change as a set: the same sections in another order are no change', () => {
  const form = { code: unit.code, name: unit.name, shortName: '', validTo: '' };
  assert.deepEqual(unitChanges(unit, { ...form, sections: ['cntt_cqnn'] }), {});
  assert.deepEqual(unitChanges(unit, { ...form, sections: ['attt', 'cntt_cqnn'] }), {
    sections: ['attt', 'cntt_cqnn'],
  });
  assert.deepEqual(
    unitChanges({ ...unit, sections: ['attt', 'cntt_cqnn'] }, { ...form, sections: ['cntt_cqnn', 'attt'] }),
    {},
  );
  assert.deepEqual(unitChanges(unit, { ...form, sections: [] }), { sections: [] });
});

const indicators: CatalogueIndicator[] = [
  {
    code: 'ioffice.docs_sent',
    name: 'Văn bản điện tử phát hành',
    nameEn: 'Electronic documents sent',
    unit: 'văn bản',
    section: 'cntt_cqnn',
    kind: 'flow',
    formula: null,
    partOf: null,
    dimension: null,
    integer: true,
    required: true,
    active: true,
    position: 1,
  },
  {
    code: 'ca.total',
    name: 'Chứng thư số đang hoạt động',
    unit: 'chứng thư',
    section: 'cntt_cqnn',
    kind: 'stock',
    formula: null,
    partOf: null,
    dimension: null,
    integer: true,
    required: false,
    notes: 'Ban Cơ yếu cấp',
    active: true,
    position: 2,
  },
];

test('the catalogue search matches code or name as one phrase, diacritics optional', () => {
  // Word by word this would match "chung thu so": chủng, thực, Số.
  const vaccines: CatalogueIndicator = {
    ...indicators[1]!,
    code: 'covid.doses',
    name: 'Số mũi tiêm chủng thực tế',
  };
  const codes = (q: string) => filterCatalogue([...indicators, vaccines], q).map((i) => i.code);
  assert.deepEqual(codes('  '), ['ioffice.docs_sent', 'ca.total', 'covid.doses']);
  assert.deepEqual(codes('chung  thu so'), ['ca.total']);
  assert.deepEqual(codes('IOFFICE.docs'), ['ioffice.docs_sent']);
  assert.deepEqual(codes('bản điện tử'), ['ioffice.docs_sent']);
  assert.deepEqual(codes('van ban phat'), []);
  assert.deepEqual(codes('electronic'), ['ioffice.docs_sent']);
  assert.deepEqual(codes('tiem chung'), ['covid.doses']);
});

test('an indicator change carries only what changed; cleared texts become null', () => {
  const [sent, total] = indicators as [CatalogueIndicator, CatalogueIndicator];
  const form = {
    name: sent.name,
    nameEn: 'Electronic documents sent',
    required: true,
    active: true,
    notes: '',
  };
  assert.deepEqual(checkIndicator(form), {});
  assert.deepEqual(indicatorChanges(sent, form), {});
  assert.deepEqual(indicatorChanges(sent, { ...form, name: ' Văn bản đi ', nameEn: '', required: false }), {
    name: 'Văn bản đi',
    nameEn: null,
    required: false,
  });
  assert.deepEqual(
    indicatorChanges(total, { name: total.name, nameEn: '', required: false, active: false, notes: '' }),
    { active: false, notes: null },
  );
  assert.deepEqual(checkIndicator({ ...form, name: '', notes: 'x'.repeat(2001) }), {
    name: 'errIndicatorName',
    notes: 'errNotes',
  });
});
