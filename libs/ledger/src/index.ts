export * from './canonical-json';
export * from './hash-chain';
export * from './merkle';
export * from './checkpoint';
export * from './checkpointer';
export * from './proofs';
export * from './bundle';
export * from './verify';
