import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKey } from '../checkpoint';
import { ledgerSigningKey } from './ledger-key-config';

describe('ledgerSigningKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key on first start, announces its verifier key once, and reuses it', () => {
    const lines: string[] = [];
    const first = ledgerSigningKey({ LEDGER_KEY_DIR: dir, LEDGER_ORIGIN: 'example.org/log' }, (l) => lines.push(l));
    const second = ledgerSigningKey({ LEDGER_KEY_DIR: dir, LEDGER_ORIGIN: 'example.org/log' }, (l) => lines.push(l));
    expect(first.generated).toBe(true);
    expect(second.generated).toBe(false);
    expect(second.key.vkey).toBe(first.key.vkey);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(first.key.vkey);
  });

  it('prefers LEDGER_SIGNING_KEY over the directory', () => {
    const configured = SigningKey.generate('example.org/log');
    const { key, generated } = ledgerSigningKey(
      { LEDGER_KEY_DIR: dir, LEDGER_ORIGIN: 'example.org/log', LEDGER_SIGNING_KEY: configured.toPem() },
      () => undefined,
    );
    expect(generated).toBe(false);
    expect(key.vkey).toBe(configured.vkey);
  });
});
