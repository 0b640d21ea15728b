import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventLeafHash, inclusionProof, MemoryNodeStore, MerkleFrontier, signCheckpoint, SigningKey } from '@vinhdanh/ledger';
import { buildClientScript } from './client-script';
import {
  base64ToBytes,
  bytesEqual,
  bytesToHex,
  canonicalJson,
  rootFromInclusion,
  verifyEntryProofInBrowser,
  type BrowserEntryProof,
  type BrowserProvenEvent,
} from './browser-verifier';

// The browser verifier runs here on Node's WebCrypto (the same crypto.subtle API as Chromium's).
const FIXTURES = resolve(__dirname, '../../../../../test/fixtures/rfc6962/inclusion');

function vectorFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? vectorFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

interface Vector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
  desc: string;
}

/** A small log: a campaign, a nomination's events, others' events; leaves and a signed checkpoint. */
function season(key: SigningKey): { proof: BrowserEntryProof; events: BrowserProvenEvent[] } {
  const raw = [
    { streamId: 'campaign-c-1', type: 'CampaignOpened', data: { campaignId: 'c-1', name: 'Thi đua 2026' } },
    { streamId: 'nomination-n-1', type: 'NominationSubmitted', data: { campaignId: 'c-1', nomineeName: 'Nguyễn Thị Mai', score: 91.4 } },
    { streamId: 'nomination-n-2', type: 'NominationSubmitted', data: { campaignId: 'c-1', nomineeName: 'Trần "B" \u2028' } },
    { streamId: 'nomination-n-1', type: 'NominationApproved', data: { decisionNumber: '1234/QĐ-UBND', decisionDate: '2026-10-12' } },
    { streamId: 'council-x', type: 'SessionOpened', data: { present: ['m-1', 'm-2'], b: 1e21, a: -0.5 } },
    { streamId: 'nomination-n-1', type: 'NominationPublished', data: { honourListId: 'hl', rank: 1, publishedAt: '2026-10-13T02:00:00Z' } },
    { streamId: 'nomination-n-3', type: 'NominationSubmitted', data: { z: null, 'é': true, '\u00e9a': [1, 2.5, 'x'] } },
  ];
  const revisions = new Map<string, number>();
  const events = raw.map((e, position) => {
    const revision = revisions.get(e.streamId) ?? 0;
    revisions.set(e.streamId, revision + 1);
    return { position, streamId: e.streamId, revision, eventId: `00000000-0000-4000-8000-00000000000${position}`, type: e.type, data: e.data, metadata: { actor: { id: 'x' } } };
  });
  const store = new MemoryNodeStore();
  const frontier = new MerkleFrontier(store.sink);
  for (const e of events) frontier.append(eventLeafHash(e));
  const size = events.length;
  const checkpoint = signCheckpoint({ origin: key.name, size, rootHash: frontier.root() }, key);
  const proven = events.map((e) => ({ ...e, leafHash: eventLeafHash(e).toString('hex'), inclusionProof: inclusionProof(e.position, size, store).map((h) => h.toString('hex')) }));
  return {
    events: proven,
    proof: {
      nominationId: 'n-1',
      entry: { position: 5 },
      checkpoint,
      publicKeys: [key.vkey],
      campaign: proven[0],
      events: proven.filter((e) => e.streamId === 'nomination-n-1'),
    },
  };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('the browser verifier (WebCrypto)', () => {
  const key = SigningKey.generate('vinhdanh.test/ledger');

  it('agrees with every RFC 6962 inclusion vector', async () => {
    const files = vectorFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const v = JSON.parse(readFileSync(file, 'utf8')) as Vector;
      const root = await rootFromInclusion(v.leafIdx, v.treeSize, base64ToBytes(v.leafHash), (v.proof ?? []).map(base64ToBytes));
      const ok = root !== null && bytesEqual(root, base64ToBytes(v.root));
      expect({ file, ok }).toEqual({ file, ok: !v.wantErr });
    }
  });

  it('canonicalises like the ledger (RFC 8785), so it recomputes the same leaves', () => {
    const { events } = season(key);
    for (const e of events) expect(e.leafHash).toBe(eventLeafHash(e).toString('hex'));
    expect(canonicalJson({ b: [1e21, -0, 0.1], a: '\u2028"', é: null })).toBe('{"a":"\u2028\\"","b":[1e+21,0,0.1],"é":null}');
  });

  it('accepts an honest entry and reports what it checked', async () => {
    const { proof } = season(key);
    const report = await verifyEntryProofInBrowser(proof, [key.vkey], '1234/QĐ-UBND');
    expect(report).toMatchObject({ ok: true, reason: null, signatureValid: true, treeSize: 7, eventsChecked: 4, decisionInLog: true });
    expect(report.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(report.leafHash).toBe(proof.events.at(-1)!.leafHash);
    expect(report.proofPath).toEqual(proof.events.at(-1)!.inclusionProof);
  });

  it('rejects one flipped bit in any proof element of any event', async () => {
    const { proof } = season(key);
    for (const [i, event] of [proof.campaign, ...proof.events].entries()) {
      for (let j = 0; j < event.inclusionProof.length; j++) {
        const bad = clone(proof);
        const target = i === 0 ? bad.campaign : bad.events[i - 1];
        const bytes = Buffer.from(target.inclusionProof[j], 'hex');
        bytes[j % 32] ^= 0x01;
        target.inclusionProof[j] = bytes.toString('hex');
        const report = await verifyEntryProofInBrowser(bad, [key.vkey], null);
        expect(report.ok).toBe(false);
        expect(report.reason).toContain('does not lead to the signed root');
        expect(report).toMatchObject({ code: 'ROOT_MISMATCH', failedAt: event.position });
      }
    }
  });

  it('rejects an edited event, a lie about the tree size, a forged or foreign signature, and a wrong decision number', async () => {
    const { proof } = season(key);
    const edited = clone(proof);
    (edited.events[1].data as { decisionNumber: string }).decisionNumber = '9999/QĐ-UBND';
    expect(await verifyEntryProofInBrowser(edited, [key.vkey], null)).toMatchObject({ code: 'LEAF_MISMATCH', failedAt: edited.events[1].position });

    const resized = clone(proof);
    resized.checkpoint = proof.checkpoint.replace(/\n7\n/, '\n8\n');
    expect((await verifyEntryProofInBrowser(resized, [key.vkey], null)).reason).toBe('the checkpoint signature is invalid');

    const other = SigningKey.generate('vinhdanh.test/ledger');
    const foreign = { ...clone(proof), checkpoint: proof.checkpoint.split('\n\n')[0] + '\n\n' + other.vkey.split('+')[0] + 'x' };
    expect((await verifyEntryProofInBrowser(foreign, [key.vkey], null)).ok).toBe(false);
    const resigned = clone(proof);
    const { size, root } = { size: 7, root: Buffer.from(proof.checkpoint.split('\n')[2], 'base64') };
    resigned.checkpoint = signCheckpoint({ origin: other.name, size, rootHash: root }, other);
    resigned.publicKeys = [other.vkey];
    expect((await verifyEntryProofInBrowser(resigned, [key.vkey], null)).reason).toBe('the checkpoint is not signed by a published key');

    expect((await verifyEntryProofInBrowser(proof, [key.vkey], '1235/QĐ-UBND')).reason).toBe('the decision number on the page is not the one in the ledger');

    const stranger = clone(proof);
    stranger.events[0] = clone(season(key).events[2]);
    expect((await verifyEntryProofInBrowser(stranger, [key.vkey], null)).reason).toContain('is not of this nomination');
  });

  it('serialises into one script that parses', () => {
    const script = buildClientScript();
    expect(() => new Function(script)).not.toThrow();
    expect(script).toContain('function verifyEntryProofInBrowser');
    expect(bytesToHex(new Uint8Array([0, 255]))).toBe('00ff');
  });
});
