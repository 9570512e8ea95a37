import { loadWorldFile, parseWorld, startLocalSoar } from '@soar/simulation';
import type { CliIo, SoarCliApp } from './commands';

/** Options of `soar run sync-controls`. */
export interface SyncControlsCliOptions {
  readonly world?: string;
  readonly json?: boolean;
}

interface BatchCounts {
  readonly accounts: number;
  readonly synced: number;
  readonly skipped: number;
  readonly failed: number;
  readonly put: number;
  readonly deleted: number;
  readonly unchanged: number;
}

function countsOf(output: unknown): BatchCounts | undefined {
  if (typeof output !== 'object' || output === null || !('synced' in output)) return undefined;
  const field = (name: string): number => {
    const value: unknown = (output as Record<string, unknown>)[name];
    return typeof value === 'number' ? value : 0;
  };
  return {
    accounts: field('accounts'),
    synced: field('synced'),
    skipped: field('skipped'),
    failed: field('failed'),
    put: field('put'),
    deleted: field('deleted'),
    unchanged: field('unchanged'),
  };
}

/**
 * `soar run sync-controls`: runs the stack's enabled-controls sync state machine once, locally, over
 * the world's organization (its accounts and their `enabledControls`), printing each batch as it
 * ends and the totals. Exit status 1 when an account failed.
 *
 * @example
 * ```ts
 * const status = await runSyncControls({ world: 'examples/world.yaml' }, processIo(), app);
 * ```
 */
export async function runSyncControls(
  options: SyncControlsCliOptions,
  io: CliIo,
  app: SoarCliApp,
): Promise<number> {
  const world = options.world === undefined ? parseWorld({}) : loadWorldFile(options.world);
  const template = await app.template(world);
  const batches: BatchCounts[] = [];
  const soar = await startLocalSoar({
    template,
    workspaceRoot: app.workspaceRoot,
    world,
    findings: [],
    // The table starts empty, as in a new deployment: the run writes every row.
    seedEnabledControls: false,
    interceptStep: async ({ functionId, run }) => {
      const output = await run();
      const counts = functionId === 'SyncControls' ? countsOf(output) : undefined;
      if (counts !== undefined) {
        batches.push(counts);
        if (!options.json) {
          io.stderr(
            `batch ${batches.length}: ${counts.synced}/${counts.accounts} accounts synced` +
              `, ${counts.put} rows added, ${counts.deleted} removed` +
              (counts.skipped > 0 ? `, ${counts.skipped} skipped` : '') +
              (counts.failed > 0 ? `, ${counts.failed} FAILED` : '') +
              '\n',
          );
        }
      }
      return output;
    },
  });
  try {
    const trace = await soar.syncControls();
    const total = batches.reduce<Record<keyof BatchCounts, number>>(
      (sum, batch) => {
        for (const key of Object.keys(sum) as (keyof BatchCounts)[]) sum[key] += batch[key];
        return sum;
      },
      { accounts: 0, synced: 0, skipped: 0, failed: 0, put: 0, deleted: 0, unchanged: 0 },
    );
    const failures = soar.effectsSince({ securityHub: 0, messages: 0, failures: 0, executions: 0 }).failures;
    if (options.json) {
      io.stdout(
        `${JSON.stringify({ status: trace.status, statesEntered: trace.statesEntered, lambdaInvocations: trace.lambdaInvocations, ...total, failures }, null, 2)}\n`,
      );
    } else {
      io.stdout(
        `Enabled-controls sync ${trace.status === 'SUCCEEDED' ? 'done' : trace.status}: ` +
          `${total.synced} of ${total.accounts} accounts synced in ${batches.length} batches ` +
          `(${trace.statesEntered} states, ${trace.lambdaInvocations} function calls); ` +
          `${total.put} rows added, ${total.deleted} removed, ${total.unchanged} unchanged.\n`,
      );
      for (const failure of failures)
        io.stdout(`  account ${failure.accountId ?? '?'} not synced: ${failure.cause}\n`);
    }
    return trace.status === 'SUCCEEDED' && total.failed === 0 ? 0 : 1;
  } finally {
    await soar.stop();
  }
}
