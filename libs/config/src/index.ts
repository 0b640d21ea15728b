export * from './config-error';
export * from './env-readers';
export * from './store-config';
export * from './app-config';
