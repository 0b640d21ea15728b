import { canonicalJson } from '../canonical-json';
import { type NoteVerifier, parseVerifierKey, verifyCheckpoint } from '../checkpoint';
import { CheckpointError } from '../checkpoint/checkpoint-error';
import { GENESIS_HASH } from '../hash-chain';
import { MerkleError, verifyConsistency } from '../merkle';
import type { BundleEvent, BundleHeader, BundleLine, ReadModelRow, ReadModelSnapshotInfo } from '../bundle/bundle-format';
import { BUNDLE_FORMAT, SECTION_RANK, toLedgerEvent } from '../bundle/bundle-format';
import { LINE_GROUPS, type MalformedLine } from '../bundle/read-bundle';
import { digestsOfCanonical, eventDigests, type LedgerEvent } from './event-digests';
import { FastFrontier } from './fast-frontier';
import type { ReadModelRecompute, RecomputedRows } from './read-model-recompute';
import { Check, report, type VerificationReport } from './report';
import { AUDITED_EVENT_TYPES, SeasonAudit } from './season-audit';

export interface VerifyBundleOptions {
  /**
   * Verifier keys to trust. Without them the bundle's own key list is used, which proves the
   * checkpoints were signed by the keys the bundle names, not that those are the log's keys:
   * compare them with the keys the log publishes.
   */
  trustedKeys?: readonly string[];
  /** Re-runs the projections; without it the read-model check fails as not run. */
  recompute?: ReadModelRecompute;
  /** (events verified, events announced by the header). */
  onProgress?: (done: number, total: number) => void;
}

const HONOUR_LIST_MODEL = 'honour_list';
const HONOUR_LIST_TABLE = 'entries';
const RECOMPUTE_BATCH = 1_000;

const errorCode = (e: unknown): string => (e instanceof CheckpointError || e instanceof MerkleError ? e.code : 'ERROR');
const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function isEventLine(line: BundleEvent): boolean {
  const e = line.event as Partial<BundleEvent['event']> | undefined;
  return (
    typeof line.hash === 'string' &&
    line.hash.length === 64 &&
    typeof e === 'object' &&
    e !== null &&
    Number.isSafeInteger(e.position) &&
    typeof e.stream === 'string' &&
    Number.isSafeInteger(e.revision) &&
    typeof e.eventId === 'string' &&
    typeof e.type === 'string'
  );
}

type Line = BundleLine | MalformedLine;

/** The lines in groups: a bundle reader's own groups (a chunk's or a batch's lines), else one by one. */
function lineGroups(lines: AsyncIterable<Line>): AsyncIterable<readonly Line[]> {
  const grouped = (lines as { [LINE_GROUPS]?: () => AsyncIterable<readonly Line[]> })[LINE_GROUPS];
  if (grouped) return grouped.call(lines);
  return (async function* () {
    for await (const line of lines) yield [line];
  })();
}

/**
 * Checks an audit bundle in one streaming pass, with no database and no network: memory is
 * the Merkle frontier, the checkpoints' roots, a small record per nomination that reached a
 * vote, and the published read-model rows (plus whatever the projections being re-run hold).
 * Each check reports the first failing position and why.
 */
export async function verifyBundle(lines: AsyncIterable<BundleLine | MalformedLine>, options: VerifyBundleOptions = {}): Promise<VerificationReport> {
  const format = new Check('format', 'Bundle is well-formed and complete');
  const chain = new Check('chain', 'Hash chain over every event');
  const order = new Check('order', 'Each stream\'s revisions follow log order without gaps');
  const signatures = new Check('signatures', 'Checkpoint signatures by the log\'s keys');
  const roots = new Check('roots', 'Checkpoint roots recomputed from the events');
  const consistency = new Check('consistency', 'Consistency between successive checkpoints (no split view)');
  const coverage = new Check('coverage', 'Every event is covered by a signed checkpoint');
  const ballots = new Check('ballots', 'Secret ballots: one per member who took part, as many revealed as cast');
  const tallies = new Check('tallies', 'Council results recomputed from the revealed ballots');
  const decisions = new Check('decisions', 'Approvals follow a passing vote; publications follow an approval');
  const entries = new Check('entries', 'Every published honour-list entry rests on its events');
  const readModels = new Check('readModels', 'Published read models equal the projections re-run on the events');
  const all = [format, chain, order, signatures, roots, consistency, coverage, ballots, tallies, decisions, entries, readModels];

  const audit = new SeasonAudit({ ballots, tallies, decisions });
  let header: BundleHeader | undefined;
  let rank = -1;
  let lineNo = 0;
  const keyVerifiers: NoteVerifier[] = [];
  let trusted: NoteVerifier[] | undefined;
  // size → root of every checkpoint line, signed or not: an unsigned one is reported under
  // signatures, and its root still compared with the events, which tells what a forger changed.
  const seen = new Map<number, Buffer>();
  const sizes: number[] = [];
  const counts = { keys: 0, checkpoints: 0, consistency: 0, events: 0, catalogs: 0, readModelRows: 0 };
  let sawEnd = false;
  let eventsStarted = false;

  const frontier = new FastFrontier();
  let nextCheckpoint = 0; // index into the sorted sizes
  let prevHash: Buffer = Buffer.from(GENESIS_HASH);
  let expected = 0;
  const streams = new Map<string, number>();
  const published: ReadModelRow[] = [];
  let batch: LedgerEvent[] = [];
  const recompute = options.recompute;

  const startEvents = (): void => {
    eventsStarted = true;
    sizes.push(...[...seen.keys()].sort((a, b) => a - b));
    if (options.trustedKeys) {
      signatures.note('checked against the keys given to the verifier');
    } else {
      signatures.note('checked against the keys listed in the bundle itself; compare them with the keys the log publishes');
    }
    recompute?.start(header?.readModels ?? []);
  };

  for await (const group of lineGroups(lines)) {
    for (const line of group) {
      lineNo += 1;
      if (line.kind === 'malformed') {
        format.fail('LINE_MALFORMED', `line ${line.line}: ${line.reason}`);
        continue;
      }
      const r = SECTION_RANK[line.kind];
      if (r === undefined) {
        format.fail('LINE_UNKNOWN_KIND', `line ${lineNo}: unknown kind ${JSON.stringify(line.kind)}`);
        continue;
      }
      if (r < rank || (line.kind === 'header' && header) || sawEnd) {
        format.fail('SECTION_ORDER', `line ${lineNo}: a ${line.kind} line where it may not be`);
        continue;
      }
      rank = r;
      if (line.kind !== 'header' && !header) {
        format.fail('HEADER_MISSING', 'the bundle does not start with its header');
        header = { kind: 'header', format: BUNDLE_FORMAT, origin: '', exportedAt: '', campaignId: null, treeSize: 0, readModels: [] };
      }
      if (r > SECTION_RANK.consistency && !eventsStarted) startEvents();

      switch (line.kind) {
        case 'header':
          header = line;
          if (line.format !== BUNDLE_FORMAT) format.fail('FORMAT_UNKNOWN', `format ${JSON.stringify(line.format)}, expected ${BUNDLE_FORMAT}`);
          if (!Array.isArray(line.readModels)) header = { ...line, readModels: [] };
          break;
        case 'key':
          counts.keys += 1;
          try {
            keyVerifiers.push(parseVerifierKey(line.vkey));
          } catch (e) {
            signatures.fail(errorCode(e), `key ${line.keyId}: ${errorMessage(e)}`);
          }
          break;
        case 'checkpoint': {
          counts.checkpoints += 1;
          trusted ??= options.trustedKeys ? options.trustedKeys.map((k) => parseVerifierKey(k)) : keyVerifiers;
          let root: Buffer | undefined;
          try {
            const v = verifyCheckpoint(line.note, trusted, { origin: header?.origin });
            if (v.size !== line.size) throw new CheckpointError('CHECKPOINT_MALFORMED', `the line says size ${line.size}, the note ${v.size}`);
            root = v.rootHash;
            signatures.pass();
          } catch (e) {
            signatures.fail(errorCode(e), `checkpoint of size ${line.size}: ${errorMessage(e)}`, line.size > 0 ? line.size - 1 : undefined);
            root = Buffer.from(line.note.split('\n')[2] ?? '', 'base64');
          }
          if (!root || root.length !== 32) break;
          const earlier = seen.get(line.size);
          if (earlier && !earlier.equals(root)) {
            consistency.fail('CHECKPOINT_SPLIT_VIEW', `two checkpoints of size ${line.size} with different roots`, line.size - 1);
          } else if (!earlier) {
            seen.set(line.size, root);
          }
          break;
        }
        case 'consistency': {
          counts.consistency += 1;
          const a = seen.get(line.from);
          const b = seen.get(line.to);
          if (!a || !b) {
            consistency.fail('CONSISTENCY_UNANCHORED', `a proof ${line.from}→${line.to} between sizes that have no checkpoint`);
            break;
          }
          try {
            verifyConsistency(line.from, line.to, line.proof.map((h) => Buffer.from(h, 'hex')), a, b);
            consistency.pass();
          } catch (e) {
            consistency.fail(errorCode(e), `checkpoint ${line.to} is not proved to extend checkpoint ${line.from}: ${errorMessage(e)}`, line.to - 1);
          }
          break;
        }
        case 'event': {
          counts.events += 1;
          // The head (position, revision, stream, type) comes from the reader when it kept the
          // canonical bytes; the payload is then parsed only for the events the audit or the
          // projections read. Any byte that is not the committed one fails the chain or the roots.
          const head = line.head ?? (isEventLine(line) ? line.event : undefined);
          if (!head || typeof line.hash !== 'string' || line.hash.length !== 64) {
            format.fail('EVENT_MALFORMED', `line ${lineNo}: an event without position, stream, revision, id, type or hash`);
            break;
          }
          const position = head.position;
          if (position !== expected) {
            chain.fail(
              'CHAIN_POSITION_GAP',
              position > expected ? `position ${expected} is missing (next event is ${position}): an event was deleted` : `position ${position} comes again or out of order`,
              expected,
            );
            expected = position;
          }
          let event: LedgerEvent | undefined;
          const full = (): LedgerEvent | undefined => {
            if (event) return event;
            if (!isEventLine(line)) return undefined;
            const e = toLedgerEvent(line);
            // The payload must say what the head said (it does, for bytes writeBundle wrote).
            if (e.position !== head.position || e.revision !== head.revision || e.streamId !== head.stream || e.type !== head.type) return undefined;
            return (event = e);
          };
          let digests;
          let storedMatches = false; // known already: a worker's chain digest, from our predecessor, equals the stored hash
          try {
            if (line.canonical) {
              // A worker thread's digests stand only if it chained from the same predecessor.
              const pre = line.digests;
              const fromWorker = pre !== undefined && pre.chain.length === 32 && prevHash.equals(pre.prev);
              digests = fromWorker ? pre : digestsOfCanonical(prevHash, line.canonical);
              storedMatches = fromWorker && pre.matchesStored;
            } else {
              const e = full();
              if (!e) throw new Error('the event line does not parse');
              digests = eventDigests(prevHash, e);
            }
          } catch (e) {
            chain.fail('EVENT_NOT_CANONICAL', `the event cannot be canonicalised: ${errorMessage(e)}`, position);
            expected += 1;
            break;
          }
          const stored = storedMatches ? digests.chain : Buffer.from(line.hash, 'hex'); // stops at the first non-hex digit, so a bad one is short
          if (!storedMatches && (stored.length !== 32 || !digests.chain.equals(stored))) {
            chain.fail(
              'CHAIN_HASH_MISMATCH',
              'the stored hash does not match the event and its predecessor: its type, data or metadata was changed, or events were moved',
              position,
            );
          } else {
            chain.pass();
          }
          // Go on from the stored hash, so one edit is reported once, not at every later event.
          prevHash = stored.length === 32 ? stored : digests.chain;
          expected += 1;

          const lastRevision = streams.get(head.stream) ?? -1;
          if (head.revision !== lastRevision + 1) {
            order.fail(
              'STREAM_REVISION_ORDER',
              `stream ${head.stream} goes from revision ${lastRevision} to ${head.revision}: events were moved, deleted or inserted`,
              position,
            );
          } else {
            order.pass();
          }
          streams.set(head.stream, head.revision);

          frontier.append(digests.leaf);
          while (nextCheckpoint < sizes.length && sizes[nextCheckpoint] === frontier.size) {
            const size = sizes[nextCheckpoint++];
            if (frontier.root().equals(seen.get(size) as Buffer)) {
              roots.pass();
            } else {
              roots.fail('CHECKPOINT_ROOT_MISMATCH', `the events 0…${size - 1} do not hash to the root signed at size ${size}`, size - 1);
            }
          }
          if (AUDITED_EVENT_TYPES.has(head.type) || recompute) {
            const e = full();
            if (!e) {
              format.fail('EVENT_MALFORMED', `line ${lineNo}: the event's payload does not parse or does not match its position, stream, revision and type`);
              break;
            }
            audit.apply(e);
            if (recompute) {
              batch.push(e);
              if (batch.length >= RECOMPUTE_BATCH) {
                await recompute.push(batch);
                batch = [];
              }
            }
          }
          if (counts.events % 10_000 === 0) options.onProgress?.(counts.events, header?.treeSize ?? 0);
          break;
        }
        case 'catalog':
          counts.catalogs += 1;
          break;
        case 'readModel':
          counts.readModelRows += 1;
          published.push({ model: line.model, table: line.table, key: line.key, row: line.row });
          break;
        case 'end': {
          sawEnd = true;
          for (const k of Object.keys(counts) as Array<keyof typeof counts>) {
            if (line[k] !== counts[k]) format.fail('COUNT_MISMATCH', `the end line counts ${line[k]} ${k}, the bundle holds ${counts[k]}`);
          }
          break;
        }
      }
    }
  }
  if (!eventsStarted) startEvents();
  if (recompute && batch.length) await recompute.push(batch);
  options.onProgress?.(counts.events, header?.treeSize ?? counts.events);

  if (!header) format.fail('HEADER_MISSING', 'the bundle is empty');
  if (!sawEnd) format.fail('TRUNCATED', 'the bundle has no end line: it was cut short');
  if (header && header.treeSize !== counts.events) {
    format.fail('TREE_SIZE_MISMATCH', `the header announces ${header.treeSize} events, the bundle holds ${counts.events}`);
  }
  format.pass(lineNo);

  // Checkpoints the events never reached, and events no checkpoint reached.
  for (const size of sizes.slice(nextCheckpoint)) {
    roots.fail('CHECKPOINT_BEYOND_EVENTS', `a checkpoint of size ${size} but the bundle has only ${frontier.size} events`, frontier.size);
  }
  const lastSigned = sizes.length ? sizes[sizes.length - 1] : 0;
  if (frontier.size > lastSigned) {
    coverage.fail(
      'EVENTS_UNSIGNED',
      `events ${lastSigned}…${frontier.size - 1} are not covered by any signed checkpoint: appended after the last signature`,
      lastSigned,
    );
  } else {
    coverage.pass(frontier.size);
  }
  if (sizes.length === 0) signatures.fail('NO_CHECKPOINT', 'the bundle carries no checkpoint');
  for (let i = 1; i < sizes.length; i++) {
    // A proof per pair of successive checkpoints; the events already tie every root together.
    if (counts.consistency < sizes.length - 1) {
      consistency.fail('CONSISTENCY_MISSING', `${sizes.length - 1 - counts.consistency} consistency proofs between successive checkpoints are missing`);
      break;
    }
  }

  const honourListUpTo = header?.readModels.find((m) => m.name === HONOUR_LIST_MODEL)?.upTo ?? Number.MAX_SAFE_INTEGER;
  checkEntries(entries, published, audit, header?.campaignId ?? null, honourListUpTo);
  if (recompute) {
    compareReadModels(readModels, published, await recompute.finish(), header?.campaignId ?? null, header?.readModels ?? []);
  } else if (published.length) {
    readModels.fail('RECOMPUTE_NOT_RUN', 'the verifier was given no projections to re-run, so the published read models were not recomputed');
  } else {
    readModels.note('the bundle carries no read models');
  }
  return report(all);
}

/** Honour-list rows against the publications in the log, both ways. */
function checkEntries(check: Check, published: readonly ReadModelRow[], audit: SeasonAudit, campaignId: string | null, upTo: number): void {
  const rows = published.filter((r) => r.model === HONOUR_LIST_MODEL && r.table === HONOUR_LIST_TABLE);
  const listed = new Set<string>();
  for (const { key, row } of rows) {
    const id = String(row.nominationId ?? key);
    listed.add(id);
    const p = audit.publications.get(id);
    if (!p) {
      check.fail('ENTRY_NOT_IN_LOG', `honour-list entry ${id} has no NominationPublished event behind it`);
      continue;
    }
    const status = p.revoked ? 'revoked' : 'published';
    const wrong: string[] = [];
    if (row.honourListId !== p.honourListId) wrong.push(`honour list ${String(row.honourListId)} ≠ ${p.honourListId}`);
    if (row.rank !== p.rank) wrong.push(`rank ${String(row.rank)} ≠ ${p.rank}`);
    if (row.status !== undefined && row.status !== status) wrong.push(`status ${String(row.status)} ≠ ${status}`);
    if (wrong.length) check.fail('ENTRY_MISMATCH', `honour-list entry ${id} differs from its publication event: ${wrong.join(', ')}`, p.position);
    else check.pass();
  }
  if (rows.length === 0 && audit.publications.size > 0) {
    check.note('the bundle carries no honour list; only the publications in the log were checked');
    return;
  }
  for (const p of audit.publications.values()) {
    if ((campaignId !== null && p.campaignId !== campaignId) || p.position >= upTo) continue;
    if (!listed.has(p.nominationId)) check.fail('ENTRY_MISSING', `nomination ${p.nominationId} was published but is not on the honour list`, p.position);
  }
}

const inScope = (row: Record<string, unknown>, campaignId: string | null): boolean => campaignId === null || row.campaignId === campaignId;

/** Every published row equals the recomputed one, and no recomputed (in-scope) row is missing. */
function compareReadModels(
  check: Check,
  published: readonly ReadModelRow[],
  recomputed: RecomputedRows,
  campaignId: string | null,
  models: readonly ReadModelSnapshotInfo[],
): void {
  const tables = new Set(published.map((r) => `${r.model}\u0000${r.table}`));
  const seen = new Set<string>();
  for (const { model, table, key, row } of published) {
    const id = `${model}/${table}/${key}`;
    seen.add(id);
    const want = recomputed.get(model)?.get(table)?.get(key);
    if (!want) {
      check.fail('READ_MODEL_ROW_FORGED', `${id} is published but the projections do not produce it`);
    } else if (canonicalJson(want) !== canonicalJson(row)) {
      check.fail('READ_MODEL_ROW_MISMATCH', `${id} differs from what the projections compute from the events`);
    } else {
      check.pass();
    }
  }
  for (const { name: model } of models) {
    for (const [table, rows] of recomputed.get(model) ?? []) {
      if (!tables.has(`${model}\u0000${table}`)) continue;
      for (const [key, row] of rows) {
        if (inScope(row, campaignId) && !seen.has(`${model}/${table}/${key}`)) {
          check.fail('READ_MODEL_ROW_MISSING', `${model}/${table}/${key} follows from the events but is not published`);
        }
      }
    }
  }
}
