// The NotifyFixed task of the finding processor.
import { aiAnalystPort } from '@soar/ai-prompts/analyst';
import { lambdaHandler } from '@soar/lambda';
import { notifyFixedStep, type FlowState, type NotifyFixedPorts } from '@soar/workflow';
import {
  awsFailureRecorder,
  awsSecurityHubPort,
  awsTicketOperations,
  sentinelExporterOf,
} from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { parseFlowState } from '@soar/workflow/schemas';

/** Marks a remediated finding RESOLVED and tells the team what SOAR changed. */
export const run = (input: unknown, ports: NotifyFixedPorts): Promise<FlowState> =>
  notifyFixedStep(parseFlowState(input, 'notify-fixed'), ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }): NotifyFixedPorts => {
    const config = runtimeConfigFromEnv(process.env);
    return {
      tickets: awsTicketOperations(config, { logger }),
      securityHub: awsSecurityHubPort(config),
      // A chat copy or Sentinel export that fails gets its own failure row; the email stays required.
      failures: awsFailureRecorder(config, { logger }),
      exporter: sentinelExporterOf(config),
      // The AI section of the messages, when configured: loaded on its first use.
      ...aiAnalystPort(config.ai, { logger }),
      logger,
    };
  },
});
