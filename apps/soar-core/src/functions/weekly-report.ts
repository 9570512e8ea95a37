// The weekly AI security report, run by an EventBridge schedule (Monday 01:00 UTC by default).
import { lambdaHandler } from '@soar/lambda';
import { weeklyReportStep, type WeeklyReportPorts, type WeeklyReportSummary } from '@soar/reporting';
import { awsWeeklyReportPorts } from '@soar/scheduled-jobs/weekly-aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';

/** The scheduled event carries nothing the report needs: its week ends at the step's clock. */
export const run = (_input: unknown, ports: WeeklyReportPorts): Promise<WeeklyReportSummary> =>
  weeklyReportStep(ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }) =>
    awsWeeklyReportPorts(runtimeConfigFromEnv(process.env), process.env, { logger }),
});
