/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/constructs',
  rootDir: __dirname,
};
