import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FileObjectionCommand, type FileObjectionResult } from '@vinhdanh/application';
import { dossier, dossiers, honourList, type DossierSummary } from '@vinhdanh/projections';
import { IdParam, Public } from '../api-parts';
import { html } from '../html';
import { csrfField, notice } from '../layout';
import { pageContext, type PageContext } from '../page-context';
import { awardName, listCampaigns, type CampaignView } from '../shared/season-views';
import { WEB_DEPS, WebDeps, describeFailure, formFields } from '../web-deps';
import { errorPage, sendPage } from '../web-page';
import { honourListBody } from './honour-list-page';

/** What anyone may see and do: the honour list, verifying an entry, commenting on a public notice. */
@ApiTags('pages')
@Controller('pages')
export class PublicPagesController {
  constructor(
    @Inject(WEB_DEPS) private readonly deps: WebDeps,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Page: the honour list of the latest campaign' })
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    const campaigns = await listCampaigns(this.deps.sql);
    if (campaigns.length === 0) return sendPage(reply, ctx, ctx.t('honour.title'), notice('info', ctx.t('honour.noCampaigns')));
    await this.renderList(ctx, reply, campaigns[0], campaigns);
  }

  @Get('campaigns/:campaignId')
  @Public()
  @ApiOperation({ summary: 'Page: the honour list of a campaign, with verify buttons' })
  async campaign(@IdParam('campaignId') campaignId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    const campaigns = await listCampaigns(this.deps.sql);
    const campaign = campaigns.find((c) => c.campaignId === campaignId);
    if (!campaign) return errorPage(reply, ctx, 404, ctx.t('error.notFound'));
    await this.renderList(ctx, reply, campaign, campaigns);
  }

  private async renderList(ctx: PageContext, reply: FastifyReply, campaign: CampaignView, campaigns: CampaignView[]): Promise<void> {
    const [entries, notices, keys] = await Promise.all([
      honourList(this.deps.sql, { campaignId: campaign.campaignId }),
      dossiers(this.deps.sql, { campaignId: campaign.campaignId, status: 'notice_open', limit: 200 }),
      this.deps.ledger.publicKeys(),
    ]);
    sendPage(reply, ctx, ctx.t('honour.title'), honourListBody(ctx, campaign, entries, notices, keys.map((k) => k.vkey), campaigns));
  }

  @Get('notices/:nominationId')
  @Public()
  @ApiOperation({ summary: 'Page: a nomination open for public comment, with the objection form' })
  async notice(@IdParam('nominationId') nominationId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    await this.renderNotice(ctx, reply, nominationId, null);
  }

  @Post('notices/:nominationId/objections')
  @Public()
  @ApiOperation({ summary: 'Form: file an objection (contact details go to the erasable personal-data store)' })
  async object(@IdParam('nominationId') nominationId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    const form = formFields(body);
    if (!this.deps.auth.checkCsrf(request, form._csrf)) return errorPage(reply, ctx, 403, ctx.t('error.csrf'));
    try {
      const result = await this.commands.execute<FileObjectionCommand, FileObjectionResult>(
        new FileObjectionCommand(
          { nominationId, summary: (form.summary ?? '').trim(), filer: { name: (form.name ?? '').trim(), contact: (form.contact ?? '').trim() } },
          this.deps.metadata(request, ctx.user, form._key),
        ),
      );
      sendPage(reply, ctx, ctx.t('notice.form'), html`${notice('ok', ctx.t('notice.thanks', { reference: result.objectionId }))}<p><a href="/pages">${ctx.t('nav.honour')}</a></p>`, 201);
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.serverFault) throw error;
      await this.renderNotice(ctx, reply, nominationId, failure.message, failure.status);
    }
  }

  private async renderNotice(ctx: PageContext, reply: FastifyReply, nominationId: string, problem: string | null, status = 200): Promise<void> {
    const { t } = ctx;
    const found = await dossier(this.deps.sql, nominationId);
    if (!found || !found.notice) return errorPage(reply, ctx, 404, t('error.notFound'));
    const campaign = (await listCampaigns(this.deps.sql)).find((c) => c.campaignId === found.campaignId);
    const open = found.status === 'notice_open';
    const summary: DossierSummary = found;
    const name = summary.nominee?.name ?? nominationId;
    sendPage(
      reply,
      ctx,
      t('notice.title', { name }),
      html`
<dl>
  <dt>${t('notice.award')}</dt><dd>${awardName(campaign, found.awardCode, ctx.lang)}</dd>
  <dt>${t('honour.unit')}</dt><dd>${found.nominee?.unitId ?? ''}</dd>
</dl>
<p>${t('notice.period', { start: ctx.date(found.notice.startDate), end: ctx.date(found.notice.endDate) })}</p>
${problem ? notice('error', problem) : ''}
${open
  ? html`<form method="post" action="/pages/notices/${encodeURIComponent(nominationId)}/objections">
  <h2>${t('notice.form')}</h2>
  ${csrfField(ctx)}
  <input type="hidden" name="_key" value="${randomUUID()}">
  <label for="summary">${t('notice.summary')}</label>
  <textarea id="summary" name="summary" rows="5" required maxlength="4000"></textarea>
  <label for="name">${t('notice.filerName')}</label>
  <input type="text" id="name" name="name" required maxlength="200" autocomplete="name">
  <label for="contact">${t('notice.contact')}</label>
  <input type="text" id="contact" name="contact" required maxlength="300" aria-describedby="privacy">
  <p id="privacy">${t('notice.privacy')}</p>
  <button type="submit">${t('notice.submit')}</button>
</form>`
  : notice('info', t('notice.closed'))}`,
      status,
    );
  }
}
