// The NotifyIncident task of the incidents workflow.
import { incidentHistoryOnFirstUse } from '@soar/incidents/steps';
import { aiAnalystPort } from '@soar/ai-prompts/analyst';
import { lambdaHandler } from '@soar/lambda';
import { notifyIncidentStep, type FlowState } from '@soar/workflow';
import {
  awsClients,
  awsFailureRecorder,
  awsTicketOperations,
  awsWatermarks,
  sentinelExporterOf,
} from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { awsIncidentLog } from '@soar/workflow/history';
import { parseFlowState } from '@soar/workflow/schemas';

type NotifyIncidentPorts = Parameters<typeof notifyIncidentStep>[1];

/** Opens the incident's ticket (and the SOC's copy), emails the team, records the incident. */
export const run = (input: unknown, ports: NotifyIncidentPorts): Promise<FlowState> =>
  notifyIncidentStep(parseFlowState(input, 'notify-incident'), ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }): NotifyIncidentPorts => {
    const config = runtimeConfigFromEnv(process.env);
    const history = config.tables.incidentHistory;
    return {
      tickets: awsTicketOperations(config, { logger }),
      watermarks: awsWatermarks(config),
      // The SOC copy, a chat copy or the Sentinel export that fails gets its own failure row.
      failures: awsFailureRecorder(config, { logger }),
      exporter: sentinelExporterOf(config),
      ...(history === undefined
        ? {}
        : { incidentHistory: incidentHistoryOnFirstUse(awsClients.dynamodb(config), history) }),
      // Every incident, ticketed or not, for the statistics and the weekly report.
      ...(config.tables.incidentLog === undefined ? {} : { incidentLog: awsIncidentLog(config) }),
      // The AI section of the messages, when configured: loaded on its first use.
      ...aiAnalystPort(config.ai, { logger }),
      logger,
    };
  },
});
