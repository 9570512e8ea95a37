// The TicketTeam task of the finding processor.
import { aiAnalystPort } from '@soar/ai-prompts/analyst';
import { lambdaHandler } from '@soar/lambda';
import { ticketStep, type FlowState, type TicketPorts } from '@soar/workflow';
import {
  awsFailureRecorder,
  awsSecurityHubPort,
  awsTicketOperations,
  awsWatermarks,
  sentinelExporterOf,
} from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { parseFlowState } from '@soar/workflow/schemas';

/** Opens the team's ticket (which emails the team) and marks the finding NOTIFIED. */
export const run = (input: unknown, ports: TicketPorts): Promise<FlowState> =>
  ticketStep(parseFlowState(input, 'ticket'), ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }): TicketPorts => {
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
