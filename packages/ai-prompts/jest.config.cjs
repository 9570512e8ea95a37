/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@soar/ai-prompts',
  rootDir: __dirname,
};
