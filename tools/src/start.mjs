// `npm start`: runs the main job on the embedded local setup.
// The soar-core app (and its `soar simulate` command) does not exist yet; until it does, say so.
console.log(
  [
    'SOAR: nothing to run yet.',
    '',
    'The libraries are in place (@soar/asff-schema, @soar/scratchpad, @soar/aws-access).',
    'Once the soar-core app lands, `npm start` will run the example findings through the real',
    'workflows locally and write an HTML report.',
    '',
    'Try `npm test` to run every check.',
  ].join('\n'),
);
