import { processIo, type SoarCliApp } from './commands';
import { main } from './main';

/**
 * Runs the `soar` command in this process with its arguments (`process.argv`), for an app's `bin`:
 * sets the exit status, stops quietly when the reader of its output goes away (`soar … | head`), and
 * prints an unexpected error with its stack.
 *
 * @example
 * ```ts
 * // apps/soar-core/src/cli.ts
 * runSoarCli({ workspaceRoot, template: (world) => templateFor(world) });
 * ```
 */
export function runSoarCli(app: SoarCliApp): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  main(process.argv.slice(2), processIo(), app).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(
        `soar: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
