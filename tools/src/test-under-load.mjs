// `npm run test:under-load`: runs the test suite while every core is kept busy, the way a shared CI
// machine or a laptop building something else runs it, so a test that only passes on an idle machine
// fails here first. One worker thread per core spins a bounded busy-loop; the workers stop when the
// suite ends, fails, or is interrupted (Ctrl-C), and this script exits with the suite's exit code.
//
//   npm run test:under-load                       # `npm test` under load
//   npm run test:under-load -- npx nx run-many -t test -p @soar/http @soar/local-runtime --outputStyle=static
//   TEST_UNDER_LOAD_WORKERS=1 npm run test:under-load -- <command>   # fewer busy workers
//
// The arguments (after `--`) are the command to run instead of `npm test`. It prints the suite's wall time
// and how much work the busy workers did, which shows that the load really ran.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** The longest the busy-loop runs, whatever happens to this process: a bound, not a target. */
const MAX_LOAD_MS = 2 * 60 * 60 * 1000;

/**
 * The busy-loop of one worker: slices of pure arithmetic, each short, between which it checks the
 * shared stop flag and its deadline. It reports how many slices it ran.
 */
const BUSY_LOOP = `
const { workerData, parentPort } = require('node:worker_threads');
const stop = new Int32Array(workerData.stop);
const deadline = Date.now() + workerData.maxMs;
let slices = 0;
let sink = 0;
while (Atomics.load(stop, 0) === 0 && Date.now() < deadline) {
  for (let i = 1; i < 200000; i += 1) sink += Math.sqrt(i) % 7;
  slices += 1;
}
parentPort.postMessage({ slices, sink: sink > 0 });
`;

/** How many busy workers to start: one per core unless TEST_UNDER_LOAD_WORKERS says otherwise. */
function workerCount(env) {
  const raw = env.TEST_UNDER_LOAD_WORKERS;
  if (raw === undefined || raw === '') return availableParallelism();
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`TEST_UNDER_LOAD_WORKERS must be a whole number of workers (0 or more), got "${raw}"`);
  }
  return count;
}

/** Starts the busy workers; `stop()` ends them and resolves with the slices each one ran. */
function startLoad(count) {
  const stopFlag = new SharedArrayBuffer(4);
  const workers = Array.from(
    { length: count },
    () => new Worker(BUSY_LOOP, { eval: true, workerData: { stop: stopFlag, maxMs: MAX_LOAD_MS } }),
  );
  const reports = workers.map(
    (worker) =>
      new Promise((resolve) => {
        worker.once('message', (message) => resolve(message.slices));
        worker.once('error', () => resolve(0));
        worker.once('exit', () => resolve(0));
      }),
  );
  // The workers must never keep this process alive on their own.
  for (const worker of workers) worker.unref();
  let stopped;
  return {
    stop() {
      stopped ??= (async () => {
        // Waiting for their last report must keep this process alive.
        for (const worker of workers) worker.ref();
        Atomics.store(new Int32Array(stopFlag), 0, 1);
        const slices = await Promise.all(reports);
        await Promise.all(workers.map((worker) => worker.terminate()));
        return slices;
      })();
      return stopped;
    },
  };
}

/** Exit code for a child that ended by a signal, as a shell reports it. */
const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGKILL: 137 };

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  // `npm run test:under-load -- <command>` hands the command over without the `--`; a direct
  // `node test-under-load.mjs -- <command>` keeps it. A `--` inside the command stays its own.
  const rest = process.argv.slice(2);
  const given = rest[0] === '--' ? rest.slice(1) : rest;
  const command = given.length > 0 ? given : ['npm', 'test'];
  const count = workerCount(process.env);

  // Ctrl-C reaches the suite too (same process group); pass on signals sent to this process alone,
  // and wait for the suite to end so the load stops after it, never before. Listening comes first,
  // so a Ctrl-C at any moment from here on ends the suite and the load in order.
  let interrupted;
  let suite = null;
  const forward = (signal) => {
    interrupted = signal;
    if (suite !== null && suite.exitCode === null && suite.signalCode === null) suite.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);

  const load = startLoad(count);
  const started = performance.now();
  suite = spawn(command[0], command.slice(1), { stdio: 'inherit', env: process.env });
  if (interrupted !== undefined) forward(interrupted);
  console.log(
    `test:under-load: ${count} busy worker(s) on ${availableParallelism()} core(s); running: ${command.join(' ')}`,
  );

  const code = await new Promise((resolve) => {
    suite.once('error', (error) => {
      console.error(`test:under-load: could not start "${command[0]}": ${error.message}`);
      resolve(127);
    });
    suite.once('exit', (exitCode, signal) => {
      resolve(exitCode ?? SIGNAL_CODES[signal ?? interrupted ?? 'SIGTERM'] ?? 1);
    });
  });
  const wallMs = performance.now() - started;
  const slices = await load.stop();

  const total = slices.reduce((sum, each) => sum + each, 0);
  console.log(
    [
      `test:under-load: ${code === 0 ? 'passed' : `failed (exit code ${code})`} in ${seconds(wallMs)} of wall time`,
      `  load: ${count} worker(s) ran ${total} busy slices (${slices.join(', ') || 'none'})`,
    ].join('\n'),
  );
  process.exitCode = code;
}

main().catch((error) => {
  console.error(`test:under-load: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
