import { testSql, type TestSql } from '../testing/test-sql';
import { loadModelRows, readModelDigest } from '../core/digest';
import { projectInMemory } from '../core/project-in-memory';
import { projectIntoSql } from '../testing/project-into-sql';
import { SeasonBuilder, toStored } from '../testing/season-builder';
import { auditTrailProjection, positionKey, type AuditLine } from './audit-trail.projection';
import { auditTrail } from './audit-trail.query';

const season = new SeasonBuilder();
const events = toStored([
  ...season.opening(),
  ...season.nomination({ nominationId: 'n-1', awardCode: 'chair_certificate_of_merit', unitId: 'u-health' }),
  ...season.nomination({ nominationId: 'n-2', awardCode: 'advanced_worker', unitId: 'u-finance', until: 'voted' }),
]);

describe('audit trail: given events → rows', () => {
  it('has one readable line per event, citing its position and hash, with actor, time and rule', async () => {
    const rows = (await projectInMemory(events, [auditTrailProjection])).get('audit_trail')!;
    const lines = rows.get('lines')!;
    expect(lines.size).toBe(events.length);
    const submitted = events.find((e) => e.type === 'NominationSubmitted')!;
    expect(lines.get(positionKey(submitted.position))).toEqual({
      position: submitted.position,
      hash: submitted.hash,
      eventId: submitted.eventId,
      streamId: 'nomination-n-1',
      eventType: 'NominationSubmitted',
      at: '2026-05-04T02:00:00Z',
      actorId: 'officer-u-health',
      actorRoles: ['unit_officer'],
      actorUnit: 'u-health',
      campaignId: 'c-2026',
      nominationId: 'n-1',
      unitId: 'u-health',
      line: 'officer-u-health submitted nomination n-1: Nominee n-1 (u-health) for chair_certificate_of_merit, 1 evidence file(s)',
      rule: 'by the nominationDeadline (2026-06-30T16:59:59Z)',
    } satisfies AuditLine);
    const voted = [...lines.values()].find((l) => l.eventType === 'NominationVoted' && l.nominationId === 'n-1') as AuditLine;
    expect(voted.rule).toBe('threshold 70/100 of members_present (3 of 4); quorum 3');
  });

  it('never links a member to a choice for a secret ballot', async () => {
    const lines = [...(await projectInMemory(events, [auditTrailProjection])).get('audit_trail')!.get('lines')!.values()] as AuditLine[];
    const secret = lines.filter((l) => l.nominationId === 'n-1' && (l.eventType === 'BallotCast' || l.eventType === 'VotingClosed'));
    for (const l of secret) expect(l.line).not.toMatch(/\b(yes|no|abstain)\b/);
    expect(lines.find((l) => l.nominationId === 'n-2' && l.eventType === 'BallotCast')!.line).toMatch(/voted yes/);
  });
});

describe.each(['sqlite', 'postgres'] as const)('audit trail on %s', (dialect) => {
  let t: TestSql;
  beforeAll(async () => {
    t = await testSql(dialect);
    await projectIntoSql(t.client, [auditTrailProjection], events);
  });
  afterAll(() => t.cleanup());

  it('holds the same rows as the in-memory projection', async () => {
    const memory = (await projectInMemory(events, [auditTrailProjection])).get('audit_trail')!;
    expect(readModelDigest(await loadModelRows(t.client, auditTrailProjection))).toBe(readModelDigest(memory));
  });

  it('filters by nomination, actor, unit, type and time, paginated by position', async () => {
    const n1 = events.filter((e) => (e.data as { nominationId?: string }).nominationId === 'n-1');
    const pages: number[][] = [];
    let after: number | undefined;
    do {
      const page = await auditTrail(t.client, { nominationId: 'n-1' }, { after, limit: 4 });
      pages.push(page.lines.map((l) => l.position));
      after = page.nextAfter ?? undefined;
    } while (after !== undefined);
    expect(pages.flat()).toEqual(n1.map((e) => e.position));
    expect(pages[0]).toHaveLength(4);

    const byActor = await auditTrail(t.client, { actorId: 'm-2' });
    expect(byActor.lines.map((l) => l.eventType)).toEqual(['BallotCast', 'BallotCast']);
    const byUnit = await auditTrail(t.client, { unitId: 'u-finance', eventType: 'NominationVoted' });
    expect(byUnit.lines.map((l) => l.nominationId)).toEqual(['n-2']);
    const inRange = await auditTrail(t.client, { from: '2026-09-01T00:00:00Z', to: '2026-09-30T00:00:00Z' });
    expect(new Set(inRange.lines.map((l) => l.eventType))).toEqual(new Set(['PublicNoticeOpened', 'PublicNoticeClosed']));
  });
});
