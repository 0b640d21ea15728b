import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { CommandMetadata } from '@vinhdanh/domain';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    commandMetadata?: CommandMetadata;
  }
}

/** The metadata the CommandInterceptor built for this request: actor, clock, correlation and idempotency keys. */
export const CommandMeta = createParamDecorator((_: unknown, context: ExecutionContext): CommandMetadata => {
  const metadata = context.switchToHttp().getRequest<FastifyRequest>().commandMetadata;
  if (!metadata) throw new Error('@CommandMeta() used on a route without @CommandRoute()');
  return metadata;
});
