/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/remediations',
  rootDir: __dirname,
};
