import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedAnswer } from './read-cache';

/**
 * Sends an answer with its ETag. A client that already holds these bytes (If-None-Match) gets
 * 304 and no body, so the provincial portal or an auditor's tool can poll a list for the cost
 * of a header. `no-cache`: keep it, but ask again before using it, since the read model moves
 * with every event; `private` for answers only some callers may see.
 */
export function sendConditional(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer, scope: 'public' | 'private'): Buffer | undefined {
  reply.header('etag', answer.etag).header('cache-control', scope === 'private' ? 'private, no-cache' : 'no-cache');
  if (!matchesETag(request.headers['if-none-match'], answer.etag)) return answer.body;
  reply.status(304);
  return undefined;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x". */
export function matchesETag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate === etag || candidate === `W/${etag}`;
  });
}
