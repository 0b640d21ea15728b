export * from './event';
export * from './errors';
export * from './event-store.port';
export * from './validation/validate-append';
export * from './validation/validate-read';
export * from './chain/verify-chain';
export * from './sqlite/sqlite-event-store';
export * from './postgres/postgres-event-store';
export * from './create-event-store';
// The contract suite (testing/event-store.contract.ts) is not exported here: it needs jest's
// globals, and only adapters' spec files use it.
