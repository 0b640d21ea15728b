export * from './event';
export * from './errors';
export * from './event-store.port';
export * from './validation/validate-append';
export * from './chain/verify-chain';
export * from './sqlite/sqlite-event-store';
