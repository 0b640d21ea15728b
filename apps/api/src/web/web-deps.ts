import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { CommandMetadata } from '@vinhdanh/domain';
import type { EventStore } from '@vinhdanh/event-store';
import { LedgerService } from '@vinhdanh/ledger';
import type { SqlClient } from '@vinhdanh/sql';
import { anonymousActor, type ApiActor } from '../auth/actor';
import type { Clock } from '../commands/clock';
import { toProblem } from '../errors/problem-mapping';
import type { WebAuth, WebUser } from './session/web-auth';

export const WEB_DEPS = Symbol('WEB_DEPS');

/** What the page controllers share: the stores, the clock, sessions, the ledger's read side. */
export class WebDeps {
  readonly ledger: LedgerService;

  constructor(
    readonly store: EventStore,
    readonly sql: SqlClient,
    readonly clock: Clock,
    readonly auth: WebAuth,
  ) {
    this.ledger = new LedgerService(sql, store);
  }

  /** Command metadata for a page action, as the CommandInterceptor builds it for the JSON API. */
  metadata(request: FastifyRequest, user: WebUser | null, idempotencyKey?: string): CommandMetadata {
    const actor: ApiActor = user ?? anonymousActor(request.ip);
    return {
      actor: { id: actor.id, roles: [...actor.roles], ...(actor.unit !== undefined ? { unit: actor.unit } : {}) },
      now: this.clock(),
      correlationId: String(request.id ?? randomUUID()),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    };
  }
}

/** A refusal as a person reads it: the rule's message and its code. Never echoes the request. */
export function describeFailure(error: unknown): { status: number; message: string; serverFault: boolean } {
  const { problem, serverFault } = toProblem(error);
  return { status: problem.status, message: serverFault ? problem.title : `${problem.detail ?? problem.title} (${problem.code})`, serverFault };
}

/** A form body (application/x-www-form-urlencoded, or JSON from API clients) as single strings. */
export function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') out[key] = value[0];
  }
  return out;
}

/** Repeated form fields (checkboxes) as a list. */
export function formList(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
