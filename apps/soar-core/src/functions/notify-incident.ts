// The NotifyIncident task of the incidents workflow.
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
        : {
            // The history adapter and its SDK client load on the first incident.
            incidentHistory: {
              record: async (finding, ticketId) =>
                (await import('@soar/incidents/aws'))
                  .incidentHistoryRecorder(awsClients.dynamodb(config), history)
                  .record(finding, ticketId),
            },
          }),
      logger,
    };
  },
});
