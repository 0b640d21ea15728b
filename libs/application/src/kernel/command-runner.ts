import { Inject, Injectable } from '@nestjs/common';
import {
  campaignDecider,
  campaignStream,
  councilDecider,
  councilStream,
  findAwardType,
  nominationDecider,
  nominationStream,
  type CampaignCommand,
  type CampaignEvent,
  type CampaignState,
  type CouncilCommand,
  type CouncilEvent,
  type CouncilState,
  type NominationCommand,
  type NominationContext,
  type NominationEvent,
  type NominationState,
} from '@vinhdanh/domain';
import { EVENT_STORE, type EventStore } from '@vinhdanh/event-store';
import { AWARD_HISTORY, type AwardHistory } from './award-history';
import { loadStream, runDecider, type RunDeciderOptions, type RunOutcome } from './run-decider';
import { WORKFLOW_OPTIONS, type WorkflowOptions } from './tokens';

/** What a nomination command needs loaded besides its campaign. */
export interface NominationNeeds {
  /** The campaign's council (membership, open session): conflicts and voting. */
  council?: boolean;
  /** The nominee's earlier titles: submission of an award with prerequisites. */
  history?: boolean;
}

type Hooks<C extends NominationCommand> = Pick<
  RunDeciderOptions<C, NominationEvent, NominationState, NominationContext>,
  'prepare' | 'eventId' | 'beforeAppend'
>;

/**
 * Runs a domain command against its stream with the context its decider needs, loaded from
 * the other streams afresh on every attempt. Handlers call this and stay thin.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(WORKFLOW_OPTIONS) readonly options: WorkflowOptions,
    @Inject(AWARD_HISTORY) private readonly history: AwardHistory,
  ) {}

  campaign(command: CampaignCommand): Promise<RunOutcome<CampaignEvent, CampaignState>> {
    return runDecider({
      store: this.store,
      streamId: campaignStream(command.data.campaignId),
      decider: campaignDecider,
      command,
      loadContext: async () => undefined,
      maxAttempts: this.options.maxAttempts,
    });
  }

  council(command: CouncilCommand): Promise<RunOutcome<CouncilEvent, CouncilState>> {
    return runDecider({
      store: this.store,
      streamId: councilStream(command.data.councilId),
      decider: councilDecider,
      command,
      loadContext: async () => undefined,
      maxAttempts: this.options.maxAttempts,
    });
  }

  nomination<C extends NominationCommand>(
    command: C,
    needs: NominationNeeds = {},
    hooks: Hooks<C> = {},
  ): Promise<RunOutcome<NominationEvent, NominationState>> {
    return runDecider<NominationCommand, NominationEvent, NominationState, NominationContext>({
      store: this.store,
      streamId: nominationStream(command.data.nominationId),
      decider: nominationDecider,
      command,
      loadContext: (state) => this.nominationContext(command, state, needs),
      prepare: hooks.prepare as RunDeciderOptions<NominationCommand, NominationEvent, NominationState, NominationContext>['prepare'],
      eventId: hooks.eventId,
      beforeAppend: hooks.beforeAppend,
      maxAttempts: this.options.maxAttempts,
    });
  }

  async campaignState(campaignId: string): Promise<CampaignState> {
    return (await loadStream(this.store, campaignStream(campaignId), campaignDecider)).state;
  }

  async councilState(councilId: string): Promise<CouncilState> {
    return (await loadStream(this.store, councilStream(councilId), councilDecider)).state;
  }

  async nominationState(nominationId: string): Promise<NominationState> {
    return (await loadStream(this.store, nominationStream(nominationId), nominationDecider)).state;
  }

  /**
   * The nomination's own campaign once it exists (the command's campaignId only names it for a
   * first pledge or submission); its council; and, only for an award with prerequisites, the
   * nominee's earlier titles.
   */
  private async nominationContext(command: NominationCommand, state: NominationState, needs: NominationNeeds): Promise<NominationContext> {
    const data = command.data as { campaignId?: string; awardCode?: string; nomineeId?: string };
    const campaignId = state.campaignId || data.campaignId;
    const campaign: CampaignState = campaignId ? await this.campaignState(campaignId) : { status: 'none' };
    const context: NominationContext = { campaign };
    if (campaign.status === 'none') return context;
    if (needs.council) context.council = await this.councilState(campaign.councilId);
    const awardCode = state.awardCode || data.awardCode;
    const award = awardCode ? findAwardType(campaign.catalog, awardCode) : undefined;
    if (needs.history && data.nomineeId && award && award.prerequisites.length > 0) {
      context.nomineeHistory = await this.history.titlesOf(data.nomineeId);
    }
    return context;
  }
}
