#!/usr/bin/env node
// Size and cold-import time of each soar-core Lambda handler, bundled as the stack bundles it
// (NodejsFunction: esbuild, minified, CommonJS, target node22, `@aws-sdk/*` external, condition
// `@soar/source`; source maps left out of the timing).
//
//   node tools/bench/soar-core-handlers.mjs            # measure and rewrite its section of BENCHMARKS.md
//   node tools/bench/soar-core-handlers.mjs --no-write # print only
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './benchmarks-md.mjs';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, 'tmp', 'handlers');
const HANDLERS = path.join(ROOT, 'apps', 'soar-core', 'src', 'handlers');
const ENTRIES = [
  'intake',
  'suppress',
  'remediate',
  'ticket',
  'notify-fixed',
  'close-ticket',
  'record-failure',
];
const RUNS = 10;

function wallMs(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function topContributors(metafile, count) {
  const bytes = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
        /^((?:packages|apps)\/[^/]+)/.exec(input)?.[1] ??
        input;
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, count);
}

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const bundles = [];
  for (const name of ENTRIES) {
    const outfile = path.join(OUT, `${name}.cjs`);
    const result = await esbuild.build({
      entryPoints: [path.join(HANDLERS, `${name}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      minify: true,
      conditions: ['@soar/source'],
      external: ['@aws-sdk/*'],
      logLevel: 'warning',
      absWorkingDir: ROOT,
      metafile: true,
    });
    bundles.push({ name, outfile, bytes: fs.statSync(outfile).size, metafile: result.metafile });
  }
  const samples = new Map([['baseline', []], ...bundles.map((b) => [b.name, []])]);
  wallMs(['-e', '']);
  for (const b of bundles) wallMs(['-e', `require(${JSON.stringify(b.outfile)})`]);
  for (let run = 0; run < RUNS; run += 1) {
    samples.get('baseline').push(wallMs(['-e', '']));
    for (const b of bundles)
      samples.get(b.name).push(wallMs(['-e', `require(${JSON.stringify(b.outfile)})`]));
  }
  const baseline = median(samples.get('baseline'));
  const rows = bundles.map((b) => {
    const cold = median(samples.get(b.name));
    return `| ${b.name} | ${(b.bytes / 1024).toFixed(0)} KB | ${cold.toFixed(0)} ms | ${(cold - baseline).toFixed(0)} ms |`;
  });
  const biggest = topContributors(bundles.find((b) => b.name === 'ticket').metafile, 8)
    .map(([name, size]) => `\`${name}\` ${(size / 1024).toFixed(0)} KB`)
    .join(', ');
  const markdown = `## soar-core Lambda handlers: bundle size and cold import

Each function's entry bundled as the stack's \`NodejsFunction\` bundles it (esbuild ${esbuild.version}:
minified, CommonJS, target node22, \`@aws-sdk/*\` external as the Node.js runtime provides it).

- **Command:** \`node tools/bench/soar-core-handlers.mjs\`
- **Date:** ${new Date().toISOString().slice(0, 10)}; Node.js ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}.
- **Cold import:** \`node -e "require('<bundle>')"\`, whole process, median of ${RUNS} runs; baseline
  \`node -e ""\` in the same run: **${baseline.toFixed(0)} ms**.

| Handler | Minified | Cold import (median) | Over baseline |
| --- | --- | --- | --- |
${rows.join('\n')}

Largest contributors to the \`ticket\` bundle: ${biggest}.

No SDK client is loaded at import: \`@soar/triage\`, \`@soar/ticketing\`, \`@soar/workflow\` and
\`@soar/remediations\` load each client on first use, so a function loads only the clients it calls.
Before that change (2026-12-01, same machine) every handler loaded six clients at import and took
about 220 ms over the baseline. What remains is the bundles' own code, mostly zod schemas, Handlebars
and sanitize-html.
`;
  await writeSection('soar-core-handlers', markdown);
}

await main();
