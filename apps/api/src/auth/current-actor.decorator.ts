import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { anonymousActor, type ApiActor } from './actor';

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): ApiActor => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return request.actor ?? anonymousActor(request.ip);
});
