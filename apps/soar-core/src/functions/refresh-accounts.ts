// The account metadata cache refresh: every active account's row rewritten from Organizations, on
// a schedule, a few accounts at a time.
import { lambdaHandler } from '@soar/lambda';
import { awsFailureRecorder } from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { refreshAccountsStep, type RefreshAccountsPorts, type RefreshSummary } from '@soar/scheduled-jobs';
import { awsAccountRefresher } from '@soar/scheduled-jobs/aws';
import * as z from 'zod';

export const run = (_input: unknown, ports: RefreshAccountsPorts): Promise<RefreshSummary> =>
  refreshAccountsStep(ports);

/** How long a refreshed row lives: the stack sets twice the refresh interval, so no row expires between two runs. */
const RefreshEnvSchema = z.object({
  SOAR_ACCOUNT_REFRESH_TTL_SECONDS: z.coerce.number().int().positive().default(43_200),
});

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }): RefreshAccountsPorts => {
    const config = runtimeConfigFromEnv(process.env);
    const { SOAR_ACCOUNT_REFRESH_TTL_SECONDS: ttlSeconds } = RefreshEnvSchema.parse(process.env);
    return {
      accounts: awsAccountRefresher(config, { ttlSeconds, logger }),
      failures: awsFailureRecorder(config, { logger }),
      // Organizations allows a few requests a second per account: four accounts at a time, each a
      // handful of calls, stays under it.
      concurrency: 4,
      logger,
    };
  },
});
