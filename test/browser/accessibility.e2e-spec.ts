import { CAMPAIGN, NOMINATIONS } from './support/season';
import { accessibilityViolations } from './support/a11y-check';
import { signInAs, startWebHarness, type WebHarness } from './support/web-harness';

describe('every main page passes the accessibility check, in both languages', () => {
  let web: WebHarness;
  beforeAll(async () => {
    web = await startWebHarness();
  });
  afterAll(async () => {
    await web?.close();
  });

  const pagesOf: [string | null, string[]][] = [
    [null, ['/pages', `/pages/notices/${NOMINATIONS.notice.id}`, '/pages/sign-in']],
    ['Nguyễn Văn Minh', ['/pages/council', `/pages/council/nominations/${NOMINATIONS.voting.id}`, `/pages/council/nominations/${NOMINATIONS.published.id}/tally`]],
    ['Thanh tra viên', ['/pages/audit', `/pages/audit/nominations/${NOMINATIONS.published.id}`, `/pages/audit/campaigns/${CAMPAIGN}/fairness`]],
    ['Thư ký Hội đồng', ['/pages/secretariat']],
    ['Văn phòng UBND tỉnh', ['/pages/secretariat']],
  ];

  it('has a check that can fail: it catches faint text, an unlabelled field and a second h1', async () => {
    const { page } = await web.browser();
    await page.goto(`${web.baseUrl}/pages`);
    await page.evaluate(() => {
      const main = document.getElementById('main')!;
      const faint = document.createElement('p');
      faint.textContent = 'faint';
      faint.style.color = '#bbbbbb';
      main.append(faint, document.createElement('input'), document.createElement('h1'));
    });
    const found = await page.evaluate(accessibilityViolations);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^contrast 1\.\d+ for p "faint"/), 'unlabelled input', '2 h1 elements']));
  });

  it.each(pagesOf)('pages of %s', async (person, urls) => {
    const { page } = await web.browser();
    if (person) await signInAs(page, web.baseUrl, person);
    const found: string[] = [];
    for (const url of urls) {
      for (const lang of ['vi', 'en']) {
        const response = await page.goto(`${web.baseUrl}${url}?lang=${lang}`);
        expect(response?.status()).toBe(200);
        if (url === '/pages') {
          await page.locator('button[data-verify]').first().click();
          await page.locator('.verify-result dl').first().waitFor();
        }
        found.push(...(await page.evaluate(accessibilityViolations)).map((v) => `${url}?lang=${lang}: ${v}`));
      }
    }
    expect(found).toEqual([]);
  });
});
