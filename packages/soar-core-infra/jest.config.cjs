/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/soar-core-infra',
  rootDir: __dirname,
};
