import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private npm registry running on 127.0.0.1 for the length of a test. */
export interface LocalRegistry {
  /** Registry URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  readonly url: string;
  /** Token of a user allowed to publish. */
  readonly token: string;
  /** Writes an npm user config that publishes to this registry and installs `@soar/*` from it. */
  writeNpmrc(file: string): void;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, logs: () => string, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      const response = await fetch(new URL('-/ping', url));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`verdaccio did not answer on ${url} within ${deadlineMs} ms. Its output:\n${logs()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts verdaccio (6.8.0, the last release that runs on Node 20) with an empty storage, no
 * uplinks and one publishing user.
 *
 * @example
 * ```ts
 * const registry = await startVerdaccio();
 * registry.writeNpmrc('/tmp/consumer/.npmrc');
 * // npm publish --userconfig /tmp/consumer/.npmrc ...
 * await registry.stop();
 * ```
 */
export async function startVerdaccio(options: { startTimeoutMs?: number } = {}): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'soar-verdaccio-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      '    max_users: 1',
      'uplinks: {}',
      'packages:',
      "  '@soar/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      `listen: 127.0.0.1:${port}`,
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );

  const bin = require.resolve('verdaccio/bin/verdaccio');
  const child = spawn(process.execPath, [bin, '--config', join(dir, 'config.yaml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilUp(url, () => output, options.startTimeoutMs ?? 30_000);
    const response = await fetch(new URL('-/user/org.couchdb.user:soar-ci', url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'soar-ci', password: 'soar-ci-local-only' }),
    });
    const body = (await response.json()) as { token?: unknown };
    if (!response.ok || typeof body.token !== 'string') {
      throw new Error(`verdaccio refused to create the publishing user (HTTP ${response.status})`);
    }
    const token = body.token;
    return {
      url,
      token,
      writeNpmrc(file: string) {
        const host = url.replace(/^http:/, '');
        writeFileSync(file, `@soar:registry=${url}\n${host}:_authToken=${token}\nfund=false\naudit=false\n`);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
