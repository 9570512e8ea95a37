/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/soar-core',
  rootDir: __dirname,
  // The first test of a file that runs the workflows synthesizes the CDK stack (esbuild bundles every
  // handler): 4-15 s alone, and over the preset's 30 s while other tasks load the 2 cores (seen in CI).
  testTimeout: 120_000,
};
