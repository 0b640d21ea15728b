import type { StoredEvent } from '@vinhdanh/event-store';
import { domainEvent, nominationIdOf } from '../core/event-data';
import type { Cite, Projection, Row, RowLoader, RowView } from '../core/projection';
import { describeEvent } from '../shared/describe';
import { awardOf, CAMPAIGNS_TABLE, prepareScopes, SCOPES_TABLE, trackScope } from '../shared/scope';

export const AUDIT_TRAIL = 'audit_trail';

/** One event as a readable line: who did what, when, to what, under which rule. */
export type AuditLine = Row &
  Cite & {
    eventId: string;
    streamId: string;
    eventType: string;
    at: string;
    actorId: string;
    actorRoles: string[];
    actorUnit: string | null;
    campaignId: string | null;
    nominationId: string | null;
    /** The unit the event concerns: the nominee's unit for nomination events. */
    unitId: string | null;
    line: string;
    rule: string | null;
  };

export const positionKey = (position: number): string => String(position).padStart(15, '0');

export const auditTrailProjection: Projection = {
  name: AUDIT_TRAIL,
  tables: [
    {
      name: 'lines',
      columns: [
        { name: 'position', type: 'int', field: 'position' },
        { name: 'campaign_id', type: 'text', field: 'campaignId' },
        { name: 'nomination_id', type: 'text', field: 'nominationId' },
        { name: 'actor_id', type: 'text', field: 'actorId' },
        { name: 'unit_id', type: 'text', field: 'unitId' },
        { name: 'event_type', type: 'text', field: 'eventType' },
        { name: 'at', type: 'text', field: 'at' },
      ],
      // The key is the zero-padded position, so the primary key already orders by position.
      indexes: [['nomination_id', 'k'], ['actor_id', 'k'], ['unit_id', 'k'], ['event_type', 'k']],
    },
    CAMPAIGNS_TABLE,
    SCOPES_TABLE,
  ],

  async prepare(events: readonly StoredEvent[], rows: RowLoader) {
    await prepareScopes(events, rows);
  },

  apply(event: StoredEvent, rows: RowView) {
    const { scope, campaign } = trackScope(event, rows);
    const domain = domainEvent(event);
    const actor = event.metadata.actor;
    const described = domain
      ? describeEvent(domain, actor.id, awardOf(campaign, scope?.awardCode ?? null), campaign?.schedule ?? null)
      : { line: `${actor.id} recorded ${event.type} on ${event.streamId}`, rule: null };
    const line: AuditLine = {
      position: event.position,
      hash: event.hash,
      eventId: event.eventId,
      streamId: event.streamId,
      eventType: event.type,
      at: event.metadata.recordedAt,
      actorId: actor.id,
      actorRoles: actor.roles,
      actorUnit: actor.unit ?? null,
      campaignId: campaign?.campaignId ?? null,
      nominationId: nominationIdOf(event),
      unitId: scope?.unitId ?? null,
      line: described.line,
      rule: described.rule,
    };
    rows.put('lines', positionKey(event.position), line);
  },
};
