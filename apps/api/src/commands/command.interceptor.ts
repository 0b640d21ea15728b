import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import { anonymousActor } from '../auth/actor';
import { toProblem } from '../errors/problem-mapping';
import { IDEMPOTENCY_HEADER, IdempotencyGate, parseIdempotencyKey, requestHash } from '../idempotency/idempotency-gate';
import type { ApiMetrics, CommandOutcome } from '../observability/metrics';
import { API_METRICS } from '../tokens';
import { CLOCK, type Clock } from './clock';
import { COMMAND_ROUTE_METADATA } from './command-route.decorator';

/**
 * A secret ballot's request carries its choice, and its answer carries the receipt that finds
 * the choice in the published tally: neither may be kept beside the voter's id. These commands
 * skip the API's key table; the command runner already answers a repeated key from the same
 * voter with the first result (the receipt while the ballot box holds it) and writes nothing.
 */
const SECRET_PAYLOAD_COMMANDS: ReadonlySet<string> = new Set(['CastBallot']);

/**
 * For @CommandRoute() routes: builds the command metadata (actor from the token, the clock,
 * the correlation id, the Idempotency-Key), applies the idempotency gate, and counts outcomes.
 */
@Injectable()
export class CommandInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly gate: IdempotencyGate,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_METRICS) private readonly metrics: ApiMetrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const commandType = this.reflector.get<string | undefined>(COMMAND_ROUTE_METADATA, context.getHandler());
    if (!commandType) return next.handle();
    return from(this.run(commandType, context, next));
  }

  private async run(commandType: string, context: ExecutionContext, next: CallHandler): Promise<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const stopTimer = this.metrics.commandLatency.startTimer({ type: commandType });
    let outcome: CommandOutcome = 'error';
    try {
      const actor = request.actor ?? anonymousActor(request.ip);
      const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
      const now = this.clock();
      request.commandMetadata = {
        actor: { id: actor.id, roles: [...actor.roles], ...(actor.unit !== undefined ? { unit: actor.unit } : {}) },
        now,
        correlationId: String(request.id),
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      };
      if (key === undefined || SECRET_PAYLOAD_COMMANDS.has(commandType)) {
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        outcome = 'accepted';
        return body;
      }
      const path = request.url.split('?')[0];
      const decision = await this.gate.enter(actor.id, key, requestHash(request.method, path, request.body));
      if (!decision.run) {
        reply.status(decision.statusCode).header('idempotent-replayed', 'true');
        outcome = 'replayed';
        return decision.body;
      }
      let body: unknown;
      try {
        body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      } catch (error) {
        await decision.abandon();
        throw error;
      }
      await decision.finish(reply.statusCode, body);
      outcome = 'accepted';
      return body;
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      stopTimer();
      this.metrics.commands.inc({ type: commandType, outcome });
    }
  }
}

function outcomeOf(error: unknown): CommandOutcome {
  const { status } = toProblem(error).problem;
  if (status === 400 || status === 413 || status === 415) return 'invalid';
  if (status === 409) return 'conflict';
  if (status < 500) return 'refused';
  return 'error';
}
