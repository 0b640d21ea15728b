import { randomUUID } from 'node:crypto';
import type { CampaignProgress, DossierSummary, HonourEntry, TallyRow } from '@vinhdanh/projections';
import { html, type Html } from '../html';
import { statusText } from '../i18n/i18n';
import { csrfField } from '../layout';
import type { PageContext } from '../page-context';
import { awardName, type CampaignView, type CouncilView } from '../shared/season-views';

export interface CampaignPanel {
  campaign: CampaignView;
  progress: CampaignProgress | null;
  council: CouncilView | null;
  votes: TallyRow[];
  ready: DossierSummary[];
  approved: DossierSummary[];
  published: HonourEntry[];
}

const enc = encodeURIComponent;
const isSecretary = (ctx: PageContext) => Boolean(ctx.user?.roles.includes('council_secretary'));
const isPublisher = (ctx: PageContext) => Boolean(ctx.user?.roles.includes('publisher'));

function progressSection(ctx: PageContext, p: CampaignProgress): Html {
  const { t } = ctx;
  return html`<h3>${t('sec.progress')} — ${t('sec.phase', { phase: p.phase })}</h3>
<table><thead><tr><th scope="col">${t('sec.stage')}</th><th scope="col">${t('sec.count')}</th></tr></thead>
<tbody>${Object.entries(p.byStage).map(([stage, n]) => html`<tr><td>${statusText(t, stage)}</td><td>${n}</td></tr>`)}</tbody></table>
<h3>${t('sec.overdue')} (${p.overdue.length})</h3>
${p.overdue.length
  ? html`<table><thead><tr><th scope="col">${t('fairness.nomination')}</th><th scope="col">${t('honour.unit')}</th><th scope="col">${t('sec.nextStep')}</th><th scope="col">${t('sec.dueAt')}</th><th scope="col">${t('sec.waitingOn')}</th></tr></thead>
<tbody>${p.overdue.map((o) => html`<tr class="revoked"><td>${o.nominationId}</td><td>${o.unitId}</td><td>${o.nextStep}</td><td>${ctx.date(o.dueAt)}</td><td>${o.waitingOn.join(', ')}</td></tr>`)}</tbody></table>`
  : html`<p>${t('sec.noOverdue')}</p>`}
${p.upcomingDeadlines.length ? html`<h3>${t('sec.upcoming')}</h3><ul>${p.upcomingDeadlines.slice(0, 4).map((d) => html`<li>${d.deadline}: ${ctx.date(d.dueAt)}</li>`)}</ul>` : ''}`;
}

/** Who voted, never what: a secret ballot's choices are not on this page, even after the count. */
function participation(ctx: PageContext, row: TallyRow, council: CouncilView): Html {
  const { t } = ctx;
  const name = (id: string) => council.members.find((m) => m.memberId === id)?.name ?? id;
  return html`<li data-vote="${row.nominationId}"><strong>${row.nominationId}</strong> — ${t('sec.participationOf', { count: row.participation.length, eligible: row.eligible.length })}
${row.ballot === 'secret' ? html`<br><small>${t('sec.secretNote')}</small>` : ''}
<br>${row.participation.map(name).join(', ')}
${row.status === 'open' && isSecretary(ctx)
  ? html`<form method="post" action="/pages/secretariat/nominations/${enc(row.nominationId)}/voting/close" class="inline">${csrfField(ctx)}<input type="hidden" name="sessionId" value="${row.sessionId}"> <button type="submit" class="secondary">${t('sec.closeVoting')}</button></form>`
  : ''}
</li>`;
}

function sessionsSection(ctx: PageContext, panel: CampaignPanel, council: CouncilView): Html {
  const { t } = ctx;
  const open = council.sessions.filter((s) => !s.closedAt);
  return html`<h3>${t('sec.sessions', { id: council.name })}</h3>
${council.sessions.map((s) => {
  const votes = panel.votes.filter((v) => v.sessionId === s.sessionId);
  return html`<div class="card" data-session="${s.sessionId}">
  <p><strong>${t('council.session', { id: s.sessionId })}</strong> <span class="badge ${s.closedAt ? 'badge-info' : 'badge-ok'}">${t(s.closedAt ? 'council.sessionClosed' : 'council.sessionOpen')}</span>
  ${!s.closedAt && isSecretary(ctx)
    ? html`<form method="post" action="/pages/secretariat/councils/${enc(council.councilId)}/sessions/${enc(s.sessionId)}/close" class="inline">${csrfField(ctx)}<button type="submit" class="secondary">${t('sec.closeSession')}</button></form>`
    : ''}</p>
  <p>${t('sec.present')}: ${s.present.length}</p>
  ${votes.length ? html`<h4>${t('sec.participation')}</h4><ul>${votes.map((v) => participation(ctx, v, council))}</ul>` : ''}
</div>`;
})}
${isSecretary(ctx) && panel.ready.length && open.length
  ? html`<h4>${t('sec.readyForVote')}</h4><ul>${panel.ready.map(
      (d) => html`<li>${d.nominationId} — ${d.nominee?.name ?? ''}
<form method="post" action="/pages/secretariat/nominations/${enc(d.nominationId)}/voting" class="inline">${csrfField(ctx)}
<label class="visually-hidden" for="vs-${d.nominationId}">${t('sec.sessionId')}</label>
<select id="vs-${d.nominationId}" name="sessionId">${open.map((s) => html`<option value="${s.sessionId}">${s.sessionId}</option>`)}</select>
<button type="submit">${t('sec.openVoting')}</button></form></li>`,
    )}</ul>`
  : ''}
${isSecretary(ctx)
  ? html`<form method="post" action="/pages/secretariat/councils/${enc(council.councilId)}/sessions" class="card">
  <h4>${t('sec.openSession')}</h4>
  ${csrfField(ctx)}
  <input type="hidden" name="_key" value="${randomUUID()}">
  <label for="sid-${council.councilId}">${t('sec.sessionId')}</label>
  <input type="text" id="sid-${council.councilId}" name="sessionId" required pattern="[A-Za-z0-9][A-Za-z0-9._:\\-]{0,99}">
  <fieldset><legend>${t('sec.present')}</legend>
  ${council.members.map((m) => html`<label><input type="checkbox" name="present" value="${m.memberId}" checked> ${m.name}</label>`)}
  </fieldset>
  <button type="submit">${t('sec.openSession')}</button>
</form>`
  : ''}`;
}

function publicationSection(ctx: PageContext, panel: CampaignPanel): Html {
  const { t } = ctx;
  const lists = [...new Set(panel.published.map((e) => e.honourListId))];
  const suggested = lists.at(-1) ?? `hl-${panel.campaign.campaignId}`;
  return html`<h3>${t('sec.publish')}</h3>
${panel.approved.length
  ? html`<form method="post" action="/pages/secretariat/campaigns/${enc(panel.campaign.campaignId)}/publication">
  ${csrfField(ctx)}
  <input type="hidden" name="_key" value="${randomUUID()}">
  <fieldset><legend>${t('sec.approved')}</legend>
  ${panel.approved.map((d) => html`<label><input type="checkbox" name="nominationId" value="${d.nominationId}" checked> ${d.nominee?.name ?? d.nominationId} — ${awardName(panel.campaign, d.awardCode, ctx.lang)}</label>`)}
  </fieldset>
  <label for="hl-${panel.campaign.campaignId}">${t('sec.honourListId')}</label>
  <input type="text" id="hl-${panel.campaign.campaignId}" name="honourListId" value="${suggested}" required>
  <p><button type="submit">${t('sec.publishButton', { count: panel.approved.length })}</button></p>
</form>`
  : html`<p>${t('sec.noApproved')}</p>`}`;
}

export function campaignSection(ctx: PageContext, panel: CampaignPanel): Html {
  return html`<section aria-labelledby="c-${panel.campaign.campaignId}">
<h2 id="c-${panel.campaign.campaignId}">${panel.campaign.name} (${panel.campaign.year})</h2>
${panel.progress ? progressSection(ctx, panel.progress) : ''}
${panel.council ? sessionsSection(ctx, panel, panel.council) : ''}
${isPublisher(ctx) ? publicationSection(ctx, panel) : ''}
</section>`;
}
