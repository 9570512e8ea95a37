#!/usr/bin/env node
// Bundle size and cold-import time of a Lambda entry that imports the whole remediation registry.
//
//   node tools/bench/remediations-bundle.mjs            # measure and rewrite BENCHMARKS.md
//   node tools/bench/remediations-bundle.mjs --no-write # measure and print only
//
// Four bundles (esbuild: platform node, target node22, format cjs, `@soar/source` condition):
//   - the registry entry (remediations-lambda-entry.mjs: imports `@soar/remediations`, so exactly
//     the controls of `CONTROLS` in src/registry.ts), with the AWS SDK bundled and with `@aws-sdk/*`
//     external (the Lambda Node.js 22 runtime ships SDK v3; bundling it is the honest measure);
//   - an "all control modules" entry generated from src/controls/** (every control module, registered
//     or not), so the figure is meaningful while the registry is still being filled.
// Each is built minified and not; the minified one is timed: `node -e "require('<bundle>')"`, whole
// process wall time, median of RUNS, next to the `node -e ""` baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './benchmarks-md.mjs';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
// Under tools/bench so external `@aws-sdk/*` resolves from the root node_modules; `tmp/` is git-ignored.
const OUT = path.join(HERE, 'tmp');
const CONTROLS_DIR = path.join(ROOT, 'packages', 'remediations', 'src', 'controls');
const RUNS = 10;
const LOAD = os.loadavg()[0].toFixed(2);
const TARGET_BYTES = 1.5 * 1024 * 1024;
const TARGET_MS = 150;

function controlModules(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return controlModules(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

function allControlsEntry() {
  const modules = controlModules(CONTROLS_DIR).sort();
  const lines = [
    "import { createAwsAccess } from '@soar/aws-access';",
    "import { remediate, Registry } from '@soar/remediations';",
    "import { registerControl } from '@soar/remediations/controls';",
    ...modules.map((file, i) => `import * as m${i} from ${JSON.stringify(file)};`),
    `const modules = [${modules.map((_, i) => `m${i}`).join(', ')}];`,
    'const isControl = (v) => typeof v === "object" && v !== null && typeof v.controlId === "string" && typeof v.plan === "function";',
    'const controls = modules.flatMap((m) => Object.values(m).filter(isControl));',
    'const seen = new Set();',
    'const registry = new Registry(controls.filter((c) => !seen.has(c.controlId) && seen.add(c.controlId)).map(registerControl));',
    'const access = createAwsAccess();',
    'export const controlIds = registry.list().map((c) => c.controlId);',
    'export async function handler(event) { return remediate(event.scratchpad, { access, registry }); }',
  ];
  const file = path.join(OUT, 'all-controls-entry.mjs');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, modules: modules.length };
}

async function bundle(entry, name, { minify, sdkExternal, split = false }) {
  const base = `${name}${sdkExternal ? '-sdk-external' : '-sdk-bundled'}${split ? '-esm-split' : ''}${minify ? '.min' : ''}`;
  const common = {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    minify,
    conditions: ['@soar/source'],
    external: sdkExternal ? ['@aws-sdk/*'] : [],
    logLevel: 'warning',
    absWorkingDir: ROOT,
    metafile: true,
  };
  if (!split) {
    const outfile = path.join(OUT, `${base}.cjs`);
    const result = await esbuild.build({ ...common, outfile, format: 'cjs' });
    const bytes = fs.statSync(outfile).size;
    return { outfile, bytes, startupBytes: bytes, metafile: result.metafile };
  }
  // ESM with code splitting: every lazily imported SDK client becomes a chunk of its own, loaded on
  // its first `import()`. `require` works for the SDK's CommonJS internals through createRequire.
  const outdir = path.join(OUT, base);
  const result = await esbuild.build({
    ...common,
    outdir,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    banner: {
      js: "import { createRequire as __soarRequire } from 'node:module'; const require = __soarRequire(import.meta.url);",
    },
  });
  const outputs = result.metafile.outputs;
  const outfile = Object.keys(outputs)
    .map((file) => path.resolve(ROOT, file))
    .find((file) => path.basename(file) === `${path.basename(entry, path.extname(entry))}.mjs`);
  const bytes = Object.values(outputs).reduce((sum, o) => sum + o.bytes, 0);
  // What a cold start reads: the entry and the chunks it imports statically, transitively.
  const loaded = new Set();
  const visit = (file) => {
    const key = path.relative(ROOT, file);
    if (loaded.has(key) || outputs[key] === undefined) return;
    loaded.add(key);
    for (const imported of outputs[key].imports) {
      if (imported.kind === 'import-statement' && !imported.external)
        visit(path.resolve(ROOT, imported.path));
    }
  };
  visit(outfile);
  const startupBytes = [...loaded].reduce((sum, key) => sum + outputs[key].bytes, 0);
  return { outfile, bytes, startupBytes, metafile: result.metafile };
}

function wallMs(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Interleaves baseline and bundle runs so machine load hits both alike. */
function timeImports(bundles) {
  const samples = new Map([['baseline', []], ...bundles.map((b) => [b.outfile, []])]);
  wallMs(['-e', '']); // warm the file cache
  for (const b of bundles) wallMs(['-e', `require(${JSON.stringify(b.outfile)})`]);
  for (let run = 0; run < RUNS; run += 1) {
    samples.get('baseline').push(wallMs(['-e', '']));
    for (const b of bundles)
      samples.get(b.outfile).push(wallMs(['-e', `require(${JSON.stringify(b.outfile)})`]));
  }
  return new Map([...samples].map(([key, values]) => [key, median(values)]));
}

/** The packages (or workspace projects) that contribute most bytes to a bundle's output. */
function topContributors(metafile, count) {
  const bytes = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
        /^(packages\/[^/]+)/.exec(input)?.[1] ??
        input;
      bytes.set(pkg, (bytes.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, count);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value) => `${value.toFixed(0)} ms`;

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const registryEntry = path.join(HERE, 'remediations-lambda-entry.mjs');
  const all = allControlsEntry();

  const variants = [];
  for (const [label, entry, name] of [
    ['registry (`CONTROLS`)', registryEntry, 'registry'],
    [`all control modules (${all.modules} files)`, all.file, 'all-controls'],
  ]) {
    for (const sdkExternal of [false, true]) {
      const plain = await bundle(entry, name, { minify: false, sdkExternal });
      const min = await bundle(entry, name, { minify: true, sdkExternal });
      const loaded = spawnSync(
        process.execPath,
        [
          '-e',
          `const m = require(${JSON.stringify(min.outfile)}); console.log(JSON.stringify(m.controlIds ?? m.controlCount))`,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const controls = JSON.parse(loaded.stdout.trim() || 'null');
      variants.push({ label, sdkExternal, split: false, plain, min, controls });
    }
  }
  {
    const plain = await bundle(registryEntry, 'registry', { minify: false, sdkExternal: false, split: true });
    const min = await bundle(registryEntry, 'registry', { minify: true, sdkExternal: false, split: true });
    variants.push({
      label: 'registry (`CONTROLS`), ESM split',
      sdkExternal: false,
      split: true,
      plain,
      min,
      controls: variants[0].controls,
    });
  }
  const times = timeImports(variants.map((v) => v.min));
  const baseline = times.get('baseline');

  const rows = variants.map((v) => {
    const cold = times.get(v.min.outfile);
    const count = Array.isArray(v.controls) ? v.controls.length : v.controls;
    const sizeOk = v.min.bytes <= TARGET_BYTES;
    const timeOk = cold <= TARGET_MS;
    const ok =
      sizeOk && timeOk
        ? 'yes'
        : `no (${[sizeOk ? '' : 'size', timeOk ? '' : 'time'].filter(Boolean).join(', ')})`;
    return `| ${v.label} | ${count} | ${v.sdkExternal ? 'external' : 'bundled'} | ${kb(v.plain.bytes)} | ${kb(v.min.bytes)} | ${kb(v.min.startupBytes)} | ${ms(cold)} | ${ms(cold - baseline)} | ${ok} |`;
  });
  const registered = variants[0].controls;
  const allIds = variants[2].controls;
  const biggest = topContributors(variants[2].min.metafile, 8)
    .map(([pkg, size]) => `\`${pkg}\` ${kb(size)}`)
    .join(', ');
  const date = new Date().toISOString().slice(0, 10);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const table = [
    '| Entry | Controls | AWS SDK | Size | Minified | Read at start (minified) | Cold import (median) | Over baseline | Within targets |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  const markdown = `## \`@soar/remediations\` Lambda bundle

How big a Lambda that imports the whole remediation registry is, and how long a cold \`require\` of it
takes (the part of a cold start the code controls).

- **Command:** \`node tools/bench/remediations-bundle.mjs\` (re-runnable; rewrites this section's figures).
- **Date:** ${date}
- **Machine:** Node.js ${process.version}, ${os.cpus().length} cores (${cpu}), ${os.platform()} ${os.arch()}; load average at the start ${LOAD} (1 min; other jobs share the machine).
- **Build:** esbuild ${esbuild.version}, platform node, target node22, format cjs (one row ESM with code
  splitting), condition \`@soar/source\`. Entry: \`tools/bench/remediations-lambda-entry.mjs\` (imports
  \`@soar/remediations\`: \`CONTROLS\`, \`defaultRegistry\`, \`remediate\`) and a generated entry importing
  every module under \`packages/remediations/src/controls/\` (so the figure covers every control module,
  registered or not).
- **Cold import:** \`node -e "require('<bundle>')"\`, whole process wall time, median of ${RUNS} runs of
  the minified bundle; baseline \`node -e ""\` in the same run: **${ms(baseline)}**.
- **Targets (issue 5):** at most **1.5 MB minified** and at most **150 ms** wall, on this machine.

${table}

Registered controls when measured: ${Array.isArray(registered) ? registered.length : registered}${
    Array.isArray(allIds) ? `; control modules found: ${allIds.length} (${allIds.join(', ')})` : ''
  }.

Largest contributors to the minified "all control modules, SDK bundled" bundle: ${biggest}.

How to read it: every control loads its SDK client on first use (\`src/controls/sdk.ts\`) and
\`@aws-sdk/client-sts\` in \`@soar/aws-access\` does too, so importing the registry loads no client.
It does build zod schemas: the before-images and rollback records are parsed with them (zod is most
of the "SDK external" bytes; before rollback existed the registry bundle was 62 KB and 3 ms over the
baseline). **SDK external** is how SOAR deploys its Lambdas (the CDK \`NodejsFunction\` default: the
Node.js runtime ships SDK v3); it meets both targets. **SDK bundled** pins the SDK version inside the
bundle: one CommonJS file is over the size target because \`@aws-sdk/client-ec2\` alone is about
1 MB, and V8 still has to scan the whole file; as ESM with code splitting each client is a chunk read
on its first use, so a cold start reads only the column "Read at start", while the total on disk
stays about 2.5 MB.
`;
  await writeSection('remediations-bundle', markdown);
}

await main();
