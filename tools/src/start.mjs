// `npm start`: the main job on the embedded local setup. Runs the example findings through SOAR's real
// workflows on this machine (`soar simulate`), then a day of the hourly tasks (reminders, statistics),
// and writes the HTML report. Extra arguments are passed
// on: `npm start -- --verbose`, `npm start -- --json`.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = [
  path.join(root, 'apps', 'soar-core', 'bin', 'soar.mjs'),
  'simulate',
  path.join('examples', 'findings'),
  '--world',
  path.join('examples', 'world.yaml'),
  '--report',
  path.join('reports', 'simulation'),
  // Then a day: the hourly tasks once an hour, sending the reminders of the tickets overdue by then.
  '--hours',
  '24',
  ...process.argv.slice(2),
];
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
if (result.error !== undefined) {
  console.error(`npm start: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
