// Shared Jest settings for every project. Projects spread this into their own jest.config.cjs.
// - @swc/jest strips types (fast); `nx typecheck` is the type gate.
// - The "@soar/source" export condition makes workspace packages resolve to their TypeScript
//   source, so tests never need a prior build of their dependencies.
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // A relative `import('./x.js')` (the form Node's ES module resolution needs) resolves to x.ts.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/tests/**/*.spec.ts'],
  testEnvironmentOptions: {
    customExportConditions: ['@soar/source', 'node', 'require', 'default'],
  },
  cacheDirectory: path.join(__dirname, '.cache', 'jest'),
  setupFiles: [path.join(__dirname, 'jest.setup.js')],
  // Emulator-backed tests (moto, dynalite, verdaccio) share a busy 2-core machine; 5 s is too tight.
  testTimeout: 30_000,
  clearMocks: true,
  restoreMocks: true,
};
