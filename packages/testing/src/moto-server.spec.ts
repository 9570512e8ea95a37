import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type MotoServer, MotoServerError, startMotoServer } from './moto-server';

const STARTUP_MS = 30_000;
const FAKE_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

function s3(server: MotoServer): S3Client {
  return new S3Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
}

async function bucketNames(server: MotoServer): Promise<string[]> {
  const client = s3(server);
  try {
    const { Buckets = [] } = await client.send(new ListBucketsCommand({}));
    return Buckets.map((bucket) => bucket.Name ?? '');
  } finally {
    client.destroy();
  }
}

/** Whether a process is alive (a zombie, killed but not yet reaped by its new parent, is not). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    if (process.platform === 'linux') return false; // no /proc entry: gone
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Polls until `condition` holds. The deadline only turns a hang into a readable failure: it is as
 * generous as the server tests' own timeout, because a busy machine reaps processes late.
 */
async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = STARTUP_MS / 2,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function refusesConnections(endpoint: string): Promise<boolean> {
  try {
    await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
    return false;
  } catch {
    return true;
  }
}

async function failureOf(promise: Promise<unknown>): Promise<MotoServerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MotoServerError))
    throw new Error(`expected a MotoServerError, got ${String(error)}`);
  return error;
}

describe('Function: startMotoServer', () => {
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMotoServer();
  }, STARTUP_MS);
  afterAll(() => moto.stop());

  it('serves AWS APIs on a free port of 127.0.0.1', async () => {
    // Arrange
    const client = s3(moto);

    // Act
    await client.send(new CreateBucketCommand({ Bucket: 'soar-evidence' }));
    client.destroy();

    // Assert
    expect(moto.endpoint).toBe(`http://127.0.0.1:${moto.port}`);
    expect(await bucketNames(moto)).toEqual(['soar-evidence']);
  });

  it('reset() deletes all state', async () => {
    // Arrange
    const client = s3(moto);
    await client.send(new CreateBucketCommand({ Bucket: 'to-be-reset' }));
    client.destroy();

    // Act
    await moto.reset();

    // Assert
    expect(await bucketNames(moto)).toEqual([]);
  });

  it(
    'runs servers side by side, each on its own port with its own state, and stop() ends the process',
    async () => {
      // Arrange
      const other = await startMotoServer();
      const client = s3(other);
      await client.send(new CreateBucketCommand({ Bucket: 'only-in-other' }));
      client.destroy();

      // Act
      const names = await bucketNames(moto);
      await other.stop();

      // Assert
      expect(other.port).not.toBe(moto.port);
      expect(names).not.toContain('only-in-other');
      expect(isAlive(other.pid)).toBe(false);
      expect(await refusesConnections(other.endpoint)).toBe(true);
      await expect(other.stop()).resolves.toBeUndefined(); // idempotent
    },
    STARTUP_MS,
  );
});

describe('Function: startMotoServer failures', () => {
  it('reports a command that is not installed', async () => {
    const error = await failureOf(startMotoServer({ command: ['definitely-not-moto-server'] }));
    expect(error.reason).toBe('not-found');
    expect(error.message).toContain('definitely-not-moto-server not found');
  });

  it('reports a server that exits early, with its exit code and stderr', async () => {
    const error = await failureOf(
      startMotoServer({
        command: ['python3', '-c', 'import sys; sys.stderr.write("boom: no moto\\n"); sys.exit(3)'],
      }),
    );
    expect(error.reason).toBe('exited');
    expect(error.message).toContain('exit code 3');
    expect(error.message).toContain('boom: no moto');
    expect(error.output).toContain('boom: no moto');
  });

  it('kills a server that does not answer before the deadline', async () => {
    // The fake server sleeps 60 s; giving up at the deadline is what lets this test end at all.
    const error = await failureOf(
      startMotoServer({
        // Prints its pid at once, then never answers HTTP.
        command: ['sh', '-c', 'echo $$; exec sleep 60'],
        startupTimeoutMs: 500,
      }),
    );
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/did not answer .* within 500 ms/);
    const pid = Number(error.output.trim());
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('tries a new port when the chosen one is taken, then gives up', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'moto-port-'));
    const attempts = path.join(directory, 'attempts');
    try {
      const error = await failureOf(
        startMotoServer({
          // `sh -c script -H <host> -p <port>`: $3 is the port.
          command: ['sh', '-c', 'echo "$3" >> "$ATTEMPTS"; echo "Address already in use" >&2; exit 1'],
          env: { ...process.env, ATTEMPTS: attempts },
        }),
      );
      expect(error.reason).toBe('port-in-use');
      const ports = readFileSync(attempts, 'utf8').trim().split('\n');
      expect(ports).toHaveLength(3);
      expect(ports.every((port) => Number(port) > 0)).toBe(true);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('Function: startMotoServer never leaves an orphan', () => {
  const root = path.resolve(__dirname, '../../..');
  const moduleUnderTest = path.join(__dirname, 'moto-server.ts');

  /** Runs a Node process that starts moto, reports `{ pid, endpoint }`, then runs `then`. */
  async function parentProcess(then: string) {
    const script = `
      const { startMotoServer } = require(${JSON.stringify(moduleUnderTest)});
      startMotoServer().then((moto) => {
        process.stdout.write(JSON.stringify({ pid: moto.pid, endpoint: moto.endpoint }) + '\\n');
        ${then}
      }, (error) => { console.error(error); process.exit(1); });
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      parent.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        if (buffered.includes('\n')) resolve(buffered.split('\n')[0] ?? '');
      });
      parent.once('exit', (code) => reject(new Error(`parent exited with ${code} before reporting`)));
    });
    return { parent, moto: JSON.parse(line) as { pid: number; endpoint: string } };
  }

  it(
    'kills the server when its parent exits without stop() (exit hook) or is SIGKILLed (watchdog)',
    async () => {
      // Arrange: one parent that exits normally with the server running, one that we SIGKILL.
      const [exiting, killed] = await Promise.all([
        parentProcess('setTimeout(() => process.exit(0), 100);'),
        parentProcess('setInterval(() => undefined, 1_000);'),
      ]);
      expect(isAlive(killed.moto.pid)).toBe(true);

      // Act
      killed.parent.kill('SIGKILL');

      // Assert
      await eventually(() => !isAlive(exiting.moto.pid));
      await eventually(() => !isAlive(killed.moto.pid));
      expect(await refusesConnections(exiting.moto.endpoint)).toBe(true);
      expect(await refusesConnections(killed.moto.endpoint)).toBe(true);
    },
    STARTUP_MS,
  );
});
