import { SILENT_LOGGER, type SoarLogger } from '@soar/common';
import type { SeverityLabel } from '@soar/asff-schema';

import { alarmToFinding, type IgnoredReason } from './alarm-to-finding';
import type { AlarmFindingConfig } from './config';
import { AlarmEventError } from './errors';
import type { AlarmSecurityHub } from './import';
import type { IncidentDomain } from './naming';

/** What {@link handleAlarmEvent} works with. */
export interface HandleAlarmEventDeps {
  readonly config: AlarmFindingConfig;
  /** {@link createAlarmSecurityHub} in AWS; triage's local Security Hub in tests and simulations. */
  readonly securityHub: AlarmSecurityHub;
  readonly logger?: SoarLogger | undefined;
}

/** What happened to one alarm event. */
export type AlarmEventOutcome =
  | {
      readonly outcome: 'imported';
      readonly findingId: string;
      readonly accountId: string;
      readonly region: string;
      readonly severity: SeverityLabel;
      readonly domain: IncidentDomain;
    }
  | { readonly outcome: 'ignored'; readonly code: IgnoredReason; readonly reason: string };

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/**
 * Handles one `CloudWatch Alarm State Change` event: converts it ({@link alarmToFinding}) and imports
 * the finding into the alarm's own account and region. Logs one line per outcome; a name that does
 * not follow the convention logs a warning.
 *
 * Failures are thrown, never swallowed, so that Lambda retries the event and then dead-letters it
 * (which raises an alarm): a malformed event ({@link AlarmEventError}), an import Security Hub refused
 * (`FindingImportError` from `@soar/security-hub`, for `FailedCount > 0`), or any AWS error.
 *
 * @example
 * ```ts
 * const securityHub = createAlarmSecurityHub({ access: createAwsAccess({ roleName: 'SecurityHubRole' }) });
 * export const handler = (event: unknown) => handleAlarmEvent(event, { config, securityHub, logger });
 * ```
 */
export async function handleAlarmEvent(
  event: unknown,
  deps: HandleAlarmEventDeps,
): Promise<AlarmEventOutcome> {
  const logger = deps.logger ?? SILENT_LOGGER;
  let result: ReturnType<typeof alarmToFinding>;
  try {
    result = alarmToFinding(event, deps.config);
  } catch (error) {
    if (error instanceof AlarmEventError) {
      logger.error('The event is not a CloudWatch alarm state change that can become a finding', {
        field: error.field,
        issues: error.issues,
        eventId: error.eventId,
        accountId: error.accountId,
        alarmName: error.alarmName,
      });
    }
    throw error;
  }

  if (result.kind === 'ignored') {
    logger.info('Alarm event ignored', {
      code: result.code,
      reason: result.reason,
      alarmName: result.alarmName,
      accountId: result.accountId,
      region: result.region,
    });
    return { outcome: 'ignored', code: result.code, reason: result.reason };
  }

  const { finding, target, classification, warnings } = result;
  const { accountId, region } = target;
  const facts = {
    findingId: finding.Id,
    alarmName: finding.Title,
    accountId,
    region,
    severity: classification.severity,
    domain: classification.domain,
  };
  if (warnings.length > 0) logger.warn('Alarm converted with warnings', { ...facts, warnings });
  try {
    await deps.securityHub.importFindings(target, [finding]);
  } catch (error) {
    logger.error('Importing the alarm finding failed', { ...facts, error: describe(error) });
    throw error;
  }
  logger.info('Alarm finding imported', facts);
  return {
    outcome: 'imported',
    findingId: finding.Id,
    accountId,
    region,
    severity: classification.severity,
    domain: classification.domain,
  };
}
