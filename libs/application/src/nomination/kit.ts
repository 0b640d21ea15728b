// What this area's handlers share, one level up so no handler imports by ../../.
export * from '../kernel';
export * from '../ballot-box/ballot-box.store';
export * from '../personal-data/personal-data.store';
