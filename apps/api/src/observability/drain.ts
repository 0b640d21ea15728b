import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Set when the app starts closing. Responses sent from then on say "Connection: close", so a
 * keep-alive client lets go of its socket once its in-flight request is answered, and the
 * server's close does not wait for the keep-alive timeout.
 */
export class DrainSignal implements BeforeApplicationShutdown {
  draining = false;

  beforeApplicationShutdown(): void {
    this.draining = true;
  }

  readonly onSend = (_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void => {
    if (this.draining) reply.header('connection', 'close');
    done(null, payload);
  };
}
