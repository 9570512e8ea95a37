/**
 * `npm run test:under-load` (tools/src/test-under-load.mjs): it runs the given command while busy
 * workers load the cores, exits with the command's code, reports the wall time, and stops its
 * workers whatever way the command ends (a worker left running would keep the script alive, and
 * these tests would never end).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', 'src', 'test-under-load.mjs');

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the script with one busy worker; `onStarted` is called once it has started the command. */
function underLoad(command: readonly string[], onStarted?: (pid: number) => void): Promise<Outcome> {
  const child = spawn(process.execPath, [SCRIPT, '--', ...command], {
    env: { ...process.env, TEST_UNDER_LOAD_WORKERS: '1' },
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  let started = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!started && stdout.includes('running:') && child.pid !== undefined) {
      started = true;
      onStarted?.(child.pid);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('Script: test-under-load', () => {
  it('exits with the suite exit code and reports its wall time and the load', async () => {
    // Act
    const failed = await underLoad([process.execPath, '-e', 'process.exit(3)']);
    const passed = await underLoad([process.execPath, '-e', 'process.exit(0)']);

    // Assert
    expect(failed.code).toBe(3);
    expect(failed.stdout).toMatch(/failed \(exit code 3\) in \d+\.\d s of wall time/);
    expect(failed.stdout).toMatch(/load: 1 worker\(s\) ran \d+ busy slices/);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toMatch(/passed in \d+\.\d s of wall time/);
  });

  it('stops the suite and the load on Ctrl-C, and exits as interrupted', async () => {
    // Arrange: a suite that would run for ever; Ctrl-C goes to the whole process group.
    const forever = [process.execPath, '-e', 'setInterval(() => undefined, 1_000)'];

    // Act
    const interrupted = await underLoad(forever, (pid) => process.kill(-pid, 'SIGINT'));

    // Assert
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toContain('failed (exit code 130)');
  });

  it('reports a command that cannot start, and a bad worker count, naming them', async () => {
    // Act
    const missing = await underLoad(['no-such-command-for-the-suite']);
    const bad = await new Promise<Outcome>((resolve) => {
      const child = spawn(process.execPath, [SCRIPT, '--', 'true'], {
        env: { ...process.env, TEST_UNDER_LOAD_WORKERS: 'many' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.once('close', (code) => resolve({ code, stdout: '', stderr }));
    });

    // Assert
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('could not start "no-such-command-for-the-suite"');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('TEST_UNDER_LOAD_WORKERS must be a whole number');
  });
});
