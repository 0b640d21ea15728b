import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { writeBundle } from '@vinhdanh/ledger';
import { auditTrail, dossier, dossiers, fairnessReport, type DossierStatus, type DossierSummary, type FairnessReport } from '@vinhdanh/projections';
import { Public, IdParam, ID_PATTERN } from '../api-parts';
import { html, type Html } from '../html';
import { statusText } from '../i18n/i18n';
import { notice } from '../layout';
import { pageContext, type PageContext } from '../page-context';
import { dossierFacts, evidenceSection, objectionsSection, scoresSection, timelineSection } from '../shared/dossier-view';
import { awardName, listCampaigns } from '../shared/season-views';
import { WEB_DEPS, WebDeps } from '../web-deps';
import { allow, errorPage, sendPage } from '../web-page';

const STATUSES: readonly DossierStatus[] = ['pledged', 'submitted', 'returned', 'evaluated', 'evaluation_failed', 'notice_open', 'notice_closed', 'voting', 'voted', 'vote_failed', 'approved', 'rejected', 'published', 'revoked', 'withdrawn'];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The auditor's pages: search, each dossier as a timeline, the fairness report, the audit bundle. */
@ApiTags('pages')
// Signed-in staff behind one office address must not share the anonymous budget; these pages need a session.
@SkipThrottle({ public: true })
@Controller('pages/audit')
export class AuditorPagesController {
  constructor(@Inject(WEB_DEPS) private readonly deps: WebDeps) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Page: search nominations' })
  @ApiQuery({ name: 'campaignId', required: false })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'q', required: false })
  async search(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['auditor'])) return;
    const { t } = ctx;
    const campaigns = await listCampaigns(this.deps.sql);
    const campaignId = ID_PATTERN.test(text(query.campaignId)) ? text(query.campaignId) : (campaigns[0]?.campaignId ?? '');
    const status = (STATUSES as readonly string[]).includes(text(query.status)) ? (text(query.status) as DossierStatus) : undefined;
    const q = text(query.q).trim().slice(0, 200);
    const campaign = campaigns.find((c) => c.campaignId === campaignId);
    let results: DossierSummary[] = [];
    if (campaign) {
      const all = await dossiers(this.deps.sql, { campaignId, ...(status ? { status } : {}), limit: 500 });
      const needle = q.toLocaleLowerCase('vi');
      results = needle ? all.filter((d) => d.nominationId.toLocaleLowerCase('vi').includes(needle) || (d.nominee?.name ?? '').toLocaleLowerCase('vi').includes(needle)) : all;
    }
    const body = html`
<form method="get" action="/pages/audit" role="search" class="card">
  <h2>${t('audit.search')}</h2>
  <label for="campaignId">${t('audit.campaign')}</label>
  <select id="campaignId" name="campaignId">${campaigns.map((c) => html`<option value="${c.campaignId}"${c.campaignId === campaignId ? html` selected` : ''}>${c.name} (${c.year})</option>`)}</select>
  <label for="status">${t('audit.statusFilter')}</label>
  <select id="status" name="status"><option value="">${t('audit.any')}</option>${STATUSES.map((s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${statusText(t, s)}</option>`)}</select>
  <label for="q">${t('audit.query')}</label>
  <input type="text" id="q" name="q" value="${q}">
  <p><button type="submit">${t('audit.go')}</button></p>
</form>
${campaign
  ? html`<p><a href="/pages/audit/campaigns/${encodeURIComponent(campaign.campaignId)}/fairness">${t('audit.fairness')}</a> ·
<a href="/pages/audit/bundle?campaignId=${encodeURIComponent(campaign.campaignId)}" download>${t('audit.bundle')}</a></p>
<p>${t('audit.bundleHelp')}</p>`
  : ''}
<h2>${t('audit.results', { count: results.length })}</h2>
${results.length
  ? html`<table><thead><tr><th scope="col">${t('fairness.nomination')}</th><th scope="col">${t('dossier.nominee')}</th><th scope="col">${t('dossier.award')}</th><th scope="col">${t('dossier.status')}</th></tr></thead>
<tbody>${results.map((d) => html`<tr><td><a href="/pages/audit/nominations/${encodeURIComponent(d.nominationId)}">${d.nominationId}</a></td><td>${d.nominee?.name ?? ''}</td><td>${awardName(campaign, d.awardCode, ctx.lang)}</td><td>${statusText(t, d.status)}</td></tr>`)}</tbody></table>`
  : html`<p>${t('audit.noResults')}</p>`}`;
    sendPage(reply, ctx, t('audit.title'), body);
  }

  @Get('nominations/:nominationId')
  @Public()
  @ApiOperation({ summary: 'Page: a dossier as a timeline (actor, time, rule, position, hash of every step)' })
  async nomination(@IdParam('nominationId') nominationId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['auditor'])) return;
    const found = await dossier(this.deps.sql, nominationId);
    if (!found) return errorPage(reply, ctx, 404, ctx.t('error.notFound'));
    const campaign = (await listCampaigns(this.deps.sql)).find((c) => c.campaignId === found.campaignId);
    const lines = new Map<number, string>();
    for (let after: number | undefined, i = 0; i < 20; i++) {
      const page = await auditTrail(this.deps.sql, { nominationId }, { limit: 500, ...(after !== undefined ? { after } : {}) });
      for (const line of page.lines) lines.set(line.position, line.line);
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    sendPage(
      reply,
      ctx,
      ctx.t('dossier.title', { id: nominationId }),
      html`${dossierFacts(ctx, found, campaign)}${timelineSection(ctx, found, lines)}${scoresSection(ctx, found)}${evidenceSection(ctx, found)}${objectionsSection(ctx, found)}`,
    );
  }

  @Get('campaigns/:campaignId/fairness')
  @Public()
  @ApiOperation({ summary: 'Page: the fairness report of a campaign, failing checks first' })
  async fairness(@IdParam('campaignId') campaignId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['auditor'])) return;
    const report = await fairnessReport(this.deps.sql, campaignId);
    sendPage(reply, ctx, ctx.t('fairness.title', { id: campaignId }), fairnessBody(ctx, report));
  }

  /** The ledger's export, streamed as it is written: memory stays flat whatever the log's size. */
  @Get('bundle')
  @Public()
  @ApiOperation({ summary: 'Download: the audit bundle (NDJSON), streamed' })
  @ApiQuery({ name: 'campaignId', required: false })
  async bundle(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['auditor'])) return;
    const campaignId = ID_PATTERN.test(text(query.campaignId)) ? text(query.campaignId) : null;
    if (!(await this.deps.ledger.latestCheckpoint())) return errorPage(reply, ctx, 409, 'LEDGER_NOT_CHECKPOINTED');
    const out = new PassThrough();
    const name = `vinhdanh-audit-${campaignId ?? 'all'}-${this.deps.clock().slice(0, 10)}.ndjson`;
    reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
    writeBundle(out, { sql: this.deps.sql, log: this.deps.store, campaignId }).then(
      () => out.end(),
      (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return reply.send(out);
  }
}

function resultBadge(ctx: PageContext, result: 'pass' | 'fail' | 'pending'): Html {
  const cls = result === 'pass' ? 'badge-ok' : result === 'fail' ? 'badge-bad' : 'badge-info';
  return html`<span class="badge ${cls}">${ctx.t(`fairness.${result}`)}</span>`;
}

function decisionsTable(ctx: PageContext, decisions: FairnessReport['decisions']): Html {
  const { t } = ctx;
  return html`<table><thead><tr><th scope="col">${t('fairness.nomination')}</th><th scope="col">${t('fairness.check')}</th><th scope="col">${t('fairness.result')}</th><th scope="col">${t('fairness.detail')}</th></tr></thead>
<tbody>${decisions.flatMap((d) =>
    [...d.checks]
      .sort((a, b) => Number(b.result === 'fail') - Number(a.result === 'fail'))
      .map((c, i) => html`<tr${c.result === 'fail' ? html` class="revoked"` : ''}>${i === 0 ? html`<th scope="row" rowspan="${d.checks.length}"><a href="/pages/audit/nominations/${encodeURIComponent(d.nominationId)}">${d.nominationId}</a></th>` : ''}<td>${c.check}</td><td>${resultBadge(ctx, c.result)}</td><td>${c.detail}</td></tr>`),
  )}</tbody></table>`;
}

export function fairnessBody(ctx: PageContext, report: FairnessReport): Html {
  const { t } = ctx;
  const failing = report.decisions.filter((d) => d.failed.length > 0);
  const passing = report.decisions.filter((d) => d.failed.length === 0);
  const dist = report.distribution;
  return html`
<section aria-labelledby="failing"><h2 id="failing">${t('fairness.failing')} (${failing.length})</h2>
${failing.length ? decisionsTable(ctx, failing) : notice('ok', '—')}</section>
<section aria-labelledby="summary"><h2 id="summary">${t('fairness.summary')}</h2>
<table><thead><tr><th scope="col">${t('fairness.check')}</th><th scope="col">${t('fairness.pass')}</th><th scope="col">${t('fairness.fail')}</th><th scope="col">${t('fairness.pending')}</th></tr></thead>
<tbody>${Object.entries(report.summary).map(([check, counts]) => html`<tr><th scope="row">${check}</th><td>${counts.pass}</td><td>${counts.fail}</td><td>${counts.pending}</td></tr>`)}</tbody></table></section>
<section aria-labelledby="distribution"><h2 id="distribution">${t('fairness.distribution', { count: dist.awards })}</h2>
<table><thead><tr><th scope="col">${t('honour.unit')}</th><th scope="col">${t('sec.count')}</th><th scope="col">${t('fairness.share')}</th></tr></thead>
<tbody>${dist.byUnit.map((u) => html`<tr><td>${u.unitId}</td><td>${u.count}</td><td>${(u.share * 100).toFixed(1)} %${u.outlier ? html` <span class="badge badge-bad">${t('fairness.outlier')}</span>` : ''}</td></tr>`)}</tbody></table></section>
<section aria-labelledby="passing"><h2 id="passing">${t('fairness.passing')} (${passing.length})</h2>
${passing.length ? decisionsTable(ctx, passing) : html`<p>${t('fairness.none')}</p>`}</section>`;
}
