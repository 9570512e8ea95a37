/**
 * `@soar/enrichment/aws`: the enrichment ports over the AWS SDK: CloudWatch `DescribeAlarms`, Step
 * Functions `ListExecutions` / `GetExecutionHistory`, CloudWatch Logs `FilterLogEvents`, and the
 * incident history in DynamoDB (Query on its key, and the writer).
 *
 * @packageDocumentation
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';

import type { EnrichmentPorts } from '../ports';
import { cloudWatchAlarmSource } from './alarms';
import { stepFunctionsExecutionSource } from './executions';
import { DynamoIncidentHistory } from './history';
import { cloudWatchLogSource } from './logs';

export { cloudWatchAlarmSource } from './alarms';
export { stepFunctionsExecutionSource } from './executions';
export { DynamoIncidentHistory, type DynamoIncidentHistoryOptions } from './history';
export { cloudWatchLogSource } from './logs';

/** The clients of {@link awsEnrichmentPorts}: the first three act in the alarm's account and region. */
export interface EnrichmentClients {
  readonly cloudwatch: CloudWatchClient;
  readonly stepFunctions: SFNClient;
  readonly logs: CloudWatchLogsClient;
  /** SOAR's own DynamoDB, where the incident history table is. */
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
}

/**
 * Every enrichment port over AWS. The CloudWatch, Step Functions and Logs clients must act in the
 * alarm's account and region (build them with `@soar/aws-access` for that account, with
 * `cloudwatch:DescribeAlarms`, `states:ListExecutions`, `states:GetExecutionHistory` and
 * `logs:FilterLogEvents`); the DynamoDB client is SOAR's own.
 *
 * @example
 * ```ts
 * const ports = awsEnrichmentPorts(clients, { historyTableName: 'soar-incident-history', retentionDays: 365 });
 * const context = await enrichAlarmContext(ports, input, { retentionDays: 365 });
 * ```
 */
export function awsEnrichmentPorts(
  clients: EnrichmentClients,
  options: { readonly historyTableName: string; readonly retentionDays?: number | undefined },
): EnrichmentPorts {
  return {
    alarms: cloudWatchAlarmSource(clients.cloudwatch),
    executions: stepFunctionsExecutionSource(clients.stepFunctions),
    logs: cloudWatchLogSource(clients.logs),
    history: new DynamoIncidentHistory({
      dynamodb: clients.dynamodb,
      tableName: options.historyTableName,
      retentionDays: options.retentionDays,
    }),
  };
}
