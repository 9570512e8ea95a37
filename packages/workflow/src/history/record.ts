import { getSeverityLabel } from '@soar/asff-schema';
import {
  createDynamoDbRemediationHistory,
  type RemediationHistory,
  type RemediationHistoryRecord,
} from '@soar/remediation-history';
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
  const { finding, account } = state.pad;
  return {
    key: state.key,
    findingId: finding.Id,
    controlId: remediation.controlId ?? finding.Compliance?.SecurityControlId,
    accountId: finding.AwsAccountId,
    accountName: account?.Name,
    severity: getSeverityLabel(finding.Severity) ?? 'INFORMATIONAL',
    environment: account?.Environment,
    team: account?.Team,
    outcome: remediation.kind,
    simulated: remediation.simulated,
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
  const tableName = config.tables.remediationHistory;
  if (tableName === undefined) {
    throw new WorkflowConfigError('SOAR_CONFIG.tables.remediationHistory: is required for the history');
  }
  return createDynamoDbRemediationHistory({ dynamodb: awsClients.dynamodb(config), tableName });
}
