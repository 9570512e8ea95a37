// The Remediate task of the finding processor.
import { lambdaHandler } from '@soar/lambda';
import { remediateStep, type FlowState, type RemediatePorts } from '@soar/workflow';
import { awsFailureRecorder, awsRemediator, awsWatermarks } from '@soar/workflow/aws';
import { awsRemediationHistory } from '@soar/workflow/history';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { parseFlowState } from '@soar/workflow/schemas';

/** Runs the remediation of the finding's control in its account. */
export const run = (input: unknown, ports: RemediatePorts): Promise<FlowState> =>
  remediateStep(parseFlowState(input, 'remediate'), ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }): RemediatePorts => {
    const config = runtimeConfigFromEnv(process.env);
    return {
      remediator: awsRemediator(config),
      watermarks: awsWatermarks(config),
      // Every outcome is kept for the weekly report and the metrics; a write that fails is recorded.
      ...(config.tables.remediationHistory === undefined ? {} : { history: awsRemediationHistory(config) }),
      failures: awsFailureRecorder(config, { logger }),
      logger,
    };
  },
});
