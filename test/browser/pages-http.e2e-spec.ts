import { CommandBus } from '@nestjs/cqrs';
import { SubmitNominationCommand } from '@vinhdanh/application';
import { AT, AWARD, CAMPAIGN, NOMINATIONS } from './support/season';
import { startWebHarness, type WebHarness } from './support/web-harness';

/** The pages over plain HTTP (no browser): escaping, CSRF, the form parser's reach, language, production mode. */
describe('the pages over HTTP', () => {
  let web: WebHarness;
  const get = (url: string, cookie = '') => web.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const cookiesOf = (setCookie: string | string[] | undefined) => [setCookie ?? []].flat().map((c) => c.split(';')[0]).join('; ');
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  async function signIn(person: string): Promise<string> {
    const page = await get('/pages/sign-in');
    let cookie = cookiesOf(page.headers['set-cookie']);
    const response = await web.app.inject({
      method: 'POST',
      url: '/pages/sign-in',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), person }).toString(),
    });
    expect(response.statusCode).toBe(303);
    cookie += `; ${cookiesOf(response.headers['set-cookie'])}`;
    return cookie;
  }

  beforeAll(async () => {
    web = await startWebHarness({ chromium: false });
  });
  afterAll(async () => {
    await web?.close();
  });

  it('escapes what people typed: a hostile nominee name is text, not markup', async () => {
    web.clock.now = AT.nominating;
    await web.app.get(CommandBus).execute(
      new SubmitNominationCommand(
        { nominationId: 'n-x', campaignId: CAMPAIGN, awardCode: AWARD, nomineeId: 'p-x', nomineeName: '<script>alert(1)</script>"\'&', nomineeUnitId: 'u-x', nomineeRole: 'direct_worker', achievements: ['x'], evidence: [{ name: 'x.pdf', sha256: 'b'.repeat(64), mediaType: 'application/pdf' }] },
        { actor: { id: 'officer-x', roles: ['unit_officer'], unit: 'u-x' }, now: web.clock.now, correlationId: 'xss' },
      ),
    );
    web.clock.now = AT.browsing;
    await web.catchUp();
    const cookie = await signIn('thanh-tra-vien');
    const page = await get('/pages/audit?q=script', cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a page form without the session\'s CSRF token, and one from before sign-in', async () => {
    const cookie = await signIn('m-1');
    const form = (token: string) =>
      web.app.inject({
        method: 'POST',
        url: `/pages/council/nominations/${NOMINATIONS.voting.id}/ballot/confirm`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, sessionId: 's-1', choice: 'yes' }).toString(),
      });
    expect((await form('')).statusCode).toBe(403);
    const anonymousPage = await get('/pages', cookie.split('; ').filter((c) => c.startsWith('vd_csrf')).join('; '));
    expect((await form(csrfOf(anonymousPage.body))).statusCode).toBe(403);
    const memberPage = await get(`/pages/council/nominations/${NOMINATIONS.voting.id}`, cookie);
    expect((await form(csrfOf(memberPage.body))).statusCode).toBe(200);
  });

  it('files an objection from the notice page; the contact details stay out of the log', async () => {
    web.clock.now = AT.notice;
    try {
      const page = await get(`/pages/notices/${NOMINATIONS.notice.id}`);
      const cookie = cookiesOf(page.headers['set-cookie']);
      const response = await web.app.inject({
        method: 'POST',
        url: `/pages/notices/${NOMINATIONS.notice.id}/objections`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfOf(page.body), summary: 'Thành tích kê khai chưa chính xác', name: 'Lê Văn C', contact: 'levanc@example.vn' }).toString(),
      });
      expect(response.statusCode).toBe(201);
      expect(response.body).toMatch(/Mã tiếp nhận: [0-9a-f-]{36}/);
      const events = [];
      for await (const e of web.store.readStream(`nomination-${NOMINATIONS.notice.id}`)) events.push(e);
      expect(events.at(-1)?.type).toBe('ObjectionFiled');
      expect(JSON.stringify(events)).not.toContain('levanc@example.vn');
    } finally {
      web.clock.now = AT.browsing;
    }
  });

  it('lets a member declare a conflict from the dossier page, after which the page says they are recused', async () => {
    const cookie = await signIn('m-4');
    const url = `/pages/council/nominations/${NOMINATIONS.voting.id}`;
    const page = await get(url, cookie);
    const response = await web.app.inject({
      method: 'POST',
      url: `${url}/conflict`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), reason: 'Có quan hệ họ hàng với người được đề nghị' }).toString(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('notice-ok');
    await web.catchUp();
    const after = (await get(url, cookie)).body;
    expect(after).toContain('data-standing="recused"');
  });

  it('lets the secretary close the vote and the session, then open and close another one, recording who is present', async () => {
    const cookie = await signIn('thu-ky-hd');
    const post = async (url: string, fields: [string, string][]) => {
      const page = await get('/pages/secretariat', cookie);
      return web.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([['_csrf', csrfOf(page.body)], ...fields]).toString(),
      });
    };
    const refused = await post('/pages/secretariat/councils/council-prov/sessions', [['sessionId', 's-2'], ['present', 'm-1']]);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('(SESSION_ALREADY_OPEN)'); // the page says why
    expect((await post(`/pages/secretariat/nominations/${NOMINATIONS.voting.id}/voting/close`, [['sessionId', 's-1']])).statusCode).toBe(200);
    expect((await post('/pages/secretariat/councils/council-prov/sessions/s-1/close', [])).statusCode).toBe(200);
    const opened = await post('/pages/secretariat/councils/council-prov/sessions', [['sessionId', 's-2'], ['present', 'm-1'], ['present', 'm-2'], ['present', 'm-4']]);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('notice-ok');
    const closed = await post('/pages/secretariat/councils/council-prov/sessions/s-2/close', []);
    expect(closed.statusCode).toBe(200);
    const council = [];
    for await (const e of web.store.readStream('council-council-prov')) council.push(e);
    expect(council.at(-2)).toMatchObject({ type: 'SessionOpened', data: { sessionId: 's-2', present: ['m-1', 'm-2', 'm-4'] } });
    expect(council.at(-1)).toMatchObject({ type: 'SessionClosed', data: { sessionId: 's-2' } });
    const again = await post('/pages/secretariat/councils/council-prov/sessions/s-2/close', []);
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    expect(again.body).toContain('notice-error');
  });

  it('keeps the JSON API JSON-only: a form body to a command endpoint is still a 415', async () => {
    const response = await web.app.inject({
      method: 'POST',
      url: `/nominations/${NOMINATIONS.notice.id}/objections`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'summary=x&filer[name]=y',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('speaks Vietnamese by default and remembers ?lang=en in a cookie', async () => {
    const vi = await get('/pages');
    expect(vi.body).toContain('<html lang="vi">');
    expect(vi.body).toContain('Bảng vàng khen thưởng');
    const en = await get('/pages?lang=en');
    expect(en.body).toContain('<html lang="en">');
    const cookie = cookiesOf(en.headers['set-cookie']);
    expect(cookie).toContain('vd_lang=en');
    expect((await get('/pages', cookie)).body).toContain('<h1>Honour list</h1>');
  });

  it('serves its script and stylesheet itself; the script checks the entry proof the API serves', async () => {
    const script = await get('/pages/assets/app.js');
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body).toContain("crypto.subtle.verify('Ed25519'");
    expect((await get('/pages/assets/app.css')).body).toContain('@media print');
    const proof = await get(`/honour-list/${NOMINATIONS.published.id}/proof`);
    expect(proof.json()).toMatchObject({ nominationId: NOMINATIONS.published.id, format: 'vinhdanh-entry-proof/1' });
    expect((await get(`/honour-list/${NOMINATIONS.voting.id}/proof`)).statusCode).toBe(404);
  });
});

describe('the pages in production mode', () => {
  let web: WebHarness;
  beforeAll(async () => {
    web = await startWebHarness({ chromium: false, env: { VINHDANH_MODE: 'production', PUBLIC_RATE_LIMIT: '5' } });
  });
  afterAll(async () => {
    await web?.close();
  });

  it('offers no local sign-in and refuses one', async () => {
    const page = await web.app.inject({ method: 'GET', url: '/pages/sign-in?lang=en' });
    expect(page.body).toContain('Local sign-in is off in production mode');
    expect(page.body).not.toContain('name="person"');
    const response = await web.app.inject({ method: 'POST', url: '/pages/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'person=m-1' });
    expect(response.statusCode).toBe(403);
    expect(response.headers['set-cookie']?.toString() ?? '').not.toContain('vd_session=ey');
  });

  it('limits anonymous public pages, but not the assets or the staff pages (they need a session)', async () => {
    const statuses = async (url: string) => {
      const out: number[] = [];
      for (let i = 0; i < 8; i++) out.push((await web.app.inject({ method: 'GET', url })).statusCode);
      return out;
    };
    expect(await statuses('/pages/assets/app.css')).toEqual(Array(8).fill(200));
    expect(await statuses('/pages/council')).toEqual(Array(8).fill(303));
    expect(await statuses('/pages/campaigns/c-2026')).toContain(429);
  });
});
