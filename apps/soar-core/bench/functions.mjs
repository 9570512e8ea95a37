#!/usr/bin/env node
// Size and cold-import time of each soar-core Lambda function, bundled from its own entry as the
// stack bundles it (SoarFunction: esbuild, minified, CommonJS, target node22, `@aws-sdk/*` external,
// condition `@soar/source`; source maps left out of the timing).
//
//   node apps/soar-core/bench/functions.mjs            # measure and rewrite its section of BENCHMARKS.md
//   node apps/soar-core/bench/functions.mjs --no-write # print only
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from '../../../tools/bench/benchmarks-md.mjs';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');
const OUT = path.join(ROOT, 'tools', 'bench', 'tmp', 'functions');
const FUNCTIONS = path.join(ROOT, 'apps', 'soar-core', 'src', 'functions');
const ENTRIES = [
  'intake',
  'suppress',
  'remediate',
  'ticket',
  'notify-fixed',
  'close-ticket',
  'record-failure',
  'handle-incident',
  'notify-incident',
  'weekly-report',
];
const RUNS = 31;
const TARGETS = { kilobytes: 400, milliseconds: 40 };
/** The figures of the single shared bundle every function used before (2026-12-01, same machine). */
const BEFORE = { kilobytes: 1070, milliseconds: '105–120' };

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

function contributors(metafile, count) {
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
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, size]) => `\`${name}\` ${(size / 1024).toFixed(0)} KB`)
    .join(', ');
}

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const bundles = [];
  for (const name of ENTRIES) {
    const outfile = path.join(OUT, `${name}.cjs`);
    const result = await esbuild.build({
      entryPoints: [path.join(FUNCTIONS, `${name}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      minify: true,
      conditions: ['@soar/source'],
      external: ['@aws-sdk/*'],
      // As SoarFunction bundles by default (`bundleDefines('active')` of @soar/constructs): no Powertools Tracer.
      define: { 'process.env.SOAR_POWERTOOLS_TRACER': '"false"' },
      logLevel: 'warning',
      absWorkingDir: ROOT,
      metafile: true,
    });
    bundles.push({ name, outfile, bytes: fs.statSync(outfile).size, metafile: result.metafile });
  }
  // Paired runs: each bundle's import is timed right after a \`node -e ""\` of its own, and the
  // figure is the median of those differences. The host's speed drifts within a run on this shared
  // machine; a baseline taken once per run let that drift land on whichever rows ran in a slow spell.
  const samples = new Map([['baseline', []], ...bundles.map((b) => [b.name, []])]);
  wallMs(['-e', '']);
  for (const b of bundles) wallMs(['-e', `require(${JSON.stringify(b.outfile)})`]);
  for (let run = 0; run < RUNS; run += 1) {
    for (const b of bundles) {
      const base = wallMs(['-e', '']);
      samples.get('baseline').push(base);
      samples.get(b.name).push(wallMs(['-e', `require(${JSON.stringify(b.outfile)})`]) - base);
    }
  }
  const baseline = median(samples.get('baseline'));
  const rows = bundles.map((b) => {
    const kilobytes = b.bytes / 1024;
    const over = median(samples.get(b.name));
    const within = [
      kilobytes <= TARGETS.kilobytes ? undefined : 'size',
      over <= TARGETS.milliseconds ? undefined : 'time',
    ].filter(Boolean);
    return `| ${b.name} | ${kilobytes.toFixed(0)} KB | ${over.toFixed(0)} ms | ${within.length === 0 ? 'yes' : `no (${within.join(', ')})`} |`;
  });
  const slow = rows.filter((row) => row.includes('time')).length;
  const timeVerdict =
    slow === 0
      ? 'Every function meets the time target in this run.'
      : `${slow} of ${rows.length} functions miss the time target in this run.`;
  const markdown = `## soar-core Lambda functions: bundle size and cold import

Each function bundled from its own entry (\`apps/soar-core/src/functions/<name>.ts\`) as the stack's
\`SoarFunction\` bundles it (esbuild ${esbuild.version}: minified, CommonJS, target node22, \`@aws-sdk/*\`
external as the Node.js runtime provides it).

- **Command:** \`node apps/soar-core/bench/functions.mjs\`
- **Date:** ${new Date().toISOString().slice(0, 10)}; Node.js ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)} (1 min; other jobs share the machine).
- **Cold import:** \`node -e "require('<bundle>')"\`, whole process, minus a \`node -e ""\` timed just
  before it; the median of ${RUNS} such pairs per function (the baseline's own median: **${baseline.toFixed(0)} ms**).
- **Targets (issue 12):** at most **${TARGETS.kilobytes} KB** minified and **${TARGETS.milliseconds} ms** over the baseline.
- **Before** (2026-12-01): one shared composition root, every function **${BEFORE.kilobytes} KB** and
  **${BEFORE.milliseconds} ms** over the baseline.

| Function | Minified | Cold import over baseline | Within targets |
| --- | --- | --- | --- |
${rows.join('\n')}

Largest contributors: Suppress ${contributors(bundles.find((b) => b.name === 'suppress').metafile, 5)};
Ticket ${contributors(bundles.find((b) => b.name === 'ticket').metafile, 6)}.

How to read it: the absolute figures move by up to 10 ms from one run to the next on this shared
machine (the bundles before the change below measured 40–55 ms on a quieter hour of the same day),
so compare versions only within one run, as the figures below do. Every function now carries only its own step and the ports that step names; Intake,
Suppress and RecordFailure carry no message rendering and no remediation registry
(\`apps/soar-core/tests/bundles.spec.ts\` holds them to that, and every bundle to the size target, which
every function meets). ${timeVerdict} The ASFF schemas a control
finding never uses are built only when a finding carries them: each resource \`Details\` type, and the
optional parts of the finding (Network, NetworkPath, Process, Threats, ThreatIntelIndicators,
Vulnerabilities, Malware, Action, Detection, PatchSummary, RelatedFindings, GeneratorDetails, a
resource's DataClassification). The resource details took about 10 ms off every function; the
finding parts and the default service levels, written out instead of parsed at load, took 5 ms more
off Suppress and 7 ms off Ticket (43 to 38 ms and 60 to 53 ms, the two versions timed in one run).

Schemas a function may never use are built on first use (\`z.lazy\`), so that importing a function
builds only what every invocation validates: each remediation control's live state and before-image
(a Remediate invocation uses one control of fifteen), each message kind (a function sends one or
two), the Jira and ServiceNow response schemas (one system is configured), each kind of credentials
secret, the overdue-reminder input, and the configuration schemas (runtime configuration, accounts,
routing, service levels, channels, ticket system, decide). The configuration is read once per
container, on its first invocation, where those schemas are now built: that part moves from import
to the first invocation; the rest is no longer built at all. Schemas built at import went from 897
to 519 (Intake), 1,308 to 659 (Ticket) and 1,422 to 552 (Remediate), which took 5 to 9 ms off each
function's import (before and after timed in one run).

The steps after intake no longer check the whole finding again. Intake checks it in full against
the ASFF schema before the state machine starts, and Step Functions carries that parsed finding,
unchanged, from one of our functions to the next; each later step parsed it again with the whole
ASFF schema, which put the schema's code in every bundle and built about 300 schemas at every
import. Those steps now check the parts they key on and read by name (\`CarriedScratchpadSchema\` of
\`@soar/scratchpad\`, \`StepStateSchema\` of \`@soar/workflow/schemas\`), and only Intake carries the
ASFF finding schema (\`bundles.spec.ts\` checks both). Schemas built at import went from 659 to 239
(Ticket, CloseTicket, NotifyIncident), 520 to 200 (Suppress) and 552 to 200 (Remediate), and the
bundles lost 35 KB each. Timed in one run against the commit before (Node.js 24, baseline 29 ms):
CloseTicket 52 to 41 ms, Ticket 49 to 42 ms, Suppress 43 to 40 ms over the baseline. The ticket
opening input and the cached Organizations record are now built on first use too (closing and
notifying never open a ticket; an account is read from the cache only when looked up).

Where the rest goes, for the Ticket bundle (Node.js 24, measured by hand with \`--cpu-prof\`): about
11 ms to read and pre-parse the bundle; about 3 ms to load \`node:crypto\` (every function hashes
finding ids with it, and the AWS SDK needs it to sign its first request anyway); the rest is running
the modules' top level, zod's own (about 100 KB in every bundle) and the schemas every invocation
validates with (the flow state, the scratchpad, the decision, the ticket row).

Measured and not taken: \`zod/mini\` builds schemas no faster (100 objects of 30 optional strings:
16 ms classic, 20 ms mini); building the flow-state schema on first use only moves the same work from
Lambda's init phase into the first invocation, which every invocation needs. Loading Remediate's 31
controls on first use would save about 3 ms (Remediate with one control against 31, timed in one
run) at the price of a registry that cannot answer synchronously. No SDK client is loaded
at import (each is loaded on first use), and the AI HTML sanitiser (\`htmlparser2\`) is not bundled
into any function that only sends team messages.
`;
  await writeSection('soar-core-handlers', markdown);
}

await main();
