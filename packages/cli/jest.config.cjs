/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/cli',
  rootDir: __dirname,
};
