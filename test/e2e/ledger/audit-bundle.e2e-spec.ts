import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerService, SigningKey, type VerificationReport } from '@vinhdanh/ledger';
import { activeVersion, councilTallyProjection, honourListProjection, LeaseRow, physicalTable, rebuild } from '@vinhdanh/projections';
import { runSeason, type Season } from './season';
import { catchUp, type LedgerBackend, openBackend, openCheckpointer, ORIGIN } from './ledger-harness';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs the real CLI (`vinhdanh <verb>`) against the backend's configuration. */
function cli(b: LedgerBackend, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, EVENT_STORE: 'sqlite', SQLITE_PATH: join(b.dir, 'events.db') };
  const run = spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/cli/src/main.ts'), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const failed = (r: VerificationReport): string[] =>
  r.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.failure?.code}${c.failure?.position === undefined ? '' : `@${c.failure.position}`}`);

/**
 * An auditor's story on the embedded default: the worker's projections and checkpointer have
 * run over a season; `vinhdanh export` writes the bundle, `vinhdanh verify` re-checks it with
 * no database, re-running the projections; a citizen runs `vinhdanh verify-entry`. Then
 * someone edits the published honour list in the read-model database and the auditor sees it.
 */
describe('audit bundle through the CLI (sqlite)', () => {
  const key = SigningKey.generate(ORIGIN);
  let b: LedgerBackend;
  let season: Season;

  beforeAll(async () => {
    b = await openBackend('sqlite');
    season = await runSeason(b.store, { nominations: 6, campaignId: 'c-2026' });
    await runSeason(b.store, { nominations: 3, campaignId: 'c-2027', revokeOne: false });
    await rebuild({ store: b.store, sql: b.sql, projections: [honourListProjection, councilTallyProjection], lease: new LeaseRow(b.sql, 'e2e') });
    await catchUp(await openCheckpointer(b, key), b.store);
  });
  afterAll(async () => b.cleanup());

  const verify = (file: string, extra: string[] = []) => {
    const run = cli(b, ['verify', file, '--json', '--key', key.vkey, ...extra]);
    return { status: run.status, report: JSON.parse(run.stdout) as VerificationReport, stderr: run.stderr };
  };

  it('exports the whole season and verifies it offline, recomputing the honour list', () => {
    const file = join(b.dir, 'all.ndjson');
    const exported = cli(b, ['export', '--out', file]);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const { status, report } = verify(file);
    expect(failed(report)).toEqual([]);
    expect(status).toBe(0);
    expect(report.checks.find((c) => c.id === 'readModels')!.checked).toBeGreaterThan(0);
    expect(verify(file, ['--threads', '1']).report.checks).toEqual(report.checks);
    expect(report.checks.find((c) => c.id === 'entries')!.checked).toBe(season.published.length + season.revoked.length + 3); // + c-2027: three published
    const text = cli(b, ['verify', file, '--key', key.vkey]);
    expect(text.stdout).toMatch(/RESULT: everything holds/);
    expect(text.stdout).toMatch(/PASS {2}Hash chain over every event/);
  });

  it('with --campaign, keeps every event but publishes (and compares) only that campaign\'s rows', () => {
    const file = join(b.dir, 'c-2027.ndjson');
    expect(cli(b, ['export', '--out', file, '--campaign', 'c-2027']).status).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = lines.filter((l) => l.kind === 'readModel');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((l) => (l.row as { campaignId?: string }).campaignId === 'c-2027')).toBe(true);
    expect(lines.filter((l) => l.kind === 'event').length).toBe(lines[0].treeSize);
    const { status, report } = verify(file);
    expect(failed(report)).toEqual([]);
    expect(status).toBe(0);
  });

  it('an honour-list row edited in the read-model database is caught against the events and the recomputation', async () => {
    const table = physicalTable('honour_list', 'entries', (await activeVersion(b.sql, 'honour_list'))!);
    const target = season.published[1];
    const [row] = await b.sql.query<{ doc: string }>(`SELECT doc FROM ${table} WHERE k = ?`, [target]);
    const doc = JSON.parse(row.doc) as { rank: number };
    await b.sql.execute(`UPDATE ${table} SET doc = ?, rank = ? WHERE k = ?`, [JSON.stringify({ ...doc, rank: 1 }), 1, target]);
    try {
      const file = join(b.dir, 'edited.ndjson');
      expect(cli(b, ['export', '--out', file]).status).toBe(0);
      const { status, report } = verify(file);
      expect(status).toBe(1);
      expect(failed(report)).toEqual([expect.stringMatching(/^entries: ENTRY_MISMATCH@\d+$/), 'readModels: READ_MODEL_ROW_MISMATCH']);
      // One thread or several: the same checks, failures and positions.
      const single = verify(file, ['--threads', '1']);
      const threaded = verify(file, ['--threads', '3']);
      expect(single.status).toBe(1);
      expect(failed(single.report)).toEqual(failed(report));
      expect(failed(threaded.report)).toEqual(failed(report));
      expect(threaded.report.checks.map((c) => c.failure)).toEqual(single.report.checks.map((c) => c.failure));
      expect(report.checks.find((c) => c.id === 'readModels')!.failure!.message).toContain(`honour_list/entries/${target}`);
    } finally {
      await b.sql.execute(`UPDATE ${table} SET doc = ?, rank = ? WHERE k = ?`, [row.doc, doc.rank, target]);
    }
  });

  it('a published entry removed from the read model is missed, by name', async () => {
    const table = physicalTable('honour_list', 'entries', (await activeVersion(b.sql, 'honour_list'))!);
    const target = season.published[2];
    const [row] = await b.sql.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE k = ?`, [target]);
    await b.sql.execute(`DELETE FROM ${table} WHERE k = ?`, [target]);
    try {
      const file = join(b.dir, 'deleted.ndjson');
      expect(cli(b, ['export', '--out', file]).status).toBe(0);
      const { report } = verify(file);
      expect(failed(report)).toEqual([expect.stringMatching(/^entries: ENTRY_MISSING@\d+$/), 'readModels: READ_MODEL_ROW_MISSING']);
    } finally {
      const cols = Object.keys(row);
      await b.sql.execute(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c] as string));
    }
  });

  it('a council tally edited in the read-model database is caught by re-running the projection', async () => {
    const table = physicalTable('council_tally', 'tallies', (await activeVersion(b.sql, 'council_tally'))!);
    const [row] = await b.sql.query<{ k: string; doc: string }>(`SELECT k, doc FROM ${table} ORDER BY k LIMIT 1`);
    const doc = JSON.parse(row.doc) as { yes: number; no: number };
    await b.sql.execute(`UPDATE ${table} SET doc = ? WHERE k = ?`, [JSON.stringify({ ...doc, yes: doc.yes + 1, no: Math.max(0, doc.no - 1) }), row.k]);
    try {
      const file = join(b.dir, 'tally.ndjson');
      expect(cli(b, ['export', '--out', file]).status).toBe(0);
      const { status, report } = verify(file);
      expect(status).toBe(1);
      expect(failed(report)).toEqual(['readModels: READ_MODEL_ROW_MISMATCH']);
      expect(report.checks.find((c) => c.id === 'readModels')!.failure!.message).toContain(`council_tally/tallies/${row.k}`);
    } finally {
      await b.sql.execute(`UPDATE ${table} SET doc = ? WHERE k = ?`, [row.doc, row.k]);
    }
  });

  it('a citizen verifies one entry with `vinhdanh verify-entry`, and a doctored one fails', async () => {
    const proof = await new LedgerService(b.sql, b.store).entryProof(season.published[0]);
    const file = join(b.dir, 'entry.json');
    writeFileSync(file, JSON.stringify(proof));
    const ok = cli(b, ['verify-entry', file, '--key', key.vkey]);
    expect(ok.stdout).toMatch(/RESULT: everything holds/);
    expect(ok.status).toBe(0);
    const voted = proof.events.find((e) => e.type === 'NominationVoted')!;
    (voted.data as { no: number }).no += 1;
    writeFileSync(file, JSON.stringify(proof));
    const bad = cli(b, ['verify-entry', file, '--json', '--key', key.vkey]);
    expect(bad.status).toBe(1);
    expect(failed(JSON.parse(bad.stdout) as VerificationReport)).toEqual(
      expect.arrayContaining([`leaves: LEAF_MISMATCH@${voted.position}`, `inclusion: MERKLE_ROOT_MISMATCH@${voted.position}`]),
    );
  });

  it('refuses to run without a file, and says so in one line', () => {
    const run = cli(b, ['verify', join(b.dir, 'missing.ndjson')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^vinhdanh: no such file/);
  });
});
