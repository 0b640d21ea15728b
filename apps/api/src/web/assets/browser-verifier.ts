/**
 * The entry-proof verifier that runs in the citizen's browser, with WebCrypto only
 * (crypto.subtle SHA-256 and Ed25519). Every function here is self-contained: the client
 * script is built from their compiled source text (client-script.ts), so they may call one
 * another by name but must not use imports or module-level values.
 *
 * It repeats, independently of the server's code, what the ledger's verifier checks for one
 * entry: each event's RFC 8785 canonical form hashed as an RFC 9162 leaf, each inclusion proof
 * folded to the checkpoint's root, and the C2SP signed-note checkpoint's Ed25519 signature by a
 * key the page published.
 */

export interface BrowserProvenEvent {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
  leafHash: string;
  inclusionProof: string[];
}

export interface BrowserEntryProof {
  nominationId: string;
  entry: { position: number };
  checkpoint: string;
  publicKeys: string[];
  campaign: BrowserProvenEvent;
  events: BrowserProvenEvent[];
}

export type VerifyFailure = 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'FOREIGN_EVENT' | 'LEAF_MISMATCH' | 'ROOT_MISMATCH' | 'NO_PUBLICATION' | 'DECISION_MISMATCH' | 'MALFORMED';

export interface BrowserVerifyReport {
  ok: boolean;
  /** The first thing that failed, in plain (English) words; null when everything held. */
  reason: string | null;
  /** Its stable code, which the page shows in the reader's language. */
  code: VerifyFailure | null;
  /** The log position the failure is about, when there is one. */
  failedAt: number | null;
  leafHash: string | null;
  proofPath: string[];
  root: string | null;
  treeSize: number | null;
  keyId: string | null;
  signatureValid: boolean;
  eventsChecked: number;
  decisionInLog: boolean | null;
}

export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) throw new Error('not lowercase hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function base64ToBytes(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new Error('not standard base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** RFC 8785: object members sorted by UTF-16 code units, numbers and strings as ECMAScript prints them. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('a number that JSON cannot hold');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new Error(`cannot canonicalise a ${typeof value}`);
}

export async function sha256(parts: Uint8Array[]): Promise<Uint8Array> {
  let length = 0;
  for (const p of parts) length += p.length;
  const all = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

/** RFC 9162 §2.1.1: leaf = SHA-256(0x00 ‖ canonical event). */
export async function eventLeaf(event: BrowserProvenEvent): Promise<Uint8Array> {
  const canonical = canonicalJson({
    position: event.position,
    stream: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });
  return sha256([new Uint8Array([0]), new TextEncoder().encode(canonical)]);
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when the proof has the wrong shape. */
export async function rootFromInclusion(index: number, size: number, leaf: Uint8Array, proof: Uint8Array[]): Promise<Uint8Array | null> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size || leaf.length !== 32) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  const one = new Uint8Array([1]);
  for (const p of proof) {
    if (p.length !== 32 || sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256([one, p, r]);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await sha256([one, r, p]);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** c2sp.org/tlog-checkpoint inside a c2sp.org/signed-note: origin, size, root, then signatures. */
export function parseCheckpointNote(note: string): { body: string; origin: string; size: number; root: Uint8Array; signatures: { name: string; keyId: number; signature: Uint8Array }[] } {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint has no signature block');
  const body = note.slice(0, split + 1);
  const lines = body.split('\n');
  if (lines.length < 4 || !/^[1-9][0-9]*$|^0$/.test(lines[1])) throw new Error('the checkpoint body is malformed');
  const root = base64ToBytes(lines[2]);
  if (root.length !== 32) throw new Error('the checkpoint root is not 32 bytes');
  const signatures = [];
  for (const line of note.slice(split + 2).split('\n')) {
    if (line === '') continue;
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match) throw new Error('a signature line is malformed');
    const bytes = base64ToBytes(match[2]);
    if (bytes.length < 5) throw new Error('a signature is too short');
    const keyId = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    signatures.push({ name: match[1], keyId, signature: bytes.slice(4) });
  }
  return { body, origin: lines[0], size: Number(lines[1]), root, signatures };
}

/** A verifier key `name+hexid+base64(0x01 ‖ key)`, its id checked against SHA-256(name ‖ \n ‖ 0x01 ‖ key)[:4]. */
export async function parseVerifierKey(vkey: string): Promise<{ name: string; keyId: number; publicKey: Uint8Array }> {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
  if (!match) throw new Error('a public key is malformed');
  const material = base64ToBytes(match[3]);
  if (material.length !== 33 || material[0] !== 1) throw new Error('a public key is not Ed25519');
  const publicKey = material.slice(1);
  const digest = await sha256([new TextEncoder().encode(match[1]), new Uint8Array([0x0a, 0x01]), publicKey]);
  const keyId = ((digest[0] << 24) | (digest[1] << 16) | (digest[2] << 8) | digest[3]) >>> 0;
  if (keyId !== parseInt(match[2], 16)) throw new Error('a public key does not match its key id');
  return { name: match[1], keyId, publicKey };
}

/**
 * Checks one entry proof. `pinnedKeys` are the keys the page published; a checkpoint signed by
 * any other key (even one the proof itself lists) is refused. `decisionNumber`, when given,
 * must be the one the log's approval event records.
 */
export async function verifyEntryProofInBrowser(proof: BrowserEntryProof, pinnedKeys: string[], decisionNumber: string | null): Promise<BrowserVerifyReport> {
  const report: BrowserVerifyReport = {
    ok: false,
    reason: null,
    code: null,
    failedAt: null,
    leafHash: null,
    proofPath: [],
    root: null,
    treeSize: null,
    keyId: null,
    signatureValid: false,
    eventsChecked: 0,
    decisionInLog: null,
  };
  const fail = (code: VerifyFailure, reason: string, failedAt: number | null = null): BrowserVerifyReport => ({ ...report, ok: false, reason, code, failedAt });
  try {
    const checkpoint = parseCheckpointNote(proof.checkpoint);
    report.root = bytesToHex(checkpoint.root);
    report.treeSize = checkpoint.size;
    for (const vkey of pinnedKeys) {
      const key = await parseVerifierKey(vkey);
      const signature = checkpoint.signatures.find((s) => s.name === key.name && s.keyId === key.keyId);
      if (!signature) continue;
      report.keyId = key.keyId.toString(16).padStart(8, '0');
      if (signature.signature.length !== 64) break;
      const cryptoKey = await crypto.subtle.importKey('raw', new Uint8Array(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
      report.signatureValid = await crypto.subtle.verify('Ed25519', cryptoKey, new Uint8Array(signature.signature), new TextEncoder().encode(checkpoint.body));
      break;
    }
    if (!report.keyId) return fail('UNKNOWN_KEY', 'the checkpoint is not signed by a published key');
    if (!report.signatureValid) return fail('BAD_SIGNATURE', 'the checkpoint signature is invalid');
    const events = [proof.campaign, ...proof.events];
    const stream = `nomination-${proof.nominationId}`;
    for (const event of events) {
      if (event !== proof.campaign && event.streamId !== stream) return fail('FOREIGN_EVENT', `event ${event.position} is not of this nomination`, event.position);
      const leaf = await eventLeaf(event);
      if (!bytesEqual(leaf, hexToBytes(event.leafHash))) return fail('LEAF_MISMATCH', `event ${event.position} does not hash to its leaf: its content was changed`, event.position);
      const path = event.inclusionProof.map(hexToBytes);
      const root = await rootFromInclusion(event.position, checkpoint.size, leaf, path);
      if (event.position === proof.entry.position) {
        report.leafHash = bytesToHex(leaf);
        report.proofPath = event.inclusionProof;
      }
      if (!root || !bytesEqual(root, checkpoint.root)) return fail('ROOT_MISMATCH', `the inclusion proof of event ${event.position} does not lead to the signed root`, event.position);
      report.eventsChecked += 1;
    }
    const published = proof.events.find((e) => e.position === proof.entry.position && e.type === 'NominationPublished');
    if (!published) return fail('NO_PUBLICATION', 'the publication event is missing');
    if (decisionNumber !== null) {
      const approved = proof.events.find((e) => e.type === 'NominationApproved');
      const recorded = approved && (approved.data as { decisionNumber?: unknown }).decisionNumber;
      report.decisionInLog = recorded === decisionNumber;
      if (!report.decisionInLog) return fail('DECISION_MISMATCH', 'the decision number on the page is not the one in the ledger');
    }
    return { ...report, ok: true, reason: null, code: null, failedAt: null };
  } catch (error) {
    return fail('MALFORMED', error instanceof Error ? error.message : String(error));
  }
}
