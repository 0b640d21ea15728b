export * from './sql-client';
export * from './sqlite-client';
export * from './postgres-client';
export * from './open-sql-client';
export * from './mutex';
