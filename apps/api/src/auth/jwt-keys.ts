import { createRemoteJWKSet, importSPKI, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import type { JwtConfig } from '@vinhdanh/config';
import { readOrCreateSecretFile } from './embedded-secret';

export type VerificationKey = { key: Uint8Array | CryptoKey | JWTVerifyGetKey; algorithms: string[] };

export interface ResolvedJwtKeys {
  verification: VerificationKey;
  /** Present when this process can sign (a shared secret); absent for a public key or JWKS. */
  signingSecret?: Uint8Array;
  /** One line for the start-up log, never containing key material. */
  description: string;
}

export async function resolveJwtKeys(config: JwtConfig): Promise<ResolvedJwtKeys> {
  const source = config.key;
  switch (source.kind) {
    case 'secret': {
      const secret = new TextEncoder().encode(source.secret);
      return { verification: { key: secret, algorithms: ['HS256'] }, signingSecret: secret, description: 'tokens verified with JWT_SECRET (HS256)' };
    }
    case 'embedded': {
      const { secret: text, created } = readOrCreateSecretFile(source.secretFile);
      const secret = new TextEncoder().encode(text);
      return {
        verification: { key: secret, algorithms: ['HS256'] },
        signingSecret: secret,
        description: `no JWT_* configuration: tokens are signed with a random secret ${created ? 'generated now and saved' : 'kept'} in ${source.secretFile} (mint one with "vinhdanh token")`,
      };
    }
    case 'public_key':
      return {
        verification: { key: await importSPKI(source.publicKeyPem, source.algorithm), algorithms: [source.algorithm] },
        description: `tokens verified with JWT_PUBLIC_KEY (${source.algorithm})`,
      };
    case 'jwks':
      return {
        verification: { key: createRemoteJWKSet(new URL(source.jwksUrl), { timeoutDuration: 3000 }), algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] },
        description: `tokens verified against the key set at ${source.jwksUrl}`,
      };
    default: {
      const unknown: never = source;
      throw new RangeError(`unknown JWT key source ${JSON.stringify(unknown)}`);
    }
  }
}
