// Nest 12 ships ESM only; jest runs CommonJS here, so @swc/jest also compiles those
// packages (and the few ESM-only libraries they pull in) to CJS. swc keeps decorator
// metadata, which Nest's dependency injection needs.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|file-type|strtok3|token-types|@tokenizer|canonicalize|jose|content-disposition|cookie)/)'],
  moduleNameMapper: { '^@vinhdanh/(.*)$': '<rootDir>/libs/$1/src' },
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/jest-global-setup.js',
};
