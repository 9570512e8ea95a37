import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { type AwsAccess, isPartition } from '@soar/aws-access';
import type { SoarLogger } from '@soar/common';
import {
  alarmHistoryKey,
  enrichmentInputFromFinding,
  type EnrichmentInput,
  type EnrichmentPorts,
} from '@soar/enrichment';
import {
  cloudWatchAlarmSource,
  cloudWatchLogSource,
  DynamoIncidentHistory,
  stepFunctionsExecutionSource,
} from '@soar/enrichment/aws';
import type { IncidentsConfig } from '../config';
import { IncidentConfigError } from '../errors';
import type { HandleIncidentPorts } from '../steps/handle-incident';
import { createEc2Containment } from './ec2';
import { createForensicsHandOff } from './forensics';

/** The session purpose of the alarm-context reads in the alarm's account. */
export const ENRICHMENT_PURPOSE = 'enrich-alarm';

/** The read-only IAM actions the alarm context needs in the alarm's account. */
export const ENRICHMENT_IAM_ACTIONS = [
  'cloudwatch:DescribeAlarms',
  'states:ListExecutions',
  'states:GetExecutionHistory',
  'logs:FilterLogEvents',
] as const;

/**
 * The local incident suppressions table (`id` = incident type, `suppress_when` = a rule).
 *
 * @example
 * ```ts
 * const rule = await dynamoDbLocalSuppressions(dynamodb, 'soar-local-incident-suppressions').ruleFor('Recon:EC2/PortProbeUnprotectedPort');
 * ```
 */
export function dynamoDbLocalSuppressions(
  dynamodb: Pick<DynamoDBClient, 'send'>,
  tableName: string,
): { ruleFor(incidentType: string): Promise<string | undefined> } {
  return {
    async ruleFor(incidentType) {
      const { Item } = await dynamodb.send(
        new GetItemCommand({ TableName: tableName, Key: { id: { S: incidentType } }, ConsistentRead: false }),
      );
      return Item?.['suppress_when']?.S;
    },
  };
}

/**
 * The sources of an alarm's context, read in the alarm's account and region through the member role
 * (a session limited to {@link ENRICHMENT_IAM_ACTIONS}), and the incident history in SOAR's own table.
 *
 * @example
 * ```ts
 * const enrichment = { portsFor: alarmContextSources({ access, dynamodb, historyTableName }) };
 * ```
 */
export function alarmContextSources(options: {
  readonly access: Pick<AwsAccess, 'client'>;
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly historyTableName: string;
}): (alarm: EnrichmentInput) => EnrichmentPorts {
  const history = new DynamoIncidentHistory({
    dynamodb: options.dynamodb,
    tableName: options.historyTableName,
  });
  return (alarm) => {
    const target = {
      accountId: alarm.accountId,
      region: alarm.region,
      ...(isPartition(alarm.partition) ? { partition: alarm.partition } : {}),
    };
    const scope = { purpose: ENRICHMENT_PURPOSE, actions: [...ENRICHMENT_IAM_ACTIONS] };
    return {
      alarms: cloudWatchAlarmSource(options.access.client(CloudWatchClient, target, scope)),
      executions: stepFunctionsExecutionSource(options.access.client(SFNClient, target, scope)),
      logs: cloudWatchLogSource(options.access.client(CloudWatchLogsClient, target, scope)),
      history,
    };
  };
}

/**
 * Records each alarm incident in the history the pattern analysis reads (other incidents have no
 * alarm to be counted under, and are not recorded).
 *
 * @example
 * ```ts
 * await incidentHistoryRecorder(dynamodb, 'soar-incident-history').record(finding, 'SOC-42');
 * ```
 */
export function incidentHistoryRecorder(
  dynamodb: Pick<DynamoDBClient, 'send'>,
  tableName: string,
): { record(finding: AwsSecurityFinding, ticketId?: string): Promise<unknown> } {
  const history = new DynamoIncidentHistory({ dynamodb, tableName });
  return {
    async record(finding, ticketId) {
      const alarm = enrichmentInputFromFinding(finding);
      if (alarm === undefined) return 'not_an_alarm';
      return history.record({
        alarmKey: alarmHistoryKey(alarm),
        occurredAt: new Date(alarm.stateChangeTime),
        incidentId: finding.Id,
        alarmName: alarm.alarmName,
        accountId: alarm.accountId,
        region: alarm.region,
        severity: finding.Severity?.Label,
        ticketId,
      });
    },
  };
}

/**
 * Every port of the incident step, in AWS: the local suppressions and the history in SOAR's own
 * tables, containment and the alarm's context in the finding's account through the member role.
 *
 * @throws {IncidentConfigError} when a table is not named
 *
 * @example
 * ```ts
 * const ports = awsIncidentPorts({ config: config.incidents, access, dynamodb, tables: config.tables, logger });
 * ```
 */
export function awsIncidentPorts(options: {
  readonly config: IncidentsConfig;
  readonly access: Pick<AwsAccess, 'client'>;
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tables: { readonly localIncidentSuppressions?: string; readonly incidentHistory?: string };
  readonly logger?: SoarLogger;
}): HandleIncidentPorts {
  const { access, dynamodb, tables } = options;
  if (tables.localIncidentSuppressions === undefined || tables.incidentHistory === undefined)
    throw new IncidentConfigError(
      'SOAR_CONFIG.tables: the incident tables (localIncidentSuppressions, incidentHistory) are not named',
      ['tables.localIncidentSuppressions', 'tables.incidentHistory'],
    );
  return {
    config: options.config,
    localSuppressions: dynamoDbLocalSuppressions(dynamodb, tables.localIncidentSuppressions),
    containment: { ...createEc2Containment({ access }), collectForensics: createForensicsHandOff() },
    enrichment: {
      portsFor: alarmContextSources({ access, dynamodb, historyTableName: tables.incidentHistory }),
    },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  };
}
