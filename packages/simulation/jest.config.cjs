/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/simulation',
  rootDir: __dirname,
};
