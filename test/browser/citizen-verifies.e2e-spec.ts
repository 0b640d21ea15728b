import { NOMINATIONS } from './support/season';
import { startWebHarness, type WebHarness } from './support/web-harness';

describe('a citizen on the public honour list', () => {
  let web: WebHarness;
  beforeAll(async () => {
    web = await startWebHarness();
  });
  afterAll(async () => {
    await web?.close();
  });

  it('verifies an entry in the browser and sees what was checked', async () => {
    const { page } = await web.browser();
    await page.goto(`${web.baseUrl}/pages`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const row = page.locator('tr', { hasText: NOMINATIONS.published.name });
    await row.getByRole('button').click();
    const result = page.locator(`#verify-${NOMINATIONS.published.id}`);
    await result.locator('dl').waitFor();
    expect(await result.getAttribute('data-result')).toBe('valid');
    const text = await result.innerText();
    expect(text).toMatch(/[0-9a-f]{64}/); // the leaf hash and the root are shown
    expect(text).toContain('Chữ ký hợp lệ');
    expect(await result.locator('ol li').count()).toBeGreaterThan(0); // the proof path
  });

  it('works from the keyboard: the first Tab reaches the skip link, and Enter on Verify runs the check', async () => {
    const { page } = await web.browser();
    await page.goto(`${web.baseUrl}/pages`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.locator(`button[data-verify="${NOMINATIONS.published.id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.locator(`#verify-${NOMINATIONS.published.id} dl`).waitFor();
    expect(await page.locator(`#verify-${NOMINATIONS.published.id}`).getAttribute('data-result')).toBe('valid');
  });

  it('marks the revoked entry', async () => {
    const { page } = await web.browser();
    await page.goto(`${web.baseUrl}/pages?lang=en`);
    const row = page.locator('tr.revoked', { hasText: NOMINATIONS.revoked.name });
    await expect(row.innerText()).resolves.toContain('Revoked');
  });

  it('sees the check fail when one byte of the proof was changed on the way', async () => {
    const { page } = await web.browser();
    await page.route(`**/honour-list/${NOMINATIONS.published.id}/proof`, async (route) => {
      const response = await route.fetch();
      const proof = await response.json();
      const publication = proof.events.find((e: { type: string }) => e.type === 'NominationPublished');
      const first: string = publication.inclusionProof[0];
      publication.inclusionProof[0] = (first[0] === '0' ? '1' : '0') + first.slice(1);
      await route.fulfill({ response, json: proof });
    });
    await page.goto(`${web.baseUrl}/pages`);
    await page.locator('tr', { hasText: NOMINATIONS.published.name }).getByRole('button').click();
    const result = page.locator(`#verify-${NOMINATIONS.published.id}`);
    await result.locator('dl').waitFor();
    expect(await result.getAttribute('data-result')).toBe('invalid');
    expect(await result.getAttribute('data-reason')).toBe('ROOT_MISMATCH');
    expect(await result.innerText()).toContain('không dẫn tới gốc đã ký'); // said in the page's language
  });

  it('sees the check fail when the stored event was edited', async () => {
    const { page } = await web.browser();
    await page.route(`**/honour-list/${NOMINATIONS.published.id}/proof`, async (route) => {
      const response = await route.fetch();
      const proof = await response.json();
      const approved = proof.events.find((e: { type: string }) => e.type === 'NominationApproved');
      approved.data.decisionNumber = '9999/QĐ-UBND';
      await route.fulfill({ response, json: proof });
    });
    await page.goto(`${web.baseUrl}/pages`);
    await page.locator('tr', { hasText: NOMINATIONS.published.name }).getByRole('button').click();
    const result = page.locator(`#verify-${NOMINATIONS.published.id}`);
    await result.locator('dl').waitFor();
    expect(await result.getAttribute('data-result')).toBe('invalid');
    expect(await result.getAttribute('data-reason')).toBe('LEAF_MISMATCH');
    expect(await result.innerText()).toContain('đã bị sửa');
  });
});
