import { type AwsSecurityFinding, getSeverityLabel, parseArn } from '@soar/asff-schema';

import { DEFAULT_NOTE_AUTHOR, type ErrorReport, toErrorReport } from '@soar/security-hub/aws';
import { type FindingUpdate, type SecurityHubPort, severityUpdate } from '@soar/security-hub';

/** Configuration of the AWS Health reclassifier. */
export interface HealthReclassifierConfig {
  /** Whether reclassification is on (the original's `ReclassifyAWSHealthIncidents = Yes`). */
  readonly enabled: boolean;
  /** Author of the note on the finding. Default `SOAR`. */
  readonly updatedBy?: string | undefined;
}

/** The `Types` an AWS Health finding must have, exactly, to be reclassified. */
export const HEALTH_FINDING_TYPES: readonly string[] = ['Software and Configuration Checks'];

/** `GeneratorId` parts that mark a Health *notification* (as opposed to an issue or a scheduled change). */
export const HEALTH_NOTIFICATION_MARKERS: readonly string[] = [
  '_OPERATIONAL_NOTIFICATION',
  '_SECURITY_NOTIFICATION',
];

/** Why a finding is not reclassified, one reason per condition, in the order they are checked. */
export type HealthSkipReason =
  | 'disabled'
  | 'already_informational'
  | 'not_health_product_arn'
  | 'not_health_product_name'
  | 'not_aws_company'
  | 'types_mismatch'
  | 'not_a_notification';

/** The plan for one finding: leave it, or apply the update. */
export type HealthReclassificationPlan =
  | { readonly reclassify: false; readonly reason: HealthSkipReason; readonly detail: string }
  | { readonly reclassify: true; readonly update: FindingUpdate };

function skip(reason: HealthSkipReason, detail: string): HealthReclassificationPlan {
  return { reclassify: false, reason, detail };
}

/** `arn:<any partition>:securityhub:<region>::product/aws/health`. */
function isHealthProductArn(productArn: string): boolean {
  const arn = parseArn(productArn);
  return (
    arn !== undefined &&
    arn.service === 'securityhub' &&
    arn.accountId === '' &&
    arn.resource === 'product/aws/health'
  );
}

/**
 * Decides whether an AWS Health finding is a notification to downgrade to INFORMATIONAL, and builds
 * the update. All must hold:
 * - the reclassifier is enabled;
 * - the severity is not already INFORMATIONAL;
 * - `ProductArn` is `arn:<partition>:securityhub:<region>::product/aws/health` (any partition);
 * - `ProductName` is `Health` and `CompanyName` is `AWS`;
 * - `Types` is exactly `["Software and Configuration Checks"]`;
 * - `GeneratorId` contains `_OPERATIONAL_NOTIFICATION` or `_SECURITY_NOTIFICATION`.
 *
 * The update writes `Label` INFORMATIONAL with `Normalized` 0 (the original wrote 1, a LOW score
 * that disagreed with the label).
 *
 * @example
 * ```ts
 * const plan = planHealthReclassification(finding, { enabled: true });
 * if (plan.reclassify) await port.updateFindings([plan.update]);
 * else console.log(plan.reason); // e.g. 'not_a_notification'
 * ```
 */
export function planHealthReclassification(
  finding: AwsSecurityFinding,
  config: HealthReclassifierConfig,
): HealthReclassificationPlan {
  if (!config.enabled) return skip('disabled', 'AWS Health reclassification is turned off');
  const label = getSeverityLabel(finding.Severity);
  if (label === 'INFORMATIONAL')
    return skip('already_informational', 'the severity is already INFORMATIONAL');
  if (!isHealthProductArn(finding.ProductArn)) {
    return skip('not_health_product_arn', `ProductArn ${finding.ProductArn} is not the AWS Health product`);
  }
  if (finding.ProductName !== 'Health') {
    return skip(
      'not_health_product_name',
      `ProductName is ${JSON.stringify(finding.ProductName)}, not "Health"`,
    );
  }
  if (finding.CompanyName !== 'AWS') {
    return skip('not_aws_company', `CompanyName is ${JSON.stringify(finding.CompanyName)}, not "AWS"`);
  }
  if (
    finding.Types.length !== HEALTH_FINDING_TYPES.length ||
    finding.Types.some((type, index) => type !== HEALTH_FINDING_TYPES[index])
  ) {
    return skip(
      'types_mismatch',
      `Types is ${JSON.stringify(finding.Types)}, not ${JSON.stringify(HEALTH_FINDING_TYPES)}`,
    );
  }
  if (!HEALTH_NOTIFICATION_MARKERS.some((marker) => finding.GeneratorId.includes(marker))) {
    return skip(
      'not_a_notification',
      `GeneratorId ${finding.GeneratorId} is not an operational or security notification`,
    );
  }
  const from = label ?? 'an unset severity';
  const update = severityUpdate(finding, 'INFORMATIONAL', {
    text:
      `Severity lowered from ${from} to INFORMATIONAL: this AWS Health notification tells about an event ` +
      'or a planned change and does not by itself show a security problem in this account.',
    updatedBy: config.updatedBy ?? DEFAULT_NOTE_AUTHOR,
  });
  return { reclassify: true, update };
}

/** What {@link reclassifyHealthFinding} did. */
export interface HealthReclassificationResult {
  /**
   * `true` when the severity was rewritten: stop processing this event; Security Hub sends the finding
   * again with its new severity (the original's `actions.reconsider_later`).
   */
  readonly reconsiderLater: boolean;
  readonly reclassified: boolean;
  /** Why nothing was done, when the plan said so. */
  readonly reason?: HealthSkipReason | undefined;
  /**
   * Set when the update failed (throttling included): the finding continues with its original
   * severity, and the caller reports this error (the original logged and forgot it).
   */
  readonly error?: ErrorReport | undefined;
}

/**
 * Plans and applies the reclassification of one finding. Never throws for a Security Hub failure and
 * never drops the finding: on error it returns `{ reconsiderLater: false, error }`, so processing goes
 * on with the original severity and the error is reported by the caller.
 *
 * @example
 * ```ts
 * const result = await reclassifyHealthFinding(scratchpad.finding, securityHub, { enabled: true });
 * if (result.error) logger.error('Health reclassification failed', { error: result.error });
 * scratchpad.actions.reconsider_later = result.reconsiderLater;
 * ```
 */
export async function reclassifyHealthFinding(
  finding: AwsSecurityFinding,
  port: SecurityHubPort,
  config: HealthReclassifierConfig,
): Promise<HealthReclassificationResult> {
  let plan: HealthReclassificationPlan;
  try {
    plan = planHealthReclassification(finding, config);
  } catch (error) {
    return { reconsiderLater: false, reclassified: false, error: toErrorReport(error) };
  }
  if (!plan.reclassify) return { reconsiderLater: false, reclassified: false, reason: plan.reason };
  try {
    await port.updateFindings([plan.update]);
    return { reconsiderLater: true, reclassified: true };
  } catch (error) {
    return { reconsiderLater: false, reclassified: false, error: toErrorReport(error) };
  }
}
