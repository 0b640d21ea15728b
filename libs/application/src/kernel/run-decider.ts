import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandMetadata, Decider, DomainError, fold, isDomainError } from '@vinhdanh/domain';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  JsonValue,
  NewEvent,
  StoredEvent,
  WrongExpectedRevision,
} from '@vinhdanh/event-store';
import { ConcurrencyConflict } from './application-errors';

export interface DomainEventShape {
  type: string;
  data: unknown;
}

export interface CommandShape {
  type: string;
  metadata: CommandMetadata;
}

export interface AppendedEvent<E> {
  event: E;
  eventId: string;
  revision: number;
  position: number;
}

export interface LoadedStream<S> {
  stored: StoredEvent[];
  state: S;
  /** The stream's last revision, -1 when it does not exist. */
  revision: number;
}

export interface Accepted<E, S> {
  ok: true;
  streamId: string;
  /** What the command appended (empty when nothing needed to change); on a replay, what the first run appended. */
  appended: AppendedEvent<E>[];
  /** The stream's last revision after the command, -1 when it still does not exist. */
  revision: number;
  /** The state the decision was taken on. */
  state: S;
  /** An earlier run of the same command (same idempotency key, actor and type) had already been applied. */
  replayed: boolean;
}

export interface Refused<S> {
  ok: false;
  streamId: string;
  error: DomainError;
  state: S;
  revision: number;
}

export type RunOutcome<E, S> = Accepted<E, S> | Refused<S>;

export interface RunDeciderOptions<C extends CommandShape, E extends DomainEventShape, S, X> {
  store: EventStore;
  streamId: string;
  decider: Decider<C, E, S, X>;
  command: C;
  /**
   * Loaded fresh on every attempt, from the state just folded: another stream may have moved
   * while we retried, and the rules must be checked on what is really in the log.
   */
  loadContext: (state: S) => Promise<X>;
  /** How the stream is loaded on each attempt (default: read whole with loadStream). */
  load?: () => Promise<LoadedStream<S>>;
  /** Completes the command from the freshly loaded stream (CloseVoting takes the sealed ballots). */
  prepare?: (command: C, loaded: LoadedStream<S>) => Promise<C>;
  /** Chooses event ids (default: a random UUID per event); the ballot box keys a sealed ballot by its participation event's id. */
  eventId?: (event: E, index: number) => string;
  /** Runs after the decision and before the append, e.g. to seal a ballot under the event's id. */
  beforeAppend?: (events: NewEvent[], decided: E[]) => Promise<void>;
  /** Conflicts are retried this many times in all before the conflict reaches the caller. Default 5. */
  maxAttempts?: number;
}

/** Everything the command's metadata says, plus the command's type, goes into each event's metadata. */
export function eventMetadataFrom(meta: CommandMetadata, commandType: string): EventMetadata {
  const actor: EventMetadata['actor'] = { id: meta.actor.id, roles: [...meta.actor.roles] };
  if (meta.actor.unit !== undefined) actor.unit = meta.actor.unit;
  const out: EventMetadata = { actor, correlationId: meta.correlationId, recordedAt: meta.now, command: commandType };
  if (meta.causationId !== undefined) out.causationId = meta.causationId;
  if (meta.idempotencyKey !== undefined) out.idempotencyKey = meta.idempotencyKey;
  return out;
}

export async function loadStream<C, E extends DomainEventShape, S, X>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S, X>,
): Promise<LoadedStream<S>> {
  const stored: StoredEvent[] = [];
  for await (const event of store.readStream(streamId)) stored.push(event);
  const events = stored.map((e) => ({ type: e.type, data: e.data }) as E);
  const revision = stored.length ? stored[stored.length - 1].revision : -1;
  return { stored, state: fold(decider.evolve, decider.initialState, events), revision };
}

/**
 * Events an earlier run of this very command appended: same idempotency key, same actor (a key
 * never lets one person see another's outcome) and same command type, on this stream. The data
 * is not compared: a key names one request, and a client that reuses it for other data gets the
 * first outcome back. No digest of the data goes into the log to check that, because for a
 * secret ballot a digest of three possible choices would name the choice.
 */
function earlierRun<E>(loaded: LoadedStream<unknown>, command: CommandShape): AppendedEvent<E>[] {
  const key = command.metadata.idempotencyKey;
  if (key === undefined) return [];
  return loaded.stored
    .filter((e) => e.metadata.idempotencyKey === key && e.metadata.actor?.id === command.metadata.actor.id && e.metadata.command === command.type)
    .map((e) => ({ event: { type: e.type, data: e.data } as E, eventId: e.eventId, revision: e.revision, position: e.position }));
}

function appendedEvents<E>(decided: E[], written: NewEvent[], result: AppendResult): AppendedEvent<E>[] {
  const firstRevision = result.nextExpectedRevision - written.length + 1;
  return decided.map((event, i) => ({ event, eventId: written[i].eventId, revision: firstRevision + i, position: result.positions[i] }));
}

/**
 * The whole life of a command: load the stream, fold it, decide, append with the revision we
 * decided against. A concurrent writer makes the append fail; we then decide again on the new
 * state (which may now refuse, e.g. ALREADY_VOTED), a bounded number of times, after which a
 * ConcurrencyConflict reaches the caller. Only WrongExpectedRevision is retried: any other
 * store error may hide a write that did happen, so it is thrown as it is.
 */
export async function runDecider<C extends CommandShape, E extends DomainEventShape, S, X>(
  options: RunDeciderOptions<C, E, S, X>,
): Promise<RunOutcome<E, S>> {
  const { store, streamId, decider } = options;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  for (let attempt = 1; ; attempt++) {
    const loaded = options.load ? await options.load() : await loadStream(store, streamId, decider);
    const { state, revision } = loaded;
    const replay = earlierRun<E>(loaded, options.command);
    if (replay.length > 0) return { ok: true, streamId, appended: replay, revision, state, replayed: true };

    const command = options.prepare ? await options.prepare(options.command, loaded) : options.command;
    const decided = decider.decide(command, state, await options.loadContext(state));
    if (isDomainError(decided)) return { ok: false, streamId, error: decided, state, revision };
    if (decided.length === 0) return { ok: true, streamId, appended: [], revision, state, replayed: false };

    const metadata = eventMetadataFrom(command.metadata, command.type);
    const toAppend: NewEvent[] = decided.map((e, i) => ({
      eventId: options.eventId ? options.eventId(e, i) : randomUUID(),
      type: e.type,
      data: e.data as JsonValue,
      metadata,
    }));
    if (options.beforeAppend) await options.beforeAppend(toAppend, decided);
    try {
      const result = await store.append(streamId, toAppend, revision < 0 ? 'no_stream' : revision);
      return {
        ok: true,
        streamId,
        appended: appendedEvents(decided, toAppend, result),
        revision: result.nextExpectedRevision,
        state,
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (attempt >= maxAttempts) throw new ConcurrencyConflict(streamId, attempt, error);
      // A little jitter so that writers who collided do not collide again in lockstep.
      await sleep(Math.floor(Math.random() * 4 * attempt));
    }
  }
}
