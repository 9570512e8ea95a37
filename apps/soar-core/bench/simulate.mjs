#!/usr/bin/env node
// Wall time of `soar simulate` for one finding, as a user runs it (the whole command, process start
// included): once without the template cache (the stack is synthesized, as every run did before the
// cache) and then with it.
//
//   node apps/soar-core/bench/simulate.mjs            # measure and rewrite its section of BENCHMARKS.md
//   node apps/soar-core/bench/simulate.mjs --no-write # print only
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from '../../../tools/bench/benchmarks-md.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CACHE = path.join(ROOT, '.cache', 'soar', 'templates');
const FINDING = path.join('examples', 'findings', '01-ec2-13-ssh-open-to-the-world.json');
const RUNS = 5;
const TARGET_SECONDS = 3;

function simulateSeconds() {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ['apps/soar-core/bin/soar.mjs', 'simulate', FINDING, '--world', 'examples/world.yaml', '--json'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`soar simulate failed:\n${result.stderr}`);
  return seconds;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const cold = [];
const warm = [];
for (let run = 0; run < RUNS; run += 1) {
  fs.rmSync(CACHE, { recursive: true, force: true });
  cold.push(simulateSeconds());
  warm.push(simulateSeconds());
}
const coldMedian = median(cold);
const warmMedian = median(warm);
const markdown = `## soar simulate: one finding, wall time

The whole command as a user runs it (\`node apps/soar-core/bin/soar.mjs simulate ${FINDING} --world
examples/world.yaml --json\`), process start and TypeScript loading included.

- **Command:** \`node apps/soar-core/bench/simulate.mjs\`
- **Date:** ${new Date().toISOString().slice(0, 10)}; Node.js ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}.
- **Target (issue 12):** at most **${TARGET_SECONDS} s** after the first run: **${warmMedian <= TARGET_SECONDS ? 'met' : 'not met'}**.

| Run | Median of ${RUNS} | Runs |
| --- | --- | --- |
| without the template cache (synthesizes the stack, as every run did before) | ${coldMedian.toFixed(2)} s | ${cold.map((s) => s.toFixed(2)).join(', ')} |
| with the template cache | ${warmMedian.toFixed(2)} s | ${warm.map((s) => s.toFixed(2)).join(', ')} |

The template is cached in \`.cache/soar/templates\` under the SHA-256 of the app configuration the world
gives and of every source file of the app and the libraries, so an edit anywhere synthesizes again.
What remains is starting Node.js with tsx, loading the libraries from TypeScript source, the embedded
DynamoDB with the stack's tables, and the simulation itself (about 0.1 s for one finding).
`;
await writeSection('soar-simulate', markdown);
