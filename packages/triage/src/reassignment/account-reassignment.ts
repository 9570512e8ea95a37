import { type AwsSecurityFinding, getPartition, getRegion, parseArn } from '@soar/asff-schema';

import { type ErrorReport, toErrorReport } from '@soar/security-hub/aws';
import { type SecurityHubPort } from '@soar/security-hub';

/** Configuration of account reassignment. */
export interface ReassignmentConfig {
  /** The Security Hub administrator ("Security-Adm") account whose findings may belong to members. */
  readonly securityAccountId: string;
}

/** What joins the original finding `Id` and the target account in the copy's `Id`. */
export const REASSIGNED_ID_INFIX = '-reassigned-';

/** `ProductFields` prefix Security Hub reserves for itself; such keys are not copied. */
export const RESERVED_PRODUCT_FIELD_PREFIX = 'aws/';

/** `ProductFields` keys of the copy that point back to the original finding. */
export const REASSIGNED_FROM_FIELDS = {
  findingId: 'soar/ReassignedFrom/FindingId',
  productArn: 'soar/ReassignedFrom/ProductArn',
  accountId: 'soar/ReassignedFrom/AccountId',
} as const;

/** Most `ProductFields` entries a finding may have. */
const MAX_PRODUCT_FIELDS = 50;

const ACCOUNT_ID = /^\d{12}$/;

/** Why a finding is not reassigned. */
export type ReassignmentSkipReason =
  'not_security_account' | 'invalid_resource_owner' | 'same_account' | 'no_target_account' | 'no_region';

/** The plan for one finding: leave it where it is, or import this copy into the target account. */
export type ReassignmentPlan =
  | { readonly reassign: false; readonly reason: ReassignmentSkipReason; readonly detail: string }
  | {
      readonly reassign: true;
      readonly targetAccountId: string;
      /** The region to import into: the finding's own region. */
      readonly region: string;
      /** The copy to import into the target account. */
      readonly finding: AwsSecurityFinding;
    };

function skip(reason: ReassignmentSkipReason, detail: string): ReassignmentPlan {
  return { reassign: false, reason, detail };
}

/**
 * The `Id` of the copy of a finding in another account: deterministic, so a re-delivered event
 * re-imports (updates) the same copy instead of creating a second one.
 *
 * @example
 * ```ts
 * reassignedFindingId('arn:aws:guardduty:eu-west-1:999988887777:detector/d/finding/f', '111122223333');
 * // 'arn:aws:guardduty:eu-west-1:999988887777:detector/d/finding/f-reassigned-111122223333'
 * ```
 */
export function reassignedFindingId(originalId: string, targetAccountId: string): string {
  return `${originalId}${REASSIGNED_ID_INFIX}${targetAccountId}`;
}

/** The owning account named by the finding, or why there is none. */
function targetAccountOf(
  finding: AwsSecurityFinding,
): { readonly accountId: string } | { readonly reason: ReassignmentSkipReason; readonly detail: string } {
  const owner = finding.ProductFields?.['ResourceOwnerAccount']?.trim();
  if (owner !== undefined && owner.length > 0) {
    if (!ACCOUNT_ID.test(owner)) {
      return {
        reason: 'invalid_resource_owner',
        detail: `ProductFields.ResourceOwnerAccount "${owner}" is not a 12-digit account id`,
      };
    }
    if (owner === finding.AwsAccountId) {
      return {
        reason: 'same_account',
        detail: 'ProductFields.ResourceOwnerAccount is the finding account itself',
      };
    }
    return { accountId: owner };
  }
  const resourceId = finding.Resources[0]?.Id;
  const arn = resourceId === undefined ? undefined : parseArn(resourceId);
  if (arn === undefined) {
    return {
      reason: 'no_target_account',
      detail: `Resources[0].Id ${JSON.stringify(resourceId)} is not an ARN`,
    };
  }
  if (!ACCOUNT_ID.test(arn.accountId)) {
    return {
      reason: 'no_target_account',
      detail: `Resources[0].Id ${resourceId ?? ''} names no 12-digit account`,
    };
  }
  if (arn.accountId === finding.AwsAccountId) {
    return { reason: 'same_account', detail: 'Resources[0].Id is in the finding account itself' };
  }
  return { accountId: arn.accountId };
}

/** `ProductFields` of the copy: reserved `aws/` keys dropped, links to the original first, 50 at most. */
function copiedProductFields(finding: AwsSecurityFinding): Record<string, string> {
  const fields: Record<string, string> = {
    [REASSIGNED_FROM_FIELDS.findingId]: finding.Id,
    [REASSIGNED_FROM_FIELDS.productArn]: finding.ProductArn,
    [REASSIGNED_FROM_FIELDS.accountId]: finding.AwsAccountId,
  };
  for (const [key, value] of Object.entries(finding.ProductFields ?? {})) {
    if (Object.keys(fields).length >= MAX_PRODUCT_FIELDS) break;
    if (key.toLowerCase().startsWith(RESERVED_PRODUCT_FIELD_PREFIX) || key in fields) continue;
    fields[key] = value;
  }
  return fields;
}

/** Optional fields carried to the copy when the original has them. */
const CARRIED_FIELDS = [
  'ProductName',
  'CompanyName',
  'Compliance',
  'Remediation',
  'SourceUrl',
  'FirstObservedAt',
  'LastObservedAt',
  'Confidence',
  'Criticality',
  'Action',
  'Network',
  'Process',
  'Threats',
  'ThreatIntelIndicators',
  'Malware',
  'Vulnerabilities',
] as const satisfies readonly (keyof AwsSecurityFinding)[];

/**
 * Decides whether a finding raised in the Security Hub administrator account really belongs to a
 * member account, and builds the copy to import there.
 *
 * - Only findings whose `AwsAccountId` is the security account are considered.
 * - The owner is `ProductFields.ResourceOwnerAccount` when present, else the account of
 *   `Resources[0].Id` when it is an ARN (any partition) naming another 12-digit account.
 * - The copy gets `Id = <original Id>-reassigned-<target>` (stable across re-deliveries),
 *   `ProductArn = arn:<partition>:securityhub:<finding region>:<target>:product/<target>/default`,
 *   `AwsAccountId` = target, the finding's own region (the original imported into its home region,
 *   so findings of other regions were never reassigned), `CreatedAt` = `UpdatedAt` = `now`,
 *   `RecordState` ACTIVE, `Workflow` NEW, the original's severity, title, description, resources,
 *   types, generator, compliance, remediation, source URL and threat details, and its
 *   `ProductFields` minus the keys Security Hub reserves (`aws/...`), plus links to the original.
 *
 * @example
 * ```ts
 * const plan = planReassignment(finding, { securityAccountId: '999988887777' }, new Date());
 * if (plan.reassign) await port.importFindings({ accountId: plan.targetAccountId, region: plan.region }, [plan.finding]);
 * ```
 */
export function planReassignment(
  finding: AwsSecurityFinding,
  config: ReassignmentConfig,
  now: Date,
): ReassignmentPlan {
  if (finding.AwsAccountId !== config.securityAccountId) {
    return skip(
      'not_security_account',
      `the finding belongs to account ${finding.AwsAccountId}, not the security account`,
    );
  }
  const target = targetAccountOf(finding);
  if ('reason' in target) return skip(target.reason, target.detail);
  const region = getRegion(finding);
  if (region === undefined) {
    return skip('no_region', 'the finding has no Region, Resources[0].Region or region in its ProductArn');
  }
  const partition = getPartition(finding) ?? 'aws';
  const timestamp = now.toISOString();
  const copy: AwsSecurityFinding = {
    SchemaVersion: finding.SchemaVersion,
    Id: reassignedFindingId(finding.Id, target.accountId),
    ProductArn: `arn:${partition}:securityhub:${region}:${target.accountId}:product/${target.accountId}/default`,
    GeneratorId: finding.GeneratorId,
    AwsAccountId: target.accountId,
    Region: region,
    Types: [...finding.Types],
    CreatedAt: timestamp,
    UpdatedAt: timestamp,
    Severity: structuredClone(finding.Severity),
    Title: finding.Title,
    Description: finding.Description,
    Resources: structuredClone(finding.Resources),
    ProductFields: copiedProductFields(finding),
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
  };
  for (const field of CARRIED_FIELDS) {
    const value = finding[field];
    if (value !== undefined) Object.assign(copy, { [field]: structuredClone(value) });
  }
  return { reassign: true, targetAccountId: target.accountId, region, finding: copy };
}

/** What {@link reassignFinding} did. */
export interface ReassignmentResult {
  /** `true` only when the copy was imported: the original may then be suppressed. */
  readonly suppressOriginal: boolean;
  readonly reassigned: boolean;
  readonly targetAccountId?: string | undefined;
  /** `Id` of the imported copy. */
  readonly findingId?: string | undefined;
  /** Why nothing was done, when the plan said so. */
  readonly reason?: ReassignmentSkipReason | undefined;
  /** Set when the import failed: the original stays and is processed in the security account. */
  readonly error?: ErrorReport | undefined;
}

/**
 * Plans the reassignment of one finding and imports the copy into the owning account, in the
 * finding's region. Fail-safe: on any failure the original is not suppressed (it continues in the
 * security account) and the error is returned for the caller to report.
 *
 * @example
 * ```ts
 * const result = await reassignFinding(scratchpad.finding, securityHub, { securityAccountId: '999988887777' });
 * scratchpad.actions.suppress_finding = result.suppressOriginal;
 * if (result.error) logger.error('reassignment failed', { error: result.error });
 * ```
 */
export async function reassignFinding(
  finding: AwsSecurityFinding,
  port: SecurityHubPort,
  config: ReassignmentConfig & { readonly now?: (() => Date) | undefined },
): Promise<ReassignmentResult> {
  let plan: ReassignmentPlan;
  try {
    plan = planReassignment(finding, config, (config.now ?? (() => new Date()))());
  } catch (error) {
    return { suppressOriginal: false, reassigned: false, error: toErrorReport(error) };
  }
  if (!plan.reassign) return { suppressOriginal: false, reassigned: false, reason: plan.reason };
  try {
    await port.importFindings({ accountId: plan.targetAccountId, region: plan.region }, [plan.finding]);
    return {
      suppressOriginal: true,
      reassigned: true,
      targetAccountId: plan.targetAccountId,
      findingId: plan.finding.Id,
    };
  } catch (error) {
    return {
      suppressOriginal: false,
      reassigned: false,
      targetAccountId: plan.targetAccountId,
      error: toErrorReport(error),
    };
  }
}
