import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KEY_FILE, loadSigningKey, type SigningKey } from '../checkpoint';

export const DEFAULT_LEDGER_ORIGIN = 'vinhdanh.local/ledger';

export interface LedgerKeyEnv {
  LEDGER_ORIGIN?: string;
  LEDGER_SIGNING_KEY?: string;
  LEDGER_SIGNING_KEY_FILE?: string;
  /** Where the embedded default keeps its generated key. Default ./data. */
  LEDGER_KEY_DIR?: string;
}

/**
 * The worker's signing key from configuration: LEDGER_SIGNING_KEY (the key itself), else
 * LEDGER_SIGNING_KEY_FILE, else the embedded default, a key generated on first start under
 * ./data. A generated key's verifier key is announced through `announce` (the console by
 * default), because whoever runs the log must publish it before anyone can check a checkpoint.
 */
export function ledgerSigningKey(
  env: LedgerKeyEnv = process.env,
  announce: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): { key: SigningKey; origin: string; generated: boolean } {
  const origin = env.LEDGER_ORIGIN?.trim() || DEFAULT_LEDGER_ORIGIN;
  const dir = env.LEDGER_KEY_DIR?.trim() || './data';
  const fromConfig = Boolean(env.LEDGER_SIGNING_KEY?.trim() || env.LEDGER_SIGNING_KEY_FILE?.trim());
  const generated = !fromConfig && !existsSync(join(dir, DEFAULT_KEY_FILE));
  const key = loadSigningKey({ name: origin, value: env.LEDGER_SIGNING_KEY, file: env.LEDGER_SIGNING_KEY_FILE?.trim() || undefined, dir });
  if (generated) announce(`ledger: generated a signing key in ${join(dir, DEFAULT_KEY_FILE)}; publish its verifier key: ${key.vkey}`);
  return { key, origin, generated };
}
