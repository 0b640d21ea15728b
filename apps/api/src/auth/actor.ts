import type { Role } from '@vinhdanh/domain';

/**
 * Who is calling. A caller without a token is public: an anonymous actor with no roles, who
 * may only reach endpoints marked @Public().
 */
export interface ApiActor {
  id: string;
  roles: Role[];
  unit?: string;
  anonymous: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: ApiActor;
  }
}

export function anonymousActor(ip: string): ApiActor {
  return { id: `anonymous:${ip}`, roles: [], anonymous: true };
}
