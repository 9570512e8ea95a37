/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/log-aggregation',
  rootDir: __dirname,
};
