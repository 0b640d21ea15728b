export * from './hashing';
export * from './merkle-error';
export * from './tree-math';
export * from './node-store';
export * from './merkle-frontier';
export * from './proofs';
export * from './verify';
export * from './event-leaf';
