import { readFileSync } from 'node:fs';
import { CAMPAIGN, NOMINATIONS } from './support/season';
import { signInAs, startWebHarness, type WebHarness } from './support/web-harness';

describe('the auditor and the clerk', () => {
  let web: WebHarness;
  beforeAll(async () => {
    web = await startWebHarness();
  });
  afterAll(async () => {
    await web?.close();
  });

  it('lets an auditor find a dossier, read it as a timeline with positions and hashes, and open the fairness report', async () => {
    const { page } = await web.browser();
    await signInAs(page, web.baseUrl, 'Thanh tra viên');
    expect(new URL(page.url()).pathname).toBe('/pages/audit');
    await page.getByLabel('Mã hồ sơ hoặc tên').fill('Mai');
    await page.getByRole('button', { name: 'Tìm' }).click();
    const results = page.locator('tbody tr');
    expect(await results.count()).toBe(1);
    await results.getByRole('link', { name: NOMINATIONS.published.id }).click();
    const steps = page.locator('.timeline > li');
    const types = await steps.locator('dd[data-type]').allInnerTexts();
    expect(types).toEqual(expect.arrayContaining(['NominationSubmitted', 'BallotCast', 'NominationApproved', 'NominationPublished']));
    const first = steps.first();
    expect(await first.innerText()).toMatch(/[0-9a-f]{64}/); // the event's hash
    expect(await first.getAttribute('data-position')).toMatch(/^\d+$/);

    await page.goto(`${web.baseUrl}/pages/audit/campaigns/${CAMPAIGN}/fairness?lang=en`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Fairness report: ${CAMPAIGN}`);
    const sections = await page.locator('main h2').allInnerTexts();
    expect(sections[0]).toMatch(/^Decisions with failing checks/); // failing first
    expect(await page.locator('#summary ~ table tbody tr, section[aria-labelledby=summary] tbody tr').count()).toBeGreaterThan(5);
  });

  it('streams the audit bundle to the auditor', async () => {
    const { page } = await web.browser();
    await signInAs(page, web.baseUrl, 'Thanh tra viên');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải gói kiểm tra (NDJSON)' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; type?: string });
    expect(lines.length).toBeGreaterThan(50);
    expect(JSON.stringify(lines)).not.toMatch(/"contact"/);
  });

  it('lets the clerk publish the approved list, which then shows on the public page', async () => {
    const { page } = await web.browser();
    await signInAs(page, web.baseUrl, 'Văn phòng UBND tỉnh');
    expect(new URL(page.url()).pathname).toBe('/pages/secretariat');
    const form = page.locator('form[action$="/publication"]');
    await expect(form.getByRole('checkbox', { name: new RegExp(NOMINATIONS.approved.name) }).isChecked()).resolves.toBe(true);
    await form.getByRole('button', { name: /Công bố 1 hồ sơ/ }).click();
    await expect(page.locator('.notice-ok').innerText()).resolves.toContain('Đã công bố 1 hồ sơ vào danh sách hl-2026');
    await web.catchUp();
    await page.goto(`${web.baseUrl}/pages`);
    const row = page.locator('tr', { hasText: NOMINATIONS.approved.name });
    await expect(row.locator('td').first().innerText()).resolves.toBe('3');
    await row.getByRole('button').click();
    await page.locator(`#verify-${NOMINATIONS.approved.id} dl`).waitFor();
    expect(await page.locator(`#verify-${NOMINATIONS.approved.id}`).getAttribute('data-result')).toBe('valid');
  });

  it('sends a visitor who is not signed in to the sign-in page, and refuses a role the page is not for', async () => {
    const { page } = await web.browser();
    await page.goto(`${web.baseUrl}/pages/audit`);
    expect(new URL(page.url()).pathname).toBe('/pages/sign-in');
    await signInAs(page, web.baseUrl, 'Trần Thị Lan');
    const response = await page.goto(`${web.baseUrl}/pages/secretariat`);
    expect(response?.status()).toBe(403);
  });
});
