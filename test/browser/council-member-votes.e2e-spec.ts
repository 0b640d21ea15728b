import { CommandBus } from '@nestjs/cqrs';
import { CastBallotCommand } from '@vinhdanh/application';
import { NOMINATIONS, SESSION } from './support/season';
import { signInAs, startWebHarness, type WebHarness } from './support/web-harness';

describe('a council member on the council pages', () => {
  const n = NOMINATIONS.voting.id;
  let web: WebHarness;
  beforeAll(async () => {
    web = await startWebHarness();
  });
  afterAll(async () => {
    await web?.close();
  });

  it('casts a secret ballot with a confirmation step, then finds the receipt in the published tally', async () => {
    const { page } = await web.browser();
    await signInAs(page, web.baseUrl, 'Nguyễn Văn Minh');
    expect(new URL(page.url()).pathname).toBe('/pages/council');
    const item = page.locator('li', { hasText: n });
    await expect(item.locator('[data-standing]').getAttribute('data-standing')).resolves.toBe('canVote');
    await item.getByRole('link', { name: n }).click();
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Xác nhận phiếu bầu');
    await page.getByRole('button', { name: 'Xác nhận và gửi phiếu' }).click();
    const receipt = await page.locator('#receipt').innerText();
    expect(receipt).toMatch(/^[0-9a-f-]{36}$/);

    // The page now says why a second ballot is impossible.
    await web.catchUp();
    await page.goto(`${web.baseUrl}/pages/council/nominations/${n}`);
    await expect(page.locator('[data-standing]').first().getAttribute('data-standing')).resolves.toBe('voted');
    expect(await page.locator('input[name=choice]').count()).toBe(0);

    // The others vote, the secretary closes the vote from the secretariat page.
    const bus = web.app.get(CommandBus);
    for (const member of ['m-2', 'm-3', 'm-4']) {
      await bus.execute(
        new CastBallotCommand({ nominationId: n, sessionId: SESSION, choice: 'yes' }, { actor: { id: member, roles: ['council_member'] }, now: web.clock.now, correlationId: `vote-${member}` }),
      );
    }
    await web.catchUp();
    const secretary = (await web.browser()).page;
    await signInAs(secretary, web.baseUrl, 'Thư ký Hội đồng');
    const vote = secretary.locator(`[data-vote="${n}"]`);
    await expect(vote.innerText()).resolves.toContain('4 trên 4');
    expect(await vote.innerText()).not.toMatch(/Đồng ý|Không đồng ý/); // participation only, never the choices
    await vote.getByRole('button', { name: 'Kết thúc bỏ phiếu' }).click();
    await secretary.locator('.notice-ok').waitFor();
    await web.catchUp();

    await page.goto(`${web.baseUrl}/pages/council/nominations/${n}/tally`);
    // The receipt was kept in this browser's storage; the search runs here, not on the server.
    await expect(page.locator('#receipt-input').inputValue()).resolves.toBe(receipt);
    await page.getByRole('button', { name: 'Tìm mã biên nhận của tôi' }).click();
    await expect(page.locator('#find-status').innerText()).resolves.toContain('Đã tìm thấy');
    await expect(page.locator('tr.mine').getAttribute('data-ballot')).resolves.toBe(receipt);
    expect(await page.locator('tr[data-ballot]').count()).toBe(4);
    const logged = web.logs.join('\n');
    expect(logged).toContain('/ballot'); // the requests were logged…
    expect(logged).not.toMatch(/choice|Đồng ý|"yes"/); // …never what was chosen
    expect(logged).not.toContain(receipt);
  });

  it('tells a recused member why they cannot vote', async () => {
    const { page } = await web.browser();
    await signInAs(page, web.baseUrl, 'Võ Quốc Bảo');
    await page.goto(`${web.baseUrl}/pages/council/nominations/${n}?lang=en`);
    const standing = page.locator('[data-standing]').first();
    await expect(standing.getAttribute('data-standing')).resolves.toBe('recused');
    await expect(standing.innerText()).resolves.toContain('You cannot vote: You are recused');
    expect(await page.locator('input[name=choice]').count()).toBe(0);
  });
});
