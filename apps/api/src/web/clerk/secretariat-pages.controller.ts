import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CloseSessionCommand, CloseVotingCommand, OpenSessionCommand, OpenVotingCommand, PublishNominationCommand } from '@vinhdanh/application';
import { campaignProgress, dossiers, honourList, tallies } from '@vinhdanh/projections';
import { Public, IdParam, ID_PATTERN } from '../api-parts';
import { html, type Html } from '../html';
import { notice } from '../layout';
import { pageContext, type PageContext } from '../page-context';
import { listCampaigns, readCouncil } from '../shared/season-views';
import { WEB_DEPS, WebDeps, describeFailure, formFields, formList } from '../web-deps';
import { allow, errorPage, sendPage } from '../web-page';
import { campaignSection, type CampaignPanel } from './secretariat-view';

/**
 * The council secretary's and the publisher's page: campaign progress and overdue items,
 * sessions (open, close, who is present), participation in each vote (never a secret
 * ballot's choices), opening and closing votes, and publishing the approved list.
 */
@ApiTags('pages')
// Signed-in staff behind one office address must not share the anonymous budget; these pages need a session.
@SkipThrottle({ public: true })
@Controller('pages/secretariat')
export class SecretariatPagesController {
  constructor(
    @Inject(WEB_DEPS) private readonly deps: WebDeps,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Page: progress, sessions, participation, publication' })
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, ['council_secretary', 'publisher'])) return;
    await this.render(ctx, reply, null);
  }

  private async render(ctx: PageContext, reply: FastifyReply, message: Html | null, status = 200): Promise<void> {
    const now = this.deps.clock();
    const panels: CampaignPanel[] = [];
    for (const campaign of await listCampaigns(this.deps.sql)) {
      const [progress, council, votes, ready, approved, published] = await Promise.all([
        campaignProgress(this.deps.sql, campaign.campaignId, now),
        readCouncil(this.deps.store, campaign.councilId),
        tallies(this.deps.sql, { campaignId: campaign.campaignId }),
        dossiers(this.deps.sql, { campaignId: campaign.campaignId, status: 'notice_closed', limit: 500 }),
        dossiers(this.deps.sql, { campaignId: campaign.campaignId, status: 'approved', limit: 500 }),
        honourList(this.deps.sql, { campaignId: campaign.campaignId }),
      ]);
      panels.push({ campaign, progress, council, votes, ready, approved, published });
    }
    sendPage(reply, ctx, ctx.t('sec.title'), html`${message ?? ''}${panels.map((p) => campaignSection(ctx, p))}`, status);
  }

  /** Runs the page's command(s) as the signed-in person, then shows the page with the outcome. */
  private async act(request: FastifyRequest, reply: FastifyReply, body: unknown, role: 'council_secretary' | 'publisher', run: (ctx: PageContext, form: Record<string, string>) => Promise<Html>): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!allow(reply, ctx, [role])) return;
    const form = formFields(body);
    if (!this.deps.auth.checkCsrf(request, form._csrf)) return errorPage(reply, ctx, 403, ctx.t('error.csrf'));
    let message: Html;
    try {
      message = await run(ctx, form);
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.serverFault) throw error;
      return this.render(ctx, reply, notice('error', failure.message), failure.status);
    }
    await this.render(ctx, reply, message);
  }

  @Post('councils/:councilId/sessions')
  @Public()
  @ApiOperation({ summary: 'Form: open a session with the members present' })
  async openSession(@IdParam('councilId') councilId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.act(request, reply, body, 'council_secretary', async (ctx, form) => {
      const present = formList(body, 'present');
      await this.commands.execute(new OpenSessionCommand({ councilId, sessionId: (form.sessionId ?? '').trim(), present }, this.deps.metadata(request, ctx.user, form._key)));
      return notice('ok', ctx.t('sec.done'));
    });
  }

  @Post('councils/:councilId/sessions/:sessionId/close')
  @Public()
  @ApiOperation({ summary: 'Form: close a session' })
  async closeSession(@IdParam('councilId') councilId: string, @IdParam('sessionId') sessionId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.act(request, reply, body, 'council_secretary', async (ctx) => {
      await this.commands.execute(new CloseSessionCommand({ councilId, sessionId }, this.deps.metadata(request, ctx.user)));
      return notice('ok', ctx.t('sec.done'));
    });
  }

  @Post('nominations/:nominationId/voting')
  @Public()
  @ApiOperation({ summary: 'Form: open the vote on a nomination in a session' })
  async openVoting(@IdParam('nominationId') nominationId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.act(request, reply, body, 'council_secretary', async (ctx, form) => {
      await this.commands.execute(new OpenVotingCommand({ nominationId, sessionId: form.sessionId ?? '' }, this.deps.metadata(request, ctx.user)));
      return notice('ok', ctx.t('sec.done'));
    });
  }

  @Post('nominations/:nominationId/voting/close')
  @Public()
  @ApiOperation({ summary: 'Form: close the vote (secret ballots are revealed shuffled)' })
  async closeVoting(@IdParam('nominationId') nominationId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.act(request, reply, body, 'council_secretary', async (ctx, form) => {
      await this.commands.execute(new CloseVotingCommand({ nominationId, sessionId: form.sessionId ?? '' }, this.deps.metadata(request, ctx.user)));
      return notice('ok', ctx.t('sec.done'));
    });
  }

  /** Publishes the chosen approved nominations, ranked after what the list already holds, one command each. */
  @Post('campaigns/:campaignId/publication')
  @Public()
  @ApiOperation({ summary: 'Form: publish the approved list' })
  async publish(@IdParam('campaignId') campaignId: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.act(request, reply, body, 'publisher', async (ctx, form) => {
      const honourListId = (form.honourListId ?? '').trim();
      if (!ID_PATTERN.test(honourListId)) return notice('error', `${ctx.t('sec.honourListId')}: ${honourListId}`);
      const chosen = [...new Set(formList(body, 'nominationId'))].filter((id) => ID_PATTERN.test(id)).sort();
      const existing = (await honourList(this.deps.sql, { campaignId })).filter((e) => e.honourListId === honourListId);
      let rank = existing.reduce((max, e) => Math.max(max, e.rank), 0);
      const key = form._key && ID_PATTERN.test(form._key) ? form._key : null;
      let count = 0;
      for (const nominationId of chosen) {
        rank += 1;
        await this.commands.execute(
          new PublishNominationCommand({ nominationId, honourListId, rank }, this.deps.metadata(request, ctx.user, key ? `${key}:${nominationId}` : undefined)),
        );
        count += 1;
      }
      return notice('ok', ctx.t('sec.publishedCount', { count, id: honourListId }));
    });
  }
}
