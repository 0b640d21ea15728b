import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { loadApiConfig, loadStoreConfig, type ApiConfig, type Env } from '@vinhdanh/config';
import type { AwardCatalog } from '@vinhdanh/domain';
import { createEventStore, type EventStore } from '@vinhdanh/event-store';
import { openSqlClient, type SqlClient } from '@vinhdanh/sql';
import { createApiModule, type ApiModuleOptions } from './app.module';
import { resolveJwtKeys } from './auth/jwt-keys';
import type { Clock } from './commands/clock';
import { CORRELATION_HEADER, assignCorrelationId } from './observability/correlation-id';
import { DrainSignal } from './observability/drain';
import { createRootLogger, requestLogHook } from './observability/logging';
import type { ApiMetrics, ProjectionLagSource } from './observability/metrics';
import { setupOpenApi } from './openapi';

export interface RegisteredRoute {
  method: string;
  url: string;
}

const ROUTES = new WeakMap<object, RegisteredRoute[]>();

/** Every route the HTTP server serves (Nest's and the docs'), as fastify registered them. */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  return [...(ROUTES.get(app) ?? [])];
}

export interface BootstrapApiOptions {
  /** Open stores to use; when absent they are opened from the environment and closed on shutdown. */
  store?: EventStore;
  sql?: SqlClient;
  /** Default: loadApiConfig(env). */
  config?: ApiConfig;
  env?: Env;
  clock?: Clock;
  catalog?: AwardCatalog;
  metrics?: ApiMetrics;
  projectionLag?: ProjectionLagSource | null;
  /** Where JSON log lines go; default stdout. */
  logDestination?: DestinationStream;
  /** Listen on config.host:config.port (default true); false for app.inject()-only tests. */
  listen?: boolean;
  /** Close on SIGTERM/SIGINT (default true); the combined entry point may handle signals itself. */
  shutdownHooks?: boolean;
  /** More modules in the same app, e.g. the web pages (see ApiModuleOptions.modules). */
  modules?: ApiModuleOptions['modules'];
}

/**
 * Builds, initialises and (unless told not to) starts the API. Used by main.ts, the tests, the
 * demo and the combined entry point. SIGTERM/SIGINT close it gracefully: fastify stops
 * accepting, drains in-flight requests, then the stores this function opened are closed.
 */
export async function bootstrapApi(options: BootstrapApiOptions = {}): Promise<NestFastifyApplication> {
  const env = options.env ?? process.env;
  const config = options.config ?? loadApiConfig(env);
  const logger = createRootLogger(config.logLevel, options.logDestination);
  const owned: { close(): Promise<void> }[] = [];
  let store = options.store;
  let sql = options.sql;
  if (!store || !sql) {
    const storeConfig = loadStoreConfig(env);
    if (!store) {
      store = createEventStore(storeConfig);
      owned.push(store);
    }
    if (!sql) {
      sql = await openSqlClient(storeConfig);
      owned.push(sql);
    }
  }
  const jwtKeys = await resolveJwtKeys(config.jwt);
  logger.info({ mode: config.mode, auth: config.jwt.key.kind }, jwtKeys.description);

  const adapter = new FastifyAdapter({
    genReqId: assignCorrelationId,
    bodyLimit: config.bodyLimit,
    // Behind the ingress the client address is in X-Forwarded-For; rate limits key on it.
    trustProxy: config.mode === 'production',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: method.toUpperCase(), url: route.url });
  });
  const drain = new DrainSignal();
  adapter.getInstance().addHook('onSend', drain.onSend);
  adapter.getInstance().addHook('onResponse', requestLogHook(logger));
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    createApiModule({
      store,
      sql,
      config,
      jwtKeys,
      logger,
      clock: options.clock,
      catalog: options.catalog,
      metrics: options.metrics,
      projectionLag: options.projectionLag,
      modules: options.modules,
      drain,
      onShutdown: async () => {
        for (const resource of owned.reverse()) await resource.close();
      },
    }),
    adapter,
    { bufferLogs: true, abortOnError: false },
  );
  ROUTES.set(app, routes);
  app.useLogger(app.get(Logger));
  if (options.shutdownHooks ?? true) app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  setupOpenApi(app);
  await app.init();
  // Commands speak JSON only: a form or plain-text body is a 415, not a string to validate.
  const fastify = adapter.getInstance();
  for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
    if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
  }
  await fastify.ready();
  if (options.listen ?? true) {
    await app.listen({ port: config.port, host: config.host });
    logger.info({ url: await app.getUrl() }, 'API listening; OpenAPI at /docs');
  }
  return app;
}
