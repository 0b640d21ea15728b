export * from './event';
export * from './errors';
export * from './event-store.port';
