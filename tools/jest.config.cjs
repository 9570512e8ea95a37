/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.preset.js'),
  displayName: '@soar/tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/**/*.spec.ts'],
};
