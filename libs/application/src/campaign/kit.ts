// What this area's handlers share, one level up so no handler imports by ../../.
export * from '../kernel';
