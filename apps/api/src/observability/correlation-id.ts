import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';

const ACCEPTABLE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The caller's X-Correlation-Id when it is a sane token, else a fresh UUID. Set as fastify's
 * request id, and on the raw request, where pino-http takes it from, so every log line of the
 * request and the response header carry the same value.
 */
export function assignCorrelationId(req: IncomingMessage): string {
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
  (req as IncomingMessage & { id?: string }).id = id;
  return id;
}
