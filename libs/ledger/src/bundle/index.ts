export * from './bundle-format';
export { type LogReader, type PublishedReadModels, type ReadModelSnapshot, writeBundle, type WriteBundleOptions } from './write-bundle';
export { type MalformedLine, readBundle } from './read-bundle';
