/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/lambda',
  rootDir: __dirname,
};
