const preset = require('../../jest.preset.js');

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: '@soar/alarms-to-sechub',
  rootDir: __dirname,
  setupFiles: [...preset.setupFiles, '<rootDir>/tests/setup-env.cjs'],
};
