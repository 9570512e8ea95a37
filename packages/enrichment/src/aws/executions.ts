import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  type HistoryEvent as SfnHistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { isRecord } from '@soar/common';

import type { ExecutionSource, HistoryEvent } from '../ports';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** An event with its one `…EventDetails` object flattened: error, cause, resource, state name. */
function eventOf(event: SfnHistoryEvent): HistoryEvent {
  let details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event))
    if (key.endsWith('EventDetails') && isRecord(value)) details = value;
  return {
    id: event.id ?? 0,
    previousEventId: event.previousEventId,
    type: event.type ?? 'Unknown',
    timestamp: event.timestamp,
    stateName: event.stateEnteredEventDetails?.name,
    error: text(details['error']),
    cause: text(details['cause']),
    resource: text(details['resource']),
    resourceType: text(details['resourceType']),
    parameters: text(details['parameters']),
  };
}

/**
 * The execution source over Step Functions' `ListExecutions` and `GetExecutionHistory` (the last
 * page, `reverseOrder`), in the state machine's account and region (the client's). Needs
 * `states:ListExecutions` and `states:GetExecutionHistory`.
 *
 * @example
 * ```ts
 * const executions = stepFunctionsExecutionSource(new SFNClient({ region: 'eu-west-1', credentials }));
 * ```
 */
export function stepFunctionsExecutionSource(client: SFNClient): ExecutionSource {
  return {
    async listExecutions(request, signal) {
      const output = await client.send(
        new ListExecutionsCommand({
          stateMachineArn: request.stateMachineArn,
          statusFilter: request.statusFilter,
          maxResults: request.maxResults,
          nextToken: request.nextToken,
        }),
        { abortSignal: signal },
      );
      return {
        executions: (output.executions ?? []).flatMap((execution) =>
          execution.executionArn === undefined || execution.startDate === undefined
            ? []
            : [
                {
                  executionArn: execution.executionArn,
                  stateMachineArn: execution.stateMachineArn ?? request.stateMachineArn,
                  name: execution.name,
                  status: execution.status ?? 'UNKNOWN',
                  startDate: execution.startDate,
                  stopDate: execution.stopDate,
                },
              ],
        ),
        nextToken: output.nextToken ?? undefined,
      };
    },
    async executionHistory(request, signal) {
      const output = await client.send(
        new GetExecutionHistoryCommand({
          executionArn: request.executionArn,
          maxResults: request.maxResults,
          reverseOrder: true,
        }),
        { abortSignal: signal },
      );
      return (output.events ?? []).map(eventOf);
    },
  };
}
