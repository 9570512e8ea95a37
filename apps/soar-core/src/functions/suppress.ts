// The Suppress task of the finding processor.
import { lambdaHandler } from '@soar/lambda';
import { suppressStep, type FlowState, type SuppressPorts } from '@soar/workflow';
import { awsSecurityHubPort, awsWatermarks } from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { parseFlowState } from '@soar/workflow/schemas';

/** Suppresses the finding in Security Hub, with the reason as its note. */
export const run = (input: unknown, ports: SuppressPorts): Promise<FlowState> =>
  suppressStep(parseFlowState(input, 'suppress'), ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: (): SuppressPorts => {
    const config = runtimeConfigFromEnv(process.env);
    return { securityHub: awsSecurityHubPort(config), watermarks: awsWatermarks(config) };
  },
});
