// The RecordFailure task of the finding processor: the last resort of every other task.
import { lambdaHandler } from '@soar/lambda';
import { recordFailureStep, type FlowState, type RecordFailurePorts } from '@soar/workflow';
import { awsFailureRecorder } from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { parseFlowState } from '@soar/workflow/schemas';

/** Keeps the failure with the finding and the error, so that someone looks at it. */
export const run = (input: unknown, ports: RecordFailurePorts): Promise<FlowState> =>
  recordFailureStep(parseFlowState(input, 'record-failure'), ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  // Each row written is logged as `Failure recorded`: the stack counts those lines and alarms.
  dependencies: ({ logger }): RecordFailurePorts => ({
    failures: awsFailureRecorder(runtimeConfigFromEnv(process.env), { logger }),
  }),
});
