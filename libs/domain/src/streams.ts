import { CAMPAIGN_EVENT_TYPES, type CampaignEvent } from './campaign/campaign-events';
import { COUNCIL_EVENT_TYPES, type CouncilEvent } from './council/council-events';
import { NOMINATION_EVENT_TYPES, type NominationEvent } from './nomination/nomination-events';

export type StreamKind = 'campaign' | 'council' | 'nomination';

export const campaignStream = (campaignId: string): string => `campaign-${campaignId}`;
export const councilStream = (councilId: string): string => `council-${councilId}`;
export const nominationStream = (nominationId: string): string => `nomination-${nominationId}`;

/** The kind and id a stream name was built from, or null for a name that is none of ours. */
export function parseStreamName(streamId: string): { kind: StreamKind; id: string } | null {
  const match = /^(campaign|council|nomination)-(.+)$/.exec(streamId);
  return match ? { kind: match[1] as StreamKind, id: match[2] } : null;
}

export type DomainEvent = CampaignEvent | CouncilEvent | NominationEvent;
export type DomainEventType = DomainEvent['type'];

export const EVENT_TYPES: readonly DomainEventType[] = [
  ...CAMPAIGN_EVENT_TYPES,
  ...COUNCIL_EVENT_TYPES,
  ...NOMINATION_EVENT_TYPES,
];

const kindOf = <K extends StreamKind>(kind: K, types: readonly string[]) =>
  Object.fromEntries(types.map((t) => [t, kind])) as Record<string, K>;

/** Which stream kind each event type is appended to. */
export const EVENT_STREAM_KIND: Readonly<Record<DomainEventType, StreamKind>> = {
  ...kindOf('campaign', CAMPAIGN_EVENT_TYPES),
  ...kindOf('council', COUNCIL_EVENT_TYPES),
  ...kindOf('nomination', NOMINATION_EVENT_TYPES),
} as Record<DomainEventType, StreamKind>;

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_STREAM_KIND, type);
}
