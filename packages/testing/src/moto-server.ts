import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';

/** Options of {@link startMotoServer}. */
export interface MotoServerOptions {
  /**
   * Command (and leading arguments) that runs moto's server; `-H <host> -p <port>` are appended.
   * Default `moto_server`, falling back to `python3 -m moto.server` when `moto_server` is not on PATH.
   */
  readonly command?: readonly [string, ...string[]] | undefined;
  /** Interface to bind. Default `127.0.0.1`. */
  readonly host?: string | undefined;
  /** How long to wait for the server to answer before giving up. Default 30 s (moto takes 1-3 s). */
  readonly startupTimeoutMs?: number | undefined;
  /** Environment of the server process. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/** A running moto server. */
export interface MotoServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`: the `endpoint` of SDK clients, or `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  readonly port: number;
  /** Process id of the server. */
  readonly pid: number;
  /** Deletes all state of all accounts and regions (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Terminates the server and waits until it has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Why {@link startMotoServer} failed. */
export type MotoServerFailure = 'not-found' | 'port-in-use' | 'exited' | 'timeout' | 'reset-failed';

/**
 * The moto server could not be started or reset. `output` holds the tail of its stdout and stderr.
 *
 * @example
 * ```ts
 * await startMotoServer().catch((error: unknown) => {
 *   if (error instanceof MotoServerError) console.error(error.output);
 *   throw error;
 * });
 * ```
 */
export class MotoServerError extends Error {
  override readonly name = 'MotoServerError';

  constructor(
    message: string,
    readonly reason: MotoServerFailure,
    readonly command: readonly string[],
    readonly output: string,
    options?: ErrorOptions,
  ) {
    super(
      output.trim() === '' ? message : `${message}\n--- server output (tail) ---\n${output.trimEnd()}`,
      options,
    );
  }
}

const DEFAULT_COMMAND = ['moto_server'] as const;
const FALLBACK_COMMAND = ['python3', '-m', 'moto.server'] as const;
const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
/** A free port can be taken by someone else before moto binds it; try a new one this many times. */
const PORT_ATTEMPTS = 3;
const POLL_INTERVAL_MS = 50;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 8_192;

/**
 * Starts a moto server (AWS service emulator) as a child process on a free port and waits until it
 * answers.
 *
 * The process never outlives the caller: `stop()` ends it, an `exit` hook kills any server still
 * running when Node exits, and (on POSIX) a tiny `sh` watchdog kills it if this process dies without
 * running exit hooks (SIGKILL, crash, Jest killing a worker).
 *
 * In moto, requests signed with credentials from `sts:AssumeRole` of
 * `arn:aws:iam::<account>:role/<name>` act in `<account>`; any other access key acts in `123456789012`.
 *
 * @throws {@link MotoServerError} if moto is not installed, exits early or does not answer in time;
 * the message includes the tail of the server's output.
 *
 * @example
 * ```ts
 * let moto: MotoServer;
 * beforeAll(async () => { moto = await startMotoServer(); }, 30_000);
 * afterAll(() => moto.stop());
 * afterEach(() => moto.reset());
 *
 * it('creates a bucket', async () => {
 *   const s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials: FAKE });
 *   await s3.send(new CreateBucketCommand({ Bucket: 'b' }));
 * });
 * ```
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const host = options.host ?? '127.0.0.1';
  const timeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const env = options.env ?? process.env;
  const commands = options.command === undefined ? [DEFAULT_COMMAND, FALLBACK_COMMAND] : [options.command];

  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort(host);
    for (const [index, command] of commands.entries()) {
      try {
        return await launch(command, host, port, timeoutMs, env);
      } catch (error) {
        const failure = error instanceof MotoServerError ? error.reason : undefined;
        if (failure === 'not-found' && index < commands.length - 1) continue;
        if (failure === 'port-in-use' && attempt < PORT_ATTEMPTS) break;
        throw error;
      }
    }
  }
}

/** Servers started and not yet stopped, killed by the exit hook. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: kill() only sends the signal, which is all we need.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

async function launch(
  command: readonly string[],
  host: string,
  port: number,
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
): Promise<MotoServer> {
  const [file = '', ...leading] = command;
  const output = new OutputTail(OUTPUT_TAIL_CHARS);
  const fail = (message: string, reason: MotoServerFailure, cause?: unknown) =>
    new MotoServerError(message, reason, command, output.text(), cause === undefined ? undefined : { cause });

  const child = spawn(file, [...leading, '-H', host, '-p', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Always drain the pipes: a server blocked on a full stderr pipe stops answering.
  child.stdout?.on('data', output.append);
  child.stderr?.on('data', output.append);
  const ended = endOf(child);
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const spawnError = await Promise.race([ended.then((end) => end.error), spawned(child)]);
  if (spawnError !== undefined || child.pid === undefined) {
    const notFound = spawnError !== undefined && 'code' in spawnError && spawnError.code === 'ENOENT';
    throw fail(
      notFound
        ? `${file} not found on PATH: install moto[server]`
        : `cannot run ${file}: ${String(spawnError)}`,
      notFound ? 'not-found' : 'exited',
      spawnError,
    );
  }
  const pid = child.pid;
  running.add(child);
  killAllOnExit();
  const watchdog = startWatchdog(pid);
  let exited: End | undefined;
  void ended.then((end) => {
    exited = end;
    running.delete(child);
    // Before the pid can be reused: the watchdog must never kill anything else.
    watchdog?.kill('SIGKILL');
  });

  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(`${endpoint}/moto-api/`))) {
    if (exited !== undefined) {
      await Promise.race([closed, delay(1_000)]); // let the last output arrive
      const inUse = /address already in use|is in use by another program/i.test(output.text());
      throw fail(
        `${command.join(' ')} exited (${describeEnd(exited)}) before answering on ${endpoint}`,
        inUse ? 'port-in-use' : 'exited',
      );
    }
    if (Date.now() >= deadline) {
      await terminate(child);
      throw fail(
        `${command.join(' ')} did not answer on ${endpoint}/moto-api/ within ${timeoutMs} ms`,
        'timeout',
      );
    }
    await Promise.race([delay(POLL_INTERVAL_MS), ended]);
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    pid,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      const body = await response.text();
      if (!response.ok)
        throw fail(`POST /moto-api/reset answered ${response.status}: ${body}`, 'reset-failed');
    },
    stop() {
      stopping ??= terminate(child);
      return stopping;
    },
  };
}

/** A free TCP port on `host`, found by letting the OS pick one for a throwaway listener. */
async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error(`cannot find a free port on ${host}`);
  return address.port;
}

/** Whether `url` answers with a 2xx status. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer(); // release the connection
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * On POSIX, a `sh` that blocks reading a pipe from this process and kills `pid` when the pipe closes,
 * which the kernel does however this process ends. Best effort: `undefined` where `sh` is unavailable.
 */
function startWatchdog(pid: number): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  const watchdog = spawn(
    'sh',
    ['-c', 'read -r _; kill -KILL "$1" 2>/dev/null', 'moto-watchdog', String(pid)],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  watchdog.on('error', () => undefined); // no sh: fall back to the exit hook alone
  // Neither the watchdog nor its pipe may keep this process alive.
  watchdog.unref();
  if (watchdog.stdin instanceof Socket) watchdog.stdin.unref();
  return watchdog;
}

interface End {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error | undefined;
}

/** Resolves when the process has exited, or failed to spawn. */
function endOf(child: ChildProcess): Promise<End> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Resolves (with `undefined`) once the process has been spawned. */
function spawned(child: ChildProcess): Promise<undefined> {
  return new Promise((resolve) => child.once('spawn', () => resolve(undefined)));
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function describeEnd(end: End): string {
  return end.signal === null ? `exit code ${end.code ?? 'unknown'}` : `signal ${end.signal}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Keeps the last `limit` characters written to it. */
class OutputTail {
  readonly #limit: number;
  #text = '';

  constructor(limit: number) {
    this.#limit = limit;
  }

  readonly append = (chunk: Buffer | string): void => {
    this.#text = (this.#text + chunk.toString()).slice(-this.#limit);
  };

  text(): string {
    return this.#text;
  }
}
