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
import { runDecider, type LoadedStream, type RunDeciderOptions, type RunOutcome } from './run-decider';
import { StreamCache, type StreamLoad } from './stream-cache';
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
  private readonly streams: StreamCache;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(WORKFLOW_OPTIONS) readonly options: WorkflowOptions,
    @Inject(AWARD_HISTORY) private readonly history: AwardHistory,
  ) {
    this.streams = new StreamCache(store);
  }

  campaign(command: CampaignCommand): Promise<RunOutcome<CampaignEvent, CampaignState>> {
    return runDecider({
      store: this.store,
      streamId: campaignStream(command.data.campaignId),
      decider: campaignDecider,
      command,
      load: () => this.streams.load(campaignLoad(command.data.campaignId)),
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
      load: () => this.streams.load(councilLoad(command.data.councilId)),
      loadContext: async () => undefined,
      maxAttempts: this.options.maxAttempts,
    });
  }

  nomination<C extends NominationCommand>(
    command: C,
    needs: NominationNeeds = {},
    hooks: Hooks<C> = {},
  ): Promise<RunOutcome<NominationEvent, NominationState>> {
    const streamId = nominationStream(command.data.nominationId);
    // Streams read with the nomination on this attempt, for its context.
    let alongside = new Map<string, LoadedStream<unknown>>();
    const load = async (): Promise<LoadedStream<NominationState>> => {
      const guesses = this.contextGuess(command, streamId, needs);
      const [loaded, ...others] = await this.streams.loadMany([{ streamId, decider: nominationDecider } as StreamLoad<unknown>, ...guesses]);
      alongside = new Map(guesses.map((g, i) => [g.streamId, others[i]!]));
      return loaded as LoadedStream<NominationState>;
    };
    return runDecider<NominationCommand, NominationEvent, NominationState, NominationContext>({
      store: this.store,
      streamId,
      decider: nominationDecider,
      command,
      load,
      loadContext: (state) => this.nominationContext(command, state, needs, alongside),
      prepare: hooks.prepare as RunDeciderOptions<NominationCommand, NominationEvent, NominationState, NominationContext>['prepare'],
      eventId: hooks.eventId,
      beforeAppend: hooks.beforeAppend,
      maxAttempts: this.options.maxAttempts,
    });
  }

  async campaignState(campaignId: string): Promise<CampaignState> {
    return (await this.streams.load(campaignLoad(campaignId))).state;
  }

  async councilState(councilId: string): Promise<CouncilState> {
    return (await this.streams.load(councilLoad(councilId))).state;
  }

  async nominationState(nominationId: string): Promise<NominationState> {
    return (await this.streams.load({ streamId: nominationStream(nominationId), decider: nominationDecider } as StreamLoad<NominationState>)).state;
  }

  /**
   * The campaign (and council) a nomination command will most likely need, from what the cache
   * last saw, so they are read in the same round trip as the nomination. Only a guess: the
   * context is checked against the nomination as loaded, and whatever the guess missed is read.
   */
  private contextGuess(command: NominationCommand, streamId: string, needs: NominationNeeds): StreamLoad<unknown>[] {
    const data = command.data as { campaignId?: string };
    const campaignId = this.streams.peek<NominationState>(streamId)?.campaignId || data.campaignId;
    if (!campaignId) return [];
    const guesses: StreamLoad<unknown>[] = [campaignLoad(campaignId) as StreamLoad<unknown>];
    const campaign = this.streams.peek<CampaignState>(campaignStream(campaignId));
    if (needs.council && campaign && campaign.status !== 'none') guesses.push(councilLoad(campaign.councilId) as StreamLoad<unknown>);
    return guesses;
  }

  /**
   * The nomination's own campaign once it exists (the command's campaignId only names it for a
   * first pledge or submission); its council; and, only for an award with prerequisites, the
   * nominee's earlier titles.
   */
  private async nominationContext(
    command: NominationCommand,
    state: NominationState,
    needs: NominationNeeds,
    alongside: Map<string, LoadedStream<unknown>>,
  ): Promise<NominationContext> {
    const data = command.data as { campaignId?: string; awardCode?: string; nomineeId?: string };
    const campaignId = state.campaignId || data.campaignId;
    const read = async <S>(load: StreamLoad<S>) => ((alongside.get(load.streamId) as LoadedStream<S> | undefined) ?? (await this.streams.load(load))).state;
    const campaign: CampaignState = campaignId ? await read(campaignLoad(campaignId)) : { status: 'none' };
    const context: NominationContext = { campaign };
    if (campaign.status === 'none') return context;
    if (needs.council) context.council = await read(councilLoad(campaign.councilId));
    const awardCode = state.awardCode || data.awardCode;
    const award = awardCode ? findAwardType(campaign.catalog, awardCode) : undefined;
    if (needs.history && data.nomineeId && award && award.prerequisites.length > 0) {
      context.nomineeHistory = await this.history.titlesOf(data.nomineeId);
    }
    return context;
  }
}

const campaignLoad = (campaignId: string): StreamLoad<CampaignState> => ({ streamId: campaignStream(campaignId), decider: campaignDecider as StreamLoad<CampaignState>['decider'] });
const councilLoad = (councilId: string): StreamLoad<CouncilState> => ({ streamId: councilStream(councilId), decider: councilDecider as StreamLoad<CouncilState>['decider'] });
