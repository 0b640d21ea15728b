import type { HonourEntry } from '@vinhdanh/projections';
import type { DossierSummary } from '@vinhdanh/projections';
import { html, jsonScript, type Html } from '../html';
import { notice } from '../layout';
import type { PageContext } from '../page-context';
import { awardName, type CampaignView } from '../shared/season-views';

/** The words the client script shows (verification report, receipt search). */
export function clientMessages(ctx: PageContext): Html {
  const keys = [
    'verify.running',
    'verify.ok',
    'verify.fail',
    'verify.leaf',
    'verify.path',
    'verify.root',
    'verify.size',
    'verify.keyId',
    'verify.signature',
    'verify.events',
    'verify.decisionInLog',
    'verify.yes',
    'verify.no',
    'verify.reason.UNKNOWN_KEY',
    'verify.reason.BAD_SIGNATURE',
    'verify.reason.FOREIGN_EVENT',
    'verify.reason.LEAF_MISMATCH',
    'verify.reason.ROOT_MISMATCH',
    'verify.reason.NO_PUBLICATION',
    'verify.reason.DECISION_MISMATCH',
    'tally.found',
    'tally.notFound',
  ] as const;
  return jsonScript('client-messages', Object.fromEntries(keys.map((k) => [k, ctx.t(k)])));
}

function entryRow(ctx: PageContext, e: HonourEntry): Html {
  const { t } = ctx;
  const revoked = e.status === 'revoked';
  return html`<tr class="${revoked ? 'revoked' : ''}">
  <td>${e.rank}</td>
  <td class="nominee">${e.nomineeName}</td>
  <td>${e.unitId}</td>
  <td>${e.decisionNumber}</td>
  <td>${ctx.date(e.decisionDate)}</td>
  <td>${revoked
    ? html`<span class="badge badge-bad">${t('honour.revoked')}</span>${e.revocation ? html`<br><small>${t('honour.revokedBy', { number: e.revocation.decisionNumber, date: ctx.date(e.revocation.decisionDate) })}</small>` : ''}`
    : html`<span class="badge badge-ok">${t('honour.published')}</span>`}</td>
  <td class="no-print">
    <button type="button" class="secondary" data-verify="${e.nominationId}" data-decision="${e.decisionNumber}" aria-label="${t('honour.verify.label', { name: e.nomineeName })}" aria-controls="verify-${e.nominationId}" hidden>${t('honour.verify')}</button>
    <a href="/honour-list/${encodeURIComponent(e.nominationId)}/proof" download="proof-${e.nominationId}.json">${t('verify.download')}</a>
  </td>
</tr>
<tr class="no-print verify-row"><td colspan="7"><div id="verify-${e.nominationId}" class="verify-result" role="status" aria-live="polite"></div></td></tr>`;
}

/** One campaign's published list, grouped by award, with verify buttons and open notices. */
export function honourListBody(ctx: PageContext, campaign: CampaignView, entries: HonourEntry[], notices: DossierSummary[], keys: string[], others: CampaignView[]): Html {
  const { t } = ctx;
  const byAward = new Map<string, HonourEntry[]>();
  for (const e of entries) byAward.set(e.awardCode, [...(byAward.get(e.awardCode) ?? []), e]);
  return html`
<p class="lead">${t('honour.campaign', { name: campaign.name, year: campaign.year })}</p>
<p class="no-print"><button type="button" data-print hidden>${t('honour.print')}</button></p>
<noscript><p>${t('verify.noscript')}</p></noscript>
${entries.length === 0 ? notice('info', t('honour.empty')) : ''}
${[...byAward.entries()].map(
  ([code, list]) => html`<section aria-labelledby="award-${code}">
<h2 id="award-${code}">${awardName(campaign, code, ctx.lang)}</h2>
<table>
  <caption class="visually-hidden">${awardName(campaign, code, ctx.lang)}</caption>
  <thead><tr><th scope="col">${t('honour.rank')}</th><th scope="col">${t('honour.nominee')}</th><th scope="col">${t('honour.unit')}</th><th scope="col">${t('honour.decision')}</th><th scope="col">${t('honour.decisionDate')}</th><th scope="col">${t('honour.status')}</th><th scope="col" class="no-print"><span class="visually-hidden">${t('honour.verify')}</span></th></tr></thead>
  <tbody>${list.map((e) => entryRow(ctx, e))}</tbody>
</table>
</section>`,
)}
<section class="no-print" aria-labelledby="notices">
<h2 id="notices">${t('honour.notices')}</h2>
${notices.length === 0
  ? html`<p>${t('honour.noNotices')}</p>`
  : html`<ul>${notices.map((n) => html`<li>${n.nominee?.name ?? n.nominationId} — ${awardName(campaign, n.awardCode, ctx.lang)} — <a href="/pages/notices/${encodeURIComponent(n.nominationId)}">${t('honour.object')}</a></li>`)}</ul>`}
</section>
${others.length > 1
  ? html`<section class="no-print" aria-labelledby="campaigns"><h2 id="campaigns">${t('honour.campaigns')}</h2><ul>${others.map((c) => html`<li><a href="/pages/campaigns/${encodeURIComponent(c.campaignId)}">${c.name} (${c.year})</a></li>`)}</ul></section>`
  : ''}
${jsonScript('ledger-keys', keys)}
${clientMessages(ctx)}`;
}
