import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Params } from 'nestjs-pino';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PINO_REDACT_PATHS } from './redact';

export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'vinhdanh-api' },
      redact: { paths: PINO_REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * Nest's own log lines go through nestjs-pino. Request lines are written by a fastify hook
 * (see requestLogHook) rather than pino-http's middleware, which under the fastify adapter
 * only runs for routes that reach Nest's middleware layer, so it is switched off here.
 */
export function loggerParams(logger: Logger): Params {
  return {
    pinoHttp: {
      logger,
      autoLogging: false,
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
      customAttributeKeys: { reqId: 'correlationId' },
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}

/** One line per request: correlation id, method, route, status, duration. No bodies, no headers. */
export function requestLogHook(logger: Logger) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          correlationId: request.id,
          method: request.method,
          url: request.url.split('?')[0],
          statusCode: status,
          responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
          actor: request.actor?.id,
        },
        'request completed',
      );
    }
    done();
  };
}
