/** What the pages use of the API around them, in one place (sub-folders import from here). */
export { Public } from '../auth/access.decorators';
export { anonymousActor, type ApiActor } from '../auth/actor';
export type { ResolvedJwtKeys } from '../auth/jwt-keys';
export { mintToken } from '../auth/mint-token';
export { InvalidToken, TokenVerifier } from '../auth/token-verifier';
export { IdParam } from '../shared/path-params';
export { ID_PATTERN } from '../shared/validators';
