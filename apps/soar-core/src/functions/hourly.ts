// The hourly tasks: the statistics (EMF), then the overdue reminders. Run by an EventBridge
// schedule directly: one invocation an hour, no state machine.
import { lambdaHandler } from '@soar/lambda';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { hourlyTasksStep, type HourlyPorts, type HourlySummary } from '@soar/scheduled-jobs';
import { awsHourlyPorts } from '@soar/scheduled-jobs/aws';
import * as z from 'zod';

/** The scheduled event carries nothing the tasks need; its time is logged by the step's clock. */
export const run = (_input: unknown, ports: HourlyPorts): Promise<HourlySummary> => hourlyTasksStep(ports);

/** The statistics' namespace: Powertools Metrics' own variable, which the stack sets. */
const MetricsEnvSchema = z.object({ POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).default('SOAR') });

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }): HourlyPorts =>
    awsHourlyPorts(runtimeConfigFromEnv(process.env), {
      logger,
      metricNamespace: MetricsEnvSchema.parse(process.env).POWERTOOLS_METRICS_NAMESPACE,
    }),
});
