/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/ticket-systems',
  rootDir: __dirname,
};
