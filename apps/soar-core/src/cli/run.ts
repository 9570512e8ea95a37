// Entry point of the `soar` command (see bin/soar.mjs).
import { processIo } from './commands';
import { main } from './main';

const io = processIo();
main(process.argv.slice(2), io).then(
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
