import { getSeverityLabel } from '@soar/asff-schema';
import {
  createDynamoDbIncidentLog,
  createDynamoDbRemediationHistory,
  type IncidentLog,
  type HistoryTableOptions,
  type IncidentLogRecord,
  type RemediationHistory,
  type RemediationHistoryRecord,
} from '@soar/history';
import { awsClients } from '../aws/clients';
import { WorkflowConfigError } from '../errors';
import type { RuntimeConfig } from '../runtime-config';
import type { FlowState } from '../state';

/**
 * The history record of a remediate step's outcome, or `undefined` when there is nothing to record
 * (no remediation yet).
 *
 * @example
 * ```ts
 * const record = remediationHistoryRecordOf(next, new Date());
 * if (record !== undefined) await history.record(record);
 * ```
 */
export function remediationHistoryRecordOf(state: FlowState, at: Date): RemediationHistoryRecord | undefined {
  const remediation = state.remediation;
  if (remediation === undefined) return undefined;
  return {
    ...rowOf(state, at),
    controlId: remediation.controlId ?? state.pad.finding.Compliance?.SecurityControlId,
    outcome: remediation.kind,
    simulated: remediation.simulated,
  };
}

/** What every history row says of its finding event: which finding, whose account, how severe, when. */
function rowOf(state: FlowState, at: Date) {
  const { finding, account } = state.pad;
  return {
    key: state.key,
    findingId: finding.Id,
    accountId: finding.AwsAccountId,
    accountName: account?.Name,
    severity: getSeverityLabel(finding.Severity) ?? 'INFORMATIONAL',
    environment: account?.Environment,
    team: account?.Team,
    at: at.toISOString(),
  };
}

/**
 * The remediation history table of the configuration.
 *
 * @throws {WorkflowConfigError} when the configuration names no `tables.remediationHistory`
 *
 * @example
 * ```ts
 * const history = awsRemediationHistory(config);
 * ```
 */
export function awsRemediationHistory(config: Pick<RuntimeConfig, 'tables' | 'region'>): RemediationHistory {
  return createDynamoDbRemediationHistory(historyTable(config, 'remediationHistory', 'the history'));
}

/** Where a history table the configuration names is; an error naming the key when it names none. */
function historyTable(
  config: Pick<RuntimeConfig, 'tables' | 'region'>,
  key: 'remediationHistory' | 'incidentLog',
  what: string,
): HistoryTableOptions {
  const tableName = config.tables[key];
  if (tableName === undefined) {
    throw new WorkflowConfigError(`SOAR_CONFIG.tables.${key}: is required for ${what}`);
  }
  return { dynamodb: awsClients.dynamodb(config), tableName };
}

/**
 * The incident log's record of a notified incident.
 *
 * @example
 * ```ts
 * await log.record(incidentLogRecordOf(state, new Date(), 'SOC-42'));
 * ```
 */
export function incidentLogRecordOf(state: FlowState, at: Date, ticketId?: string): IncidentLogRecord {
  const { finding } = state.pad;
  return { ...rowOf(state, at), title: finding.Title, productName: finding.ProductName, ticketId };
}

/**
 * The incident log table of the configuration.
 *
 * @throws {WorkflowConfigError} when the configuration names no `tables.incidentLog`
 */
export function awsIncidentLog(config: Pick<RuntimeConfig, 'tables' | 'region'>): IncidentLog {
  return createDynamoDbIncidentLog(historyTable(config, 'incidentLog', 'the incident log'));
}
