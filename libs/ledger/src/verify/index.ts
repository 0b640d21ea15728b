export { canonicalEventText, digestsOfCanonical, eventDigests, type EventDigests, type LedgerEvent } from './event-digests';
export { FastFrontier } from './fast-frontier';
export { fastCanonicalJson } from './fast-canonical';
export { Check, type CheckFailure, type CheckResult, formatReport, report, type VerificationReport } from './report';
export type { ReadModelRecompute, RecomputedRows } from './read-model-recompute';
export { type Publication, SeasonAudit, type SeasonChecks } from './season-audit';
export { verifyBundle, type VerifyBundleOptions } from './verify-bundle';
export { verifyEntryProof, type VerifyEntryOptions } from './verify-entry-proof';
