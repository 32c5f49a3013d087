import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listAudit } from '../src/db/audit.repository.js';
import { ApiClient, DEMO_ORG, describeDemoApi, orgPath, signedInClient } from '../src/server/testing.js';

describeDemoApi('API sign-in, sessions and CSRF', [], (api) => {
  test('login sets an httpOnly SameSite=Strict cookie and returns the user, roles and a CSRF token', async () => {
    const client = new ApiClient(api.app);
    const response = await client.login('cntt');
    assert.equal(response.status, 200);
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^baocao_session=[\w-]{40,};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\//);
    assert.equal(response.body.orgId, DEMO_ORG);
    assert.equal(response.body.user.username, 'cntt');
    assert.deepEqual(
      response.body.roles.map((r: { role: string; unitCode: string | null }) => [r.role, r.unitCode]),
      [['editor', 'phong-cntt']],
    );
    assert.ok(response.body.csrfToken.length >= 20);
    const me = await client.get('/api/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.csrfToken, response.body.csrfToken);
  });

  test('the session id stored in the database is not the cookie value', async () => {
    const client = await signedInClient(api.app, 'vanphong');
    const token = client.cookie?.split('=')[1] ?? '';
    const rows = await api.db.selectFrom('sessions').select('id').execute();
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.id !== token));
  });

  test('an expired session is refused and swept away at the next sign-in', async () => {
    const client = await signedInClient(api.app, 'bcvt');
    await api.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    assert.equal((await client.get('/api/auth/me')).status, 401);
    await signedInClient(api.app, 'bcvt');
    const left = await api.db.selectFrom('sessions').select('expires_at').execute();
    assert.equal(left.length, 1);
    assert.ok((left[0]?.expires_at.getTime() ?? 0) > Date.now());
  });

  test('a wrong password or an unknown user gets 401 with the same message', async () => {
    const wrong = await new ApiClient(api.app).request('POST', '/api/auth/login', {
      username: 'giamdoc',
      password: 'sai-mat-khau',
    });
    const unknown = await new ApiClient(api.app).request('POST', '/api/auth/login', {
      username: 'khongco',
      password: 'baocao@2026',
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.error.code, 'auth.invalid');
    assert.equal(wrong.body.error.message, unknown.body.error.message);
  });

  test('five failures for one username lock it out with 429, even with the right password', async () => {
    const client = new ApiClient(api.app);
    for (let i = 0; i < 5; i++) {
      const r = await client.request('POST', '/api/auth/login', {
        username: 'phantich',
        password: `sai${i}`,
      });
      assert.equal(r.status, 401, `attempt ${i + 1}`);
    }
    const blocked = await client.request('POST', '/api/auth/login', {
      username: 'phantich',
      password: 'baocao@2026',
    });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.error.code, 'auth.rate_limited');
    // Another username from the same address is not affected.
    assert.equal((await new ApiClient(api.app).login('bcvt')).status, 200);
  });

  test('many usernames tried from one address: the address is refused (429)', async () => {
    await api.db
      .insertInto('login_attempts')
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          org_id: null,
          username: `spray${i}`,
          ip: 'local',
          ok: false,
        })),
      )
      .execute();
    const r = await new ApiClient(api.app).request('POST', '/api/auth/login', {
      username: 'giamdoc',
      password: 'baocao@2026',
    });
    assert.equal(r.status, 429);
    await api.db.deleteFrom('login_attempts').where('username', 'like', 'spray%').execute();
    assert.equal((await new ApiClient(api.app).login('giamdoc')).status, 200);
  });

  test('behind a TLS proxy the cookie is Secure', async () => {
    const r = await new ApiClient(api.app).request(
      'POST',
      '/api/auth/login',
      { username: 'cntt', password: 'baocao@2026' },
      { headers: { 'x-forwarded-proto': 'https' } },
    );
    assert.match(r.headers.get('set-cookie') ?? '', /Secure/);
  });

  test('without a session, organisation routes answer 401', async () => {
    const anonymous = new ApiClient(api.app);
    const r = await anonymous.get(orgPath('/units'));
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'auth.required');
    assert.equal((await anonymous.get('/api/auth/me')).status, 401);
  });

  test('a state-changing request without the CSRF header, or with a wrong one, gets 403', async () => {
    const client = await signedInClient(api.app, 'vanphong');
    const body = { periodId: '2022-04', values: [{ indicator: 'ioffice.docs_sent', value: 1 }] };
    const missing = await client.request('PUT', orgPath('/values'), body, { csrf: false });
    assert.equal(missing.status, 403);
    assert.equal(missing.body.error.code, 'auth.csrf');
    const wrong = await client.request('PUT', orgPath('/values'), body, {
      csrf: false,
      headers: { 'x-csrf-token': 'not-the-token' },
    });
    assert.equal(wrong.status, 403);
    const logout = await client.request('POST', '/api/auth/logout', undefined, { csrf: false });
    assert.equal(logout.status, 403);
    // Nothing was written by the refused save.
    const stored = await api.db
      .selectFrom('data_values')
      .select('value')
      .where('indicator_code', '=', 'ioffice.docs_sent')
      .where('period_id', '=', '2022-04')
      .execute();
    assert.ok(stored.every((r) => Number(r.value) !== 1));
  });

  test('logout ends the session and is audited with the login', async () => {
    const client = await signedInClient(api.app, 'giamdoc');
    const cookie = client.cookie;
    const out = await client.post('/api/auth/logout');
    assert.equal(out.status, 204);
    assert.equal(client.cookie, null);
    const replay = new ApiClient(api.app);
    replay.cookie = cookie;
    assert.equal((await replay.get('/api/auth/me')).status, 401);
    const audit = await listAudit(api.db, { orgId: DEMO_ORG, entity: 'user' });
    const actions = audit.map((a) => a.action);
    assert.ok(actions.includes('auth.login'));
    assert.ok(actions.includes('auth.logout'));
  });

  test('responses carry security headers; oversized bodies get 413', async () => {
    const client = await signedInClient(api.app, 'vanphong');
    const health = await client.get('/api/health');
    assert.equal(health.status, 200);
    assert.match(health.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(health.headers.get('x-content-type-options'), 'nosniff');
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const tooLarge = await client.request('POST', orgPath('/validate'), { periodId: '2022-04', pad: huge });
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.error.code, 'request.too_large');
  });

  test('a body failing its schema gets 400 naming the field', async () => {
    const client = await signedInClient(api.app, 'vanphong');
    const r = await client.put(orgPath('/values'), { periodId: '2022-04', values: 'nope' });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'request.invalid');
    assert.match(r.body.error.message, /values/);
  });

  test('a body that is not JSON, or malformed JSON, is refused in Vietnamese', async () => {
    const client = await signedInClient(api.app, 'vanphong');
    const plain = await client.request('PUT', orgPath('/values'), undefined, {
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(plain.status, 415);
    assert.equal(plain.body.error.code, 'request.media_type');
    const broken = await api.app.request(orgPath('/values'), {
      method: 'PUT',
      headers: {
        cookie: client.cookie ?? '',
        'x-csrf-token': client.csrfToken ?? '',
        'content-type': 'application/json',
      },
      body: '{"periodId": ',
    });
    assert.equal(broken.status, 400);
    assert.equal(((await broken.json()) as { error: { code: string } }).error.code, 'request.malformed');
  });

  test('GET /api/docs is an OpenAPI 3.1 document listing the routes', async () => {
    const r = await new ApiClient(api.app).get('/api/docs');
    assert.equal(r.status, 200);
    assert.equal(r.body.openapi, '3.1.0');
    for (const path of [
      '/api/auth/login',
      '/api/orgs/{orgId}/values',
      '/api/orgs/{orgId}/reports/{id}/status',
      '/api/orgs/{orgId}/series',
    ]) {
      assert.ok(r.body.paths[path], `${path} documented`);
    }
  });

  test('an unknown API route is a JSON 404', async () => {
    const r = await new ApiClient(api.app).get('/api/nothing-here');
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'route.unknown');
  });
});
