import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@vinhdanh/domain';

export const ACCESS_METADATA = 'vinhdanh:access';

/**
 * Every endpoint says who may call it. An endpoint that says nothing is refused to everyone
 * (the guard fails closed), and the role-matrix test reads `x-access` from the OpenAPI
 * document, so a new endpoint cannot slip past either.
 */
export type Access = { public: true } | { public: false; roles: Role[] };

export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { public: false, roles } satisfies Access),
    ApiExtension('x-access', { public: false, roles }),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No token, or an invalid one (problem+json, code UNAUTHENTICATED)' }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')} (problem+json, code FORBIDDEN_ROLE)` }),
  );

/** Open to anyone, with or without a token. Anonymous callers are rate limited. */
export const Public = () =>
  applyDecorators(SetMetadata(ACCESS_METADATA, { public: true } satisfies Access), ApiExtension('x-access', { public: true }));
