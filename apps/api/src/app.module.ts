import { Module, type DynamicModule, type OnApplicationShutdown, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { WorkflowModule } from '@vinhdanh/application';
import { LedgerService } from '@vinhdanh/ledger';
import type { ApiConfig } from '@vinhdanh/config';
import type { AwardCatalog } from '@vinhdanh/domain';
import type { EventStore } from '@vinhdanh/event-store';
import type { SqlClient } from '@vinhdanh/sql';
import { API_CONTROLLERS } from './api-controllers';
import { AccessGuard } from './auth/access.guard';
import type { ResolvedJwtKeys } from './auth/jwt-keys';
import { TOKEN_VERIFIER, TokenVerifier } from './auth/token-verifier';
import { CLOCK, systemClock, type Clock } from './commands/clock';
import { CommandInterceptor } from './commands/command.interceptor';
import { ProblemFilter } from './errors/problem.filter';
import { LEDGER_SERVICE } from './ledger/ledger.controller';
import { ApiValidationPipe } from './errors/validation.pipe';
import { IdempotencyGate } from './idempotency/idempotency-gate';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { loggerParams } from './observability/logging';
import { ActiveVersions } from './read-models/active-versions';
import { ReadCache } from './read-models/read-cache';
import { ReadRetryInterceptor } from './read-models/read-retry.interceptor';
import { ApiMetrics, type ProjectionLagSource } from './observability/metrics';
import { checkpointLag } from './observability/projection-lag';
import { RedisProbe } from './observability/redis-probe';
import { DrainSignal } from './observability/drain';
import { API_CONFIG, API_METRICS, PROJECTION_LAG, REDIS_PROBE } from './tokens';
import { WebModule } from './web/web.module';

export interface ApiModuleOptions {
  /** Already open; whoever opened it closes it (see bootstrapApi's `owned`). */
  store: EventStore;
  /** Read models, ballot box, personal data and idempotency keys. */
  sql: SqlClient;
  config: ApiConfig;
  jwtKeys: ResolvedJwtKeys;
  logger: PinoLogger;
  clock?: Clock;
  catalog?: AwardCatalog;
  metrics?: ApiMetrics;
  /** Default: read from the projections' checkpoints in `sql`. */
  projectionLag?: ProjectionLagSource | null;
  /** Runs after the app has closed (bootstrapApi closes what it opened itself). */
  onShutdown?: () => Promise<void>;
  /**
   * More modules served by the same app (the web pages: `(o) => [WebModule.register(o)]`).
   * They share the guards, filter and pipe; their routes must declare @Public() or @Roles().
   */
  modules?: (options: ApiModuleOptions) => (DynamicModule | Type)[];
  /** Flags the start of shutdown to the HTTP layer (bootstrapApi hooks it into fastify). */
  drain?: DrainSignal;
}

class ShutdownHook implements OnApplicationShutdown {
  constructor(private readonly run: (() => Promise<void>) | undefined) {}
  async onApplicationShutdown(): Promise<void> {
    await this.run?.();
  }
}

/**
 * The whole API as one dynamic module over stores the caller opened, so tests, the demo and
 * the one-process `npm start` can share them with the worker.
 */
export function createApiModule(options: ApiModuleOptions): DynamicModule {
  const metrics = options.metrics ?? new ApiMetrics();
  const store = metrics.instrument(options.store);
  const projectionLag = options.projectionLag === undefined ? checkpointLag(options.store, options.sql) : options.projectionLag;
  if (projectionLag) metrics.setProjectionLagSource(projectionLag);
  return {
    module: ApiModule,
    imports: [
      LoggerModule.forRoot(loggerParams(options.logger)),
      WorkflowModule.register({ store, sql: options.sql, catalog: options.catalog }),
      TerminusModule.forRoot({ logger: false }),
      WebModule.register(options),
      ThrottlerModule.forRoot({
        throttlers: [{ name: 'public', ttl: 60_000, limit: options.config.publicRateLimit }],
        // Only callers without a token are throttled; a token is checked by the AccessGuard.
        skipIf: (context) => Boolean(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization),
      }),
      ...(options.modules?.(options) ?? []),
    ],
    controllers: API_CONTROLLERS,
    providers: [
      { provide: API_CONFIG, useValue: options.config },
      { provide: API_METRICS, useValue: metrics },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: PROJECTION_LAG, useValue: projectionLag },
      { provide: REDIS_PROBE, useValue: new RedisProbe(options.config.redisUrl) },
      { provide: TOKEN_VERIFIER, useValue: new TokenVerifier(options.jwtKeys.verification, options.config.jwt) },
      {
        provide: IdempotencyStore,
        // Created at start-up, so a database that cannot hold the keys stops the API early.
        useFactory: async () => {
          const store = new IdempotencyStore(options.sql);
          await store.init();
          return store;
        },
      },
      // Read-only: the worker's checkpointer owns (and creates) the ledger tables.
      { provide: LEDGER_SERVICE, useValue: new LedgerService(options.sql, options.store) },
      {
        provide: IdempotencyGate,
        useFactory: (store: IdempotencyStore) => new IdempotencyGate(store, { retainMs: options.config.idempotencyRetainHours * 3_600_000 }, (error) =>
            options.logger.warn({ err: error }, 'purging old idempotency keys failed; will try again'),
          ),
        inject: [IdempotencyStore],
      },
      { provide: ShutdownHook, useValue: new ShutdownHook(options.onShutdown) },
      { provide: DrainSignal, useValue: options.drain ?? new DrainSignal() },
      ActiveVersions,
      ReadCache,
      // Guards run in this order: the rate limit for anonymous callers, then who may call.
      { provide: APP_GUARD, useClass: ThrottlerGuard },
      { provide: APP_GUARD, useClass: AccessGuard },
      { provide: APP_PIPE, useClass: ApiValidationPipe },
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_INTERCEPTOR, useClass: CommandInterceptor },
      { provide: APP_INTERCEPTOR, useClass: ReadRetryInterceptor },
    ],
  };
}

@Module({})
export class ApiModule {}
