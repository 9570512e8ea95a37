/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/scheduled-jobs',
  rootDir: __dirname,
};
