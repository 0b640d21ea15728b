import {
  base64ToBytes,
  bytesEqual,
  bytesToHex,
  canonicalJson,
  eventLeaf,
  hexToBytes,
  parseCheckpointNote,
  parseVerifierKey,
  rootFromInclusion,
  sha256,
  verifyEntryProofInBrowser,
} from './browser-verifier';
import { clientMain } from './client-main';

/**
 * The client script, built from the compiled functions' own source: the code the browser runs
 * is the code the unit tests run, with no bundler. Strict mode, one scope, nothing global.
 */
export function buildClientScript(): string {
  const parts = [hexToBytes, bytesToHex, base64ToBytes, bytesEqual, canonicalJson, sha256, eventLeaf, rootFromInclusion, parseCheckpointNote, parseVerifierKey, verifyEntryProofInBrowser];
  return `(() => {\n'use strict';\n${parts.map((f) => f.toString()).join('\n')}\n(${clientMain.toString()})();\n})();\n`;
}
