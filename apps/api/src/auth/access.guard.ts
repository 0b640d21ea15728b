import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../errors/problem';
import { anonymousActor } from './actor';
import { ACCESS_METADATA, type Access } from './access.decorators';
import { InvalidToken, TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

/**
 * Runs for every route. A token, when sent, must verify (even on public endpoints: a bad token
 * is a client bug worth reporting). Without one the caller is public. Routes that declare no
 * access are refused to everyone.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      request.actor = anonymousActor(request.ip);
      if (access?.public) return true;
      throw new ProblemException(401, 'UNAUTHENTICATED', 'Unauthenticated', 'Send a bearer token: Authorization: Bearer <token>.');
    }
    try {
      request.actor = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidToken) throw new ProblemException(401, 'UNAUTHENTICATED', 'Unauthenticated', `The bearer token was refused: ${error.reason}.`);
      throw error;
    }
    if (!access) throw new ProblemException(403, 'FORBIDDEN_ROLE', 'Forbidden', 'This endpoint declares no access; nobody may call it.');
    if (access.public) return true;
    const actor = request.actor;
    if (access.roles.some((role) => actor.roles.includes(role))) return true;
    throw new ProblemException(403, 'FORBIDDEN_ROLE', 'Forbidden', `This needs one of the roles: ${access.roles.join(', ')}.`, {
      requiredRoles: access.roles,
    });
  }
}

/** undefined when no Authorization header; a malformed header is an invalid token, not "no token". */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
  if (!match) throw new ProblemException(401, 'UNAUTHENTICATED', 'Unauthenticated', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}
