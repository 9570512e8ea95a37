import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { awsIncidentPorts } from '../aws/incident-ports';
import type { HandleIncidentPorts } from './handle-incident';

/**
 * The AWS ports of the incident step, built on first use: `@soar/incidents/aws` and its SDK clients
 * (EC2, CloudWatch, Logs, Step Functions, Lambda) are loaded then, not when the function is imported,
 * which keeps the function's cold import small.
 *
 * @example
 * ```ts
 * const incidents = awsIncidentPortsOnFirstUse({ access, dynamodb, tables: config.tables, config: config.incidents });
 * await handleIncidentStep(state, await incidents);
 * ```
 */
export async function awsIncidentPortsOnFirstUse(
  options: Parameters<typeof awsIncidentPorts>[0],
): Promise<HandleIncidentPorts> {
  return (await import('../aws/incident-ports.js')).awsIncidentPorts(options);
}

/**
 * The incident history recorder (`incidentHistoryRecorder` of `@soar/incidents/aws`), loaded with its
 * SDK client on the first incident it records.
 *
 * @example
 * ```ts
 * const history = incidentHistoryOnFirstUse(dynamodb, config.tables.incidentHistory);
 * await history.record(finding, 'SOAR-1');
 * ```
 */
export function incidentHistoryOnFirstUse(
  dynamodb: Pick<DynamoDBClient, 'send'>,
  tableName: string,
): { record(finding: AwsSecurityFinding, ticketId?: string): Promise<unknown> } {
  let recorder:
    Promise<{ record(finding: AwsSecurityFinding, ticketId?: string): Promise<unknown> }> | undefined;
  return {
    async record(finding, ticketId) {
      recorder ??= import('../aws/incident-ports.js').then((aws) =>
        aws.incidentHistoryRecorder(dynamodb, tableName),
      );
      return (await recorder).record(finding, ticketId);
    },
  };
}
