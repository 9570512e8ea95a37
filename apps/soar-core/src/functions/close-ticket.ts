// The CloseTicket task of the finding processor.
import { aiAnalystPort } from '@soar/ai-prompts/analyst';
import { lambdaHandler } from '@soar/lambda';
import { closeTicketStep, type CloseTicketPorts, type FlowState } from '@soar/workflow';
import {
  awsFailureRecorder,
  awsSecurityHubPort,
  awsTicketOperations,
  awsWatermarks,
  sentinelExporterOf,
} from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { parseFlowState } from '@soar/workflow/schemas';

/** Closes the ticket SOAR holds open for a resolved finding, and records it on the finding. */
export const run = (input: unknown, ports: CloseTicketPorts): Promise<FlowState> =>
  closeTicketStep(parseFlowState(input, 'close-ticket'), ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }): CloseTicketPorts => {
    const config = runtimeConfigFromEnv(process.env);
    return {
      tickets: awsTicketOperations(config, { logger }),
      securityHub: awsSecurityHubPort(config),
      watermarks: awsWatermarks(config),
      // A chat copy or Sentinel export that fails gets its own failure row; the email stays required.
      failures: awsFailureRecorder(config, { logger }),
      exporter: sentinelExporterOf(config),
      // The AI section of the messages, when configured: loaded on its first use.
      ...aiAnalystPort(config.ai, { logger }),
      logger,
    };
  },
});
