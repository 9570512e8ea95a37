const preset = require('../../jest.preset.js');

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: '@soar/foundation-log-processing',
  rootDir: __dirname,
  setupFiles: [...preset.setupFiles, '<rootDir>/tests/setup-env.cjs'],
};
