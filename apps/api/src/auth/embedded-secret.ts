import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The embedded default's signing secret: 32 random bytes in a file under ./data, created on
 * first use, so tokens the CLI mints keep working after a restart. `created` says whether this
 * call made it (the API logs that, without the secret).
 */
export function readOrCreateSecretFile(path: string): { secret: string; created: boolean } {
  try {
    return { secret: readSecret(path), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  try {
    // 'wx': if another process created it meanwhile, we read theirs instead of overwriting it.
    writeFileSync(path, randomBytes(32).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
    return { secret: readSecret(path), created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { secret: readSecret(path), created: false };
    throw error;
  }
}

function readSecret(path: string): string {
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path} holds a secret shorter than 32 characters; delete it to generate a new one`);
  return secret;
}
