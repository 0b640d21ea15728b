import type { Dossier } from '@vinhdanh/projections';
import { html, type Html } from '../html';
import { statusText } from '../i18n/i18n';
import type { PageContext } from '../page-context';
import { awardName, type CampaignView } from './season-views';

export function dossierFacts(ctx: PageContext, d: Dossier, campaign: CampaignView | undefined): Html {
  const { t } = ctx;
  return html`<dl class="facts">
  <dt>${t('dossier.nominee')}</dt><dd>${d.nominee?.name ?? ''} <span class="mono">(${d.nominee?.unitId ?? ''})</span></dd>
  <dt>${t('dossier.award')}</dt><dd>${awardName(campaign, d.awardCode, ctx.lang)}</dd>
  <dt>${t('dossier.status')}</dt><dd><span class="badge badge-info" data-status="${d.status}">${statusText(t, d.status)}</span></dd>
</dl>`;
}

export function scoresSection(ctx: PageContext, d: Dossier): Html {
  const { t } = ctx;
  return html`<section aria-labelledby="scores"><h2 id="scores">${t('dossier.scores')}</h2>
${d.scores.length
  ? html`<table><thead><tr><th scope="col">${t('dossier.evaluator')}</th><th scope="col">${t('dossier.criterion')}</th><th scope="col">${t('dossier.score')}</th></tr></thead>
<tbody>${d.scores.map((s) => html`<tr><td>${s.evaluatorId}</td><td>${s.criterionCode}</td><td>${s.score}</td></tr>`)}</tbody></table>`
  : ''}
${d.evaluation ? html`<p>${t('dossier.total', { total: d.evaluation.weightedTotal, pass: d.evaluation.passMark })}</p>` : ''}
</section>`;
}

export function evidenceSection(ctx: PageContext, d: Dossier): Html {
  const { t } = ctx;
  return html`<section aria-labelledby="evidence"><h2 id="evidence">${t('dossier.evidence')}</h2>
${d.evidence.length
  ? html`<ul>${d.evidence.map((e) => html`<li>${e.name} <span class="mono">${e.mediaType} · SHA-256 ${e.sha256}</span></li>`)}</ul>`
  : html`<p>${t('dossier.noEvidence')}</p>`}
</section>`;
}

export function objectionsSection(ctx: PageContext, d: Dossier): Html {
  const { t } = ctx;
  return html`<section aria-labelledby="objections"><h2 id="objections">${t('dossier.objections')}</h2>
${d.objections.length
  ? html`<ul>${d.objections.map(
      (o) => html`<li>${o.summary} — <strong>${t(o.outcome === 'upheld' ? 'dossier.outcome.upheld' : o.outcome === 'dismissed' ? 'dossier.outcome.dismissed' : 'dossier.outcome.open')}</strong>${o.reason ? html`: ${o.reason}` : ''}</li>`,
    )}</ul>`
  : html`<p>${t('dossier.noObjections')}</p>`}
</section>`;
}

/**
 * Every step: position and hash in the log, actor, time, the event, the rule it kept. The
 * readable sentence of each step comes from the audit trail (`lines`, by log position).
 */
export function timelineSection(ctx: PageContext, d: Dossier, lines: ReadonlyMap<number, string>): Html {
  const { t } = ctx;
  return html`<section aria-labelledby="timeline"><h2 id="timeline">${t('dossier.timeline')}</h2>
<ol class="timeline">
${d.steps.map(
  (s) => html`<li data-position="${s.position}">
  <p><strong>${lines.get(s.position) ?? s.type}</strong></p>
  <dl class="facts">
    <dt>${t('dossier.event')}</dt><dd data-type>${s.type}</dd>
    <dt>${t('dossier.actor')}</dt><dd class="mono">${s.actorId}</dd>
    <dt>${t('dossier.time')}</dt><dd><time datetime="${s.at}">${ctx.date(s.at)}</time></dd>
    <dt>${t('dossier.position')}</dt><dd class="mono">${s.position}</dd>
    ${s.rule ? html`<dt>${t('dossier.rule')}</dt><dd class="wide">${s.rule}</dd>` : ''}
    <dt>${t('dossier.hash')}</dt><dd class="mono wide">${s.hash}</dd>
  </dl>
</li>`,
)}
</ol></section>`;
}
