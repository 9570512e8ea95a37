#!/usr/bin/env node
// What `nx affected` saves: in a temporary clone of the committed HEAD, times the full
// `nx run-many -t lint typecheck build test` and, after a one-line change in the leaf library (the
// library with the fewest projects depending on it, found in the project graph, so renamed packages
// need no edit here), `npm run affected:test` (nx affected against main), both with the cache off
// (`--skip-nx-cache`), in the same run. Rewrites the "affected" section of BENCHMARKS.md.
//
//   node tools/bench/affected.mjs            # measure (about 10 minutes on 2 cores) and rewrite the section
//   node tools/bench/affected.mjs --no-write # print only
//   node tools/bench/affected.mjs --plan     # only show the leaf, the file and the affected projects
//
// The clone borrows the workspace's node_modules (tools/src/fresh-clone.cjs); commit first: uncommitted
// changes are not measured.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { writeSection } from './benchmarks-md.mjs';

const require = createRequire(import.meta.url);
const { freshClone } = require('../src/fresh-clone.cjs');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const TARGETS = ['lint', 'typecheck', 'build', 'test'];
const TARGET = 1 / 3;

/** The environment of the measured commands: no Nx variables of an outer run, no daemon, no cloud. */
function env() {
  const result = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')));
  return {
    ...result,
    CI: 'true',
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    CDK_DISABLE_VERSION_CHECK: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Runs a command in the clone; its output goes to a log file. Returns wall seconds. */
function timed(label, command, args, cwd, log) {
  console.error(`[bench] ${label}: ${command} ${args.join(' ')}`);
  fs.appendFileSync(log, `\n===== ${label}: ${command} ${args.join(' ')}\n`);
  const fd = fs.openSync(log, 'a');
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: env(), stdio: ['ignore', fd, fd] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  fs.closeSync(fd);
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status}); see ${log}`);
  }
  console.error(`[bench] ${label}: ${seconds.toFixed(1)} s`);
  return seconds;
}

function capture(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, env: env(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Tasks that ran, from Nx's closing line ("Successfully ran targets ... for N projects and M tasks ..."). */
function tasksRun(log, label) {
  const text = fs.readFileSync(log, 'utf8');
  const part = text.slice(text.lastIndexOf(`===== ${label}:`));
  const match =
    /Successfully ran targets? .*? for (?:(\d+) projects|project \S+)(?: and (\d+) tasks? (?:they|it) depends? on)?/.exec(
      stripVTControlCharacters(part),
    );
  return match ? { projects: Number(match[1] ?? 1), extraTasks: Number(match[2] ?? 0) } : undefined;
}

/**
 * The leaf library: the library (an Nx `lib` not tagged `type:app` or `type:test`) with a `src/`
 * folder that the fewest projects depend on, directly or not (none, when there is such a library);
 * ties by name. Apps and the tools project are not packages, so they come only when no library does.
 */
function findLeaf(clone) {
  const file = path.join(clone, 'tmp-bench-graph.json');
  capture('npx', ['nx', 'graph', `--file=${file}`], clone);
  const { graph } = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.rmSync(file);
  const names = Object.keys(graph.nodes);
  const dependents = new Map(names.map((n) => [n, new Set()]));
  for (const [from, deps] of Object.entries(graph.dependencies)) {
    for (const { target } of deps) dependents.get(target)?.add(from);
  }
  const transitive = (name) => {
    const seen = new Set();
    const stack = [...(dependents.get(name) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop();
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(dependents.get(next) ?? []));
    }
    return seen;
  };
  const candidates = names
    .map((name) => ({
      name,
      root: graph.nodes[name].data.root,
      library:
        graph.nodes[name].type === 'lib' &&
        !(graph.nodes[name].data.tags ?? []).some((tag) => tag === 'type:app' || tag === 'type:test'),
      dependents: [...transitive(name)].sort(),
    }))
    .filter((c) => fs.existsSync(path.join(clone, c.root, 'src')))
    .sort(
      (a, b) =>
        a.dependents.length - b.dependents.length ||
        Number(b.library) - Number(a.library) ||
        a.name.localeCompare(b.name),
    );
  const libraries = candidates.filter((c) => c.library);
  const leaf = libraries[0] ?? candidates[0];
  if (!leaf) throw new Error('no project with a src/ folder in the graph');
  return { leaf, projects: names.length };
}

/**
 * Removes what the full run left behind (build outputs, TypeScript build info, the Jest and Nx
 * caches), so the affected run starts from a clean checkout as a CI run does; node_modules stays.
 */
function cleanOutputs(clone) {
  const removed = capture(
    'git',
    ['clean', '-fdX', '--exclude=!node_modules', '--exclude=!node_modules/**'],
    clone,
  );
  return removed.split('\n').filter((line) => line.startsWith('Removing ')).length;
}

/** The first non-test TypeScript file under `<root>/src`, by path. */
function sourceFile(clone, root) {
  const files = fs
    .readdirSync(path.join(clone, root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts'))
    .sort();
  if (files.length === 0) throw new Error(`no source file in ${root}/src`);
  return path.join(root, 'src', files[0]);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-bench-affected-'));
  const log = path.join(dir, 'bench.log');
  const clone = path.join(dir, 'clone');
  try {
    const { head } = freshClone(ROOT, clone, { branch: 'main' });
    const load = os.loadavg()[0].toFixed(2);
    const node = capture('node', ['--version'], clone).trim();

    const plan = process.argv.includes('--plan');
    const full = plan
      ? 0
      : timed(
          'full',
          'npx',
          ['nx', 'run-many', '-t', ...TARGETS, '--skip-nx-cache', '--outputStyle=static'],
          clone,
          log,
        );
    const fullTasks = plan ? undefined : tasksRun(log, 'full');

    const { leaf, projects } = findLeaf(clone);
    const file = sourceFile(clone, leaf.root);
    capture('git', ['checkout', '--quiet', '-b', 'bench-one-line-change'], clone);
    fs.appendFileSync(path.join(clone, file), '// bench: a one-line change\n');
    capture(
      'git',
      ['commit', '--quiet', '-am', 'chore: a one-line change for the affected benchmark'],
      clone,
    );
    const affectedProjects = JSON.parse(
      capture('npx', ['nx', 'show', 'projects', '--affected', '--base=main', '--json'], clone),
    ).sort();

    if (plan) {
      console.log(JSON.stringify({ leaf, file, affectedProjects }, null, 2));
      return;
    }
    const cleaned = cleanOutputs(clone);
    console.error(`[bench] removed ${cleaned} build outputs and caches of the full run`);
    const affected = timed('affected', 'npm', ['run', 'affected:test', '--', '--skip-nx-cache'], clone, log);
    const affectedTasks = tasksRun(log, 'affected');
    const ratio = affected / full;

    const taskText = (t) =>
      t === undefined
        ? 'n/a'
        : `${t.projects} projects${t.extraTasks ? ` + ${t.extraTasks} dependency tasks` : ''}`;
    const date = new Date().toISOString().slice(0, 10);
    const markdown = `## nx affected after a one-line change

How much of the full check a change to one package costs when CI runs only what it affects.

- **Command:** \`node tools/bench/affected.mjs\` (re-runnable; rewrites this section).
- **Date:** ${date}, commit \`${head.slice(0, 7)}\`; Node.js ${node}, ${os.cpus().length} cores; load average at
  the start ${load} (1 min; other jobs share the machine).
- **Setup:** a fresh clone of the committed HEAD (node_modules linked from the workspace), ${projects} projects.
  Both runs with the Nx cache off (\`--skip-nx-cache\`), one after the other in the same run, each
  from a clean checkout (before the affected run, \`git clean -fdX\` removes the full run's \`dist/\`,
  build info and Jest cache; node_modules stays), so every task in them really runs, as in CI
  without a restored cache.
- **Full:** \`npx nx run-many -t ${TARGETS.join(' ')} --skip-nx-cache\`.
- **Affected:** a one-line comment appended to \`${file}\` of \`${leaf.name}\`, the leaf library found in
  the project graph (${leaf.dependents.length === 0 ? 'no project depends on it' : `depended on by ${leaf.dependents.map((d) => `\`${d}\``).join(', ')}`}), committed on a branch; then
  \`npm run affected:test -- --skip-nx-cache\` (\`nx affected -t ${TARGETS.join(' ')}\` against \`main\`).
- **Target:** a one-package change runs in at most 1/3 of the full time.

| Run      | Projects whose targets ran | Tasks | Wall time |
| -------- | -------------------------- | ----- | --------- |
| full     | all ${projects} | ${taskText(fullTasks)} | ${full.toFixed(0)} s |
| affected | ${affectedProjects.map((p) => `\`${p}\``).join(', ')} | ${taskText(affectedTasks)} | ${affected.toFixed(0)} s |

**Ratio:** affected / full = **${ratio.toFixed(2)}** (${ratio <= TARGET ? 'within' : 'over'} the 1/3 target).

How to read it: \`nx affected\` runs the four targets only for the changed project and the projects
that depend on it, plus the \`build\` of their dependencies that \`build\` and \`typecheck\` need
(with the cache on, as in CI with a restored cache, those are cache hits). The sample pipeline in
\`examples/ci/\` runs the same command between the SHAs \`nrwl/nx-set-shas\` derives.
`;
    await writeSection('affected', markdown);
  } finally {
    if (!process.argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
    else console.error(`[bench] kept ${dir}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
