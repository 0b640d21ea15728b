import type { SqlClient, SqlExecutor } from '@vinhdanh/sql';
import type { CampaignInfo, NominationInfo } from './deadline-plan';

/**
 * The scheduler's own derived state, beside the read models: its checkpoint (next log position),
 * the Redis epoch it scheduled into, what it knows of campaigns and nominations, and which job
 * holds each deadline slot. Written in one transaction per batch, like a projection.
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS job_scheduler_state (name TEXT PRIMARY KEY, checkpoint BIGINT NOT NULL, epoch TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS job_campaigns (campaign_id TEXT PRIMARY KEY, info TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS job_nominations (nomination_id TEXT PRIMARY KEY, info TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS job_slots (slot TEXT PRIMARY KEY, job_id TEXT NOT NULL, queue TEXT NOT NULL)`,
];

export interface SchedulerState {
  checkpoint: number;
  epoch: string;
}

export interface SlotRow {
  jobId: string;
  queue: string;
}

export async function ensureSchedulerSchema(sql: SqlClient): Promise<void> {
  for (const statement of SCHEMA) await sql.execute(statement);
}

export async function readState(sql: SqlExecutor, name: string): Promise<SchedulerState | null> {
  const [row] = await sql.query<{ checkpoint: unknown; epoch: string }>('SELECT checkpoint, epoch FROM job_scheduler_state WHERE name = ?', [name]);
  return row ? { checkpoint: Number(row.checkpoint), epoch: row.epoch } : null;
}

export async function writeState(sql: SqlExecutor, name: string, state: SchedulerState): Promise<void> {
  await sql.execute(
    `INSERT INTO job_scheduler_state (name, checkpoint, epoch) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, epoch = excluded.epoch`,
    [name, state.checkpoint, state.epoch],
  );
}

/** Forget everything derived: the log is replayed from position 0 into a fresh epoch. */
export async function resetState(sql: SqlExecutor, name: string, epoch: string): Promise<void> {
  for (const table of ['job_campaigns', 'job_nominations', 'job_slots']) await sql.execute(`DELETE FROM ${table}`);
  await writeState(sql, name, { checkpoint: 0, epoch });
}

export async function loadCampaign(sql: SqlExecutor, id: string): Promise<CampaignInfo | undefined> {
  const [row] = await sql.query<{ info: string }>('SELECT info FROM job_campaigns WHERE campaign_id = ?', [id]);
  return row ? (JSON.parse(row.info) as CampaignInfo) : undefined;
}

export async function loadNomination(sql: SqlExecutor, id: string): Promise<NominationInfo | undefined> {
  const [row] = await sql.query<{ info: string }>('SELECT info FROM job_nominations WHERE nomination_id = ?', [id]);
  return row ? (JSON.parse(row.info) as NominationInfo) : undefined;
}

export async function loadSlot(sql: SqlExecutor, slot: string): Promise<SlotRow | undefined> {
  const [row] = await sql.query<{ job_id: string; queue: string }>('SELECT job_id, queue FROM job_slots WHERE slot = ?', [slot]);
  return row ? { jobId: row.job_id, queue: row.queue } : undefined;
}

export async function saveCampaign(sql: SqlExecutor, info: CampaignInfo): Promise<void> {
  await sql.execute('INSERT INTO job_campaigns (campaign_id, info) VALUES (?, ?) ON CONFLICT (campaign_id) DO UPDATE SET info = excluded.info', [
    info.campaignId,
    JSON.stringify(info),
  ]);
}

export async function saveNomination(sql: SqlExecutor, info: NominationInfo): Promise<void> {
  await sql.execute(
    'INSERT INTO job_nominations (nomination_id, info) VALUES (?, ?) ON CONFLICT (nomination_id) DO UPDATE SET info = excluded.info',
    [info.nominationId, JSON.stringify(info)],
  );
}

export async function saveSlot(sql: SqlExecutor, slot: string, row: SlotRow): Promise<void> {
  await sql.execute('INSERT INTO job_slots (slot, job_id, queue) VALUES (?, ?, ?) ON CONFLICT (slot) DO UPDATE SET job_id = excluded.job_id, queue = excluded.queue', [
    slot,
    row.jobId,
    row.queue,
  ]);
}
