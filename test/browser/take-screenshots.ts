/**
 * Saves the README's screenshots of the main pages under docs/screenshots/ (PNG), over the
 * browser tests' seeded season:
 *   node -r @swc-node/register -r reflect-metadata test/browser/take-screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NOMINATIONS, CAMPAIGN } from './support/season';
import { signInAs, startWebHarness } from './support/web-harness';

const OUT = join(__dirname, '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const web = await startWebHarness();
  try {
    const shot = async (page: import('playwright-core').Page, name: string) => {
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
      process.stdout.write(`docs/screenshots/${name}.png\n`);
    };
    const citizen = (await web.browser()).page;
    await citizen.goto(`${web.baseUrl}/pages`);
    await citizen.locator('tr', { hasText: NOMINATIONS.published.name }).getByRole('button').click();
    await citizen.locator(`#verify-${NOMINATIONS.published.id} dl`).waitFor();
    await shot(citizen, 'honour-list-verified');
    await citizen.goto(`${web.baseUrl}/pages?lang=en`);
    await shot(citizen, 'honour-list-en');
    await citizen.emulateMedia({ media: 'print' });
    await shot(citizen, 'honour-list-print');
    await citizen.emulateMedia({ media: 'screen' });
    await citizen.goto(`${web.baseUrl}/pages/notices/${NOMINATIONS.notice.id}?lang=vi`);
    await shot(citizen, 'public-notice');

    const member = (await web.browser()).page;
    await signInAs(member, web.baseUrl, 'Nguyễn Văn Minh');
    await shot(member, 'council-sessions');
    await member.goto(`${web.baseUrl}/pages/council/nominations/${NOMINATIONS.voting.id}`);
    await shot(member, 'council-dossier');
    await member.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
    await member.getByRole('button', { name: 'Tiếp tục' }).click();
    await shot(member, 'council-confirm');
    await member.getByRole('button', { name: 'Xác nhận và gửi phiếu' }).click();
    await shot(member, 'council-receipt');
    await member.goto(`${web.baseUrl}/pages/council/nominations/${NOMINATIONS.published.id}/tally`);
    await shot(member, 'council-tally');

    const auditor = (await web.browser()).page;
    await signInAs(auditor, web.baseUrl, 'Thanh tra viên');
    await shot(auditor, 'audit-search');
    await auditor.goto(`${web.baseUrl}/pages/audit/nominations/${NOMINATIONS.published.id}`);
    await shot(auditor, 'audit-timeline');
    await auditor.goto(`${web.baseUrl}/pages/audit/campaigns/${CAMPAIGN}/fairness`);
    await shot(auditor, 'audit-fairness');

    await web.catchUp();
    const clerk = (await web.browser()).page;
    await signInAs(clerk, web.baseUrl, 'Thư ký Hội đồng');
    await shot(clerk, 'secretariat');
    const publisher = (await web.browser()).page;
    await signInAs(publisher, web.baseUrl, 'Văn phòng UBND tỉnh');
    await shot(publisher, 'publisher');
    await publisher.goto(`${web.baseUrl}/pages/sign-in`);
    await shot(publisher, 'sign-in');
  } finally {
    await web.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
