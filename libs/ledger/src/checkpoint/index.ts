export * from './checkpoint-error';
export * from './strict-base64';
export * from './note-keys';
export * from './signed-note';
export * from './checkpoint';
export * from './signing-key';
export * from './trusted-checkpoint';
