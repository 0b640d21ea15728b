import { NOMINATIONS } from './support/season';
import { startFakeIdentityProvider, type FakeIdentityProvider } from './support/fake-identity-provider';
import { startWebHarness, type WebHarness } from './support/web-harness';

describe('signing in through the configured OpenID Connect provider', () => {
  let idp: FakeIdentityProvider;
  let web: WebHarness;
  const saved = { ...process.env };
  beforeAll(async () => {
    idp = await startFakeIdentityProvider();
    process.env.OIDC_ISSUER = idp.issuer;
    process.env.OIDC_CLIENT_ID = idp.clientId;
    web = await startWebHarness({ env: { VINHDANH_MODE: 'production' } });
  });
  afterAll(async () => {
    process.env = saved;
    await web?.close();
    await idp?.close();
  });

  it('runs the authorization-code flow with PKCE and lands the member on their page, in production mode', async () => {
    const { page } = await web.browser();
    await page.goto(`${web.baseUrl}/pages/council/nominations/${NOMINATIONS.voting.id}`);
    expect(new URL(page.url()).pathname).toBe('/pages/sign-in');
    expect(await page.locator('input[name=person]').count()).toBe(0); // no local sign-in in production
    await page.getByRole('link', { name: /SSO/ }).click();
    await page.waitForURL(`${web.baseUrl}/pages/council/nominations/${NOMINATIONS.voting.id}`);
    expect(idp.refusals).toEqual([]);
    await expect(page.locator('.session').innerText()).resolves.toContain('Trần Thị Lan');
    expect(await page.locator('input[name=choice]').count()).toBe(3); // m-2 may vote: the ballot form is there
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'vd_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('refuses a callback whose state was not issued to this browser', async () => {
    const { page } = await web.browser();
    const response = await page.goto(`${web.baseUrl}/pages/sign-in/oidc/callback?code=x&state=forged`);
    expect(response?.status()).toBe(401);
  });
});
