import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CastBallotCommand, DeclareConflictCommand, type CastBallotResult } from '@vinhdanh/application';
import type { Choice } from '@vinhdanh/domain';
import { dossier, tallies, type TallyRow } from '@vinhdanh/projections';
import { Public, IdParam } from '../api-parts';
import { html, type Html } from '../html';
import { csrfField, notice } from '../layout';
import { pageContext, type PageContext } from '../page-context';
import { clientMessages } from '../public/honour-list-page';
import { dossierFacts, evidenceSection, objectionsSection, scoresSection } from '../shared/dossier-view';
import { listCampaigns, readCouncil, type CouncilView } from '../shared/season-views';
import { WEB_DEPS, WebDeps, describeFailure, formFields } from '../web-deps';
import { allow, errorPage, sendPage } from '../web-page';
import { STANDING_MESSAGE, standingOf } from './member-standing';

const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];
const isChoice = (value: unknown): value is Choice => typeof value === 'string' && (CHOICES as readonly string[]).includes(value);
const path = (nominationId: string, rest = '') => `/pages/council/nominations/${encodeURIComponent(nominationId)}${rest}`;

/** A council member's pages: sessions and agenda, each dossier, conflict, ballot, receipt, tally. */
@ApiTags('pages')
// Signed-in staff behind one office address must not share the anonymous budget; these pages need a session.
@SkipThrottle({ public: true })
@Controller('pages/council')
export class CouncilPagesController {
  constructor(
    @Inject(WEB_DEPS) private readonly deps: WebDeps,
    private readonly commands: CommandBus,
  ) {}

  private async councilsOf(memberId: string): Promise<CouncilView[]> {
    const ids = [...new Set((await listCampaigns(this.deps.sql)).map((c) => c.councilId))];
    const councils = await Promise.all(ids.map((id) => readCouncil(this.deps.store, id)));
    return councils.filter((c): c is CouncilView => c !== null && c.members.some((m) => m.memberId === memberId));
  }

  /** The latest vote on the nomination (a nomination can come back in a later session). */
  private async latestTally(nominationId: string): Promise<TallyRow | undefined> {
    const rows = await tallies(this.deps.sql, { nominationId });
    return rows.at(-1);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Page: the member\'s sessions and the nominations on the agenda' })
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['council_member'])) return;
    const { t } = ctx;
    const me = ctx.user!.id;
    const councils = await this.councilsOf(me);
    const sections: Html[] = [];
    for (const council of councils) {
      for (const session of [...council.sessions].reverse()) {
        const agenda = (await tallies(this.deps.sql, { sessionId: session.sessionId })).filter((r) => r.councilId === council.councilId);
        const nominees = new Map<string, string>();
        for (const row of agenda) nominees.set(row.nominationId, (await dossier(this.deps.sql, row.nominationId))?.nominee?.name ?? '');
        sections.push(html`<section class="card" aria-labelledby="s-${session.sessionId}">
<h2 id="s-${session.sessionId}">${t('council.session', { id: session.sessionId })} — ${council.name}
  <span class="badge ${session.closedAt ? 'badge-info' : 'badge-ok'}">${t(session.closedAt ? 'council.sessionClosed' : 'council.sessionOpen')}</span></h2>
<h3>${t('council.agenda')}</h3>
${agenda.length
  ? html`<ul>${agenda.map((row) => {
      const standing = standingOf(row, me);
      return html`<li><a href="${path(row.nominationId)}">${row.nominationId}</a> ${nominees.get(row.nominationId) ?? ''} — <span data-standing="${standing}">${t(STANDING_MESSAGE[standing])}</span>${row.status !== 'open' ? html` — <a href="${path(row.nominationId, '/tally')}">${t('receipt.tally')}</a>` : ''}</li>`;
    })}</ul>`
  : html`<p>${t('council.noAgenda')}</p>`}
</section>`);
      }
    }
    sendPage(reply, ctx, t('council.title'), sections.length ? html`${sections}` : html`<p>${t('council.noSessions')}</p>`);
  }

  @Get('nominations/:nominationId')
  @Public()
  @ApiOperation({ summary: 'Page: a dossier on the agenda (scores, evidence, objections) with the conflict and ballot forms' })
  async nomination(@IdParam('nominationId') nominationId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['council_member'])) return;
    await this.renderDossier(ctx, reply, nominationId, null);
  }

  private async renderDossier(ctx: PageContext, reply: FastifyReply, nominationId: string, message: Html | null, status = 200): Promise<void> {
    const { t } = ctx;
    const found = await dossier(this.deps.sql, nominationId);
    if (!found) return errorPage(reply, ctx, 404, t('error.notFound'));
    const campaign = (await listCampaigns(this.deps.sql)).find((c) => c.campaignId === found.campaignId);
    const tally = await this.latestTally(nominationId);
    const standing = tally ? standingOf(tally, ctx.user!.id) : 'votingClosed';
    const actions: Html[] = [];
    if (tally && standing === 'canVote') {
      actions.push(html`<section aria-labelledby="ballot"><h2 id="ballot">${t('ballot.title')}</h2>
<form method="post" action="${path(nominationId, '/ballot/confirm')}">
  ${csrfField(ctx)}
  <input type="hidden" name="sessionId" value="${tally.sessionId}">
  ${tally.ballot === 'secret' ? html`<p>${t('ballot.secret')}</p>` : ''}
  <fieldset><legend>${t('ballot.choice')}</legend>
    ${CHOICES.map((c, i) => html`<label><input type="radio" name="choice" value="${c}"${i === 0 ? html` required` : ''}> ${t(`ballot.${c}`)}</label>`)}
  </fieldset>
  <button type="submit">${t('ballot.next')}</button>
</form></section>`);
    } else {
      actions.push(html`<section aria-labelledby="ballot"><h2 id="ballot">${t('ballot.title')}</h2>
${notice('info', html`<span data-standing="${standing}">${t('ballot.cannot', { reason: t(STANDING_MESSAGE[standing]) })}</span>`)}
${tally && tally.status !== 'open' ? html`<p><a href="${path(nominationId, '/tally')}">${t('receipt.tally')}</a></p>` : ''}
</section>`);
    }
    if (tally && (standing === 'canVote' || standing === 'absent')) {
      actions.push(html`<section aria-labelledby="conflict"><h2 id="conflict">${t('conflict.title')}</h2>
<form method="post" action="${path(nominationId, '/conflict')}">
  ${csrfField(ctx)}
  <label for="reason">${t('conflict.reason')}</label>
  <textarea id="reason" name="reason" rows="3" required maxlength="2000"></textarea>
  <button type="submit" class="secondary">${t('conflict.submit')}</button>
</form></section>`);
    }
    sendPage(
      reply,
      ctx,
      t('dossier.title', { id: nominationId }),
      html`${message ?? ''}${dossierFacts(ctx, found, campaign)}${actions}${scoresSection(ctx, found)}${evidenceSection(ctx, found)}${objectionsSection(ctx, found)}`,
      status,
    );
  }

  @Post('nominations/:nominationId/conflict')
  @Public()
  @ApiOperation({ summary: 'Form: declare a conflict of interest (the member steps aside)' })
  async conflict(@IdParam('nominationId') nominationId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['council_member'])) return;
    const form = formFields(body);
    if (!this.deps.auth.checkCsrf(request, form._csrf)) return errorPage(reply, ctx, 403, ctx.t('error.csrf'));
    try {
      await this.commands.execute(new DeclareConflictCommand({ nominationId, reason: (form.reason ?? '').trim() }, this.deps.metadata(request, ctx.user)));
      await this.renderDossier(ctx, reply, nominationId, notice('ok', ctx.t('conflict.done')));
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.serverFault) throw error;
      await this.renderDossier(ctx, reply, nominationId, notice('error', failure.message), failure.status);
    }
  }

  /**
   * What both ballot steps check first: a council member's session, the form's CSRF token, and
   * a well-formed choice. Null when the answer has already been sent.
   */
  private async ballotForm(
    nominationId: string,
    body: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ ctx: PageContext; form: Record<string, string> & { choice: Choice; sessionId: string } } | null> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['council_member'])) return null;
    const form = formFields(body);
    if (!this.deps.auth.checkCsrf(request, form._csrf)) {
      await errorPage(reply, ctx, 403, ctx.t('error.csrf'));
      return null;
    }
    if (!isChoice(form.choice) || !form.sessionId) {
      await this.renderDossier(ctx, reply, nominationId, notice('error', ctx.t('ballot.choice')), 400);
      return null;
    }
    return { ctx, form: { ...form, choice: form.choice, sessionId: form.sessionId } };
  }

  /** The confirmation step: the choice is shown back to the member (in their browser only) before it is cast. */
  @Post('nominations/:nominationId/ballot/confirm')
  @Public()
  @ApiOperation({ summary: 'Form: the ballot\'s confirmation step' })
  async confirm(@IdParam('nominationId') nominationId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ballot = await this.ballotForm(nominationId, body, request, reply);
    if (!ballot) return;
    const { ctx, form } = ballot;
    const { t } = ctx;
    sendPage(
      reply,
      ctx,
      t('ballot.confirmTitle'),
      html`<p>${t('ballot.confirmText', { choice: t(`ballot.${form.choice}`) })}</p>
<form method="post" action="${path(nominationId, '/ballot')}">
  ${csrfField(ctx)}
  <input type="hidden" name="sessionId" value="${form.sessionId}">
  <input type="hidden" name="choice" value="${form.choice}">
  <input type="hidden" name="_key" value="${randomUUID()}">
  <button type="submit">${t('ballot.confirm')}</button>
  <a href="${path(nominationId)}">${t('ballot.change')}</a>
</form>`,
    );
  }

  @Post('nominations/:nominationId/ballot')
  @Public()
  @ApiOperation({ summary: 'Form: cast the ballot; the page shows the receipt' })
  async cast(@IdParam('nominationId') nominationId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ballot = await this.ballotForm(nominationId, body, request, reply);
    if (!ballot) return;
    const { ctx, form } = ballot;
    const { t } = ctx;
    let result: CastBallotResult;
    try {
      result = await this.commands.execute<CastBallotCommand, CastBallotResult>(
        new CastBallotCommand({ nominationId, sessionId: form.sessionId, choice: form.choice }, this.deps.metadata(request, ctx.user, form._key)),
      );
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.serverFault) throw error;
      return this.renderDossier(ctx, reply, nominationId, notice('error', failure.message), failure.status);
    }
    sendPage(
      reply,
      ctx,
      t('receipt.title'),
      result.receipt
        ? html`${notice('ok', t('receipt.text'))}
<p>${t('receipt.code')}: <strong class="mono" id="receipt" data-receipt="${result.receipt}" data-nomination="${nominationId}">${result.receipt}</strong></p>
<p><a href="${path(nominationId, '/tally')}">${t('receipt.tally')}</a></p>`
        : notice('ok', t('receipt.none')),
    );
  }

  @Get('nominations/:nominationId/tally')
  @Public()
  @ApiOperation({ summary: 'Page: the published tally, where the member finds their receipt' })
  async tally(@IdParam('nominationId') nominationId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['council_member', 'council_secretary', 'auditor'])) return;
    const { t } = ctx;
    const row = await this.latestTally(nominationId);
    if (!row) return errorPage(reply, ctx, 404, t('error.notFound'));
    const body = html`
<h2>${t('tally.participation', { count: row.participation.length, eligible: row.eligible.length })}</h2>
<ul>${row.participation.map((m) => html`<li class="mono">${m}</li>`)}</ul>
${row.status === 'open'
  ? notice('info', t('tally.notYet'))
  : html`<p><strong>${row.passed ? t('tally.passed') : t('tally.failed')}</strong> — ${t('tally.result', { yes: row.yes ?? 0, no: row.no ?? 0, abstain: row.abstain ?? 0, required: row.yesRequired ?? 0 })}</p>
${row.ballots
  ? html`<form id="find-receipt" data-nomination="${nominationId}" hidden>
  <label for="receipt-input">${t('tally.findLabel')}</label>
  <input type="text" id="receipt-input" class="mono" autocomplete="off" aria-describedby="find-note">
  <p id="find-note">${t('tally.findNote')}</p>
  <button type="submit">${t('tally.find')}</button>
  <p id="find-status" role="status" aria-live="polite"></p>
</form>
<table><caption>${t('tally.ballots')}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${t('tally.ballotId')}</th><th scope="col">${t('tally.choice')}</th></tr></thead>
<tbody>${row.ballots.map((b, i) => html`<tr data-ballot="${b.ballotId}"><td>${i + 1}</td><td class="mono">${b.ballotId}</td><td>${t(`ballot.${b.choice}`)}</td></tr>`)}</tbody></table>`
  : ''}
${row.votes ? html`<table><thead><tr><th scope="col">${t('dossier.actor')}</th><th scope="col">${t('tally.choice')}</th></tr></thead><tbody>${row.votes.map((v) => html`<tr><td class="mono">${v.memberId}</td><td>${t(`ballot.${v.choice}`)}</td></tr>`)}</tbody></table>` : ''}`}
${clientMessages(ctx)}`;
    sendPage(reply, ctx, t('tally.title', { id: nominationId }), body);
  }
}
