import { parseArn } from './arn';
import type { AwsSecurityFinding } from './finding/aws-security-finding';
import type { Severity, SeverityLabel } from './finding/severity';

/**
 * How the `GeneratorId` of a Security Hub control finding names its control:
 * consolidated control findings (`security-control/EC2.2`), standard-specific findings
 * (`aws-foundational-security-best-practices/v/1.0.0/EC2.2`, `pci-dss/v/3.2.1/PCI.EC2.2`), and the
 * CIS v1.2.0 rule form (`arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.4`).
 */
const CONTROL_GENERATOR_IDS = [
  /^security-control\/([^/\s]+)$/,
  /^arn:aws[a-z0-9-]*:securityhub:::ruleset\/[^/\s]+\/v\/[^/\s]+\/rule\/([^/\s]+)$/,
  /^[a-z0-9-]+\/v\/[^/\s]+\/([^/\s]+)$/,
];

/** The resources of a finding; an empty list if a caller passed an object that was never parsed. */
function resourcesOf(finding: AwsSecurityFinding): AwsSecurityFinding['Resources'] {
  return Array.isArray(finding.Resources) ? finding.Resources : [];
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

/**
 * Returns the id of the Security Hub control that produced a finding, or `undefined` for findings
 * that no control produced (GuardDuty, Inspector, Macie, partner products...).
 *
 * It reads, in order: `Compliance.SecurityControlId` (consolidated control findings), then the
 * `ControlId` or `RuleId` product field (standard-specific findings), then the control id at the end
 * of a control `GeneratorId`.
 *
 * @example
 * ```ts
 * getControlId(finding); // 'EC2.2' when GeneratorId is 'security-control/EC2.2'
 * getControlId(guardDutyFinding); // undefined
 * ```
 */
export function getControlId(finding: AwsSecurityFinding): string | undefined {
  const fromCompliance = nonBlank(finding.Compliance?.SecurityControlId);
  if (fromCompliance !== undefined) return fromCompliance;
  const fromProductFields =
    nonBlank(finding.ProductFields?.['ControlId']) ?? nonBlank(finding.ProductFields?.['RuleId']);
  if (fromProductFields !== undefined) return fromProductFields;
  return getGeneratorControlId(finding)?.controlId;
}

/**
 * Returns the control a finding's `GeneratorId` names, and in which form: `consolidated`
 * (`security-control/EC2.2`, the id is the security control id) or `standard` (a standard's own
 * control or rule id, such as `PCI.EC2.2` or CIS `4.3`, which Security Hub also writes to the
 * `ControlId` or `RuleId` product field). `undefined` when the generator is not a control.
 *
 * @example
 * ```ts
 * getGeneratorControlId(finding); // { form: 'consolidated', controlId: 'EC2.2' }
 * ```
 */
export function getGeneratorControlId(
  finding: Pick<AwsSecurityFinding, 'GeneratorId'>,
): { readonly form: 'consolidated' | 'standard'; readonly controlId: string } | undefined {
  const generatorId = typeof finding.GeneratorId === 'string' ? finding.GeneratorId : '';
  for (const [index, pattern] of CONTROL_GENERATOR_IDS.entries()) {
    const controlId = pattern.exec(generatorId)?.[1];
    if (controlId !== undefined) return { form: index === 0 ? 'consolidated' : 'standard', controlId };
  }
  return undefined;
}

/**
 * Tells whether a finding comes from a Security Hub control check, that is, whether
 * {@link getControlId} finds a control id for it.
 *
 * @example
 * ```ts
 * const controlFindings = findings.filter(isControlFinding);
 * ```
 */
export function isControlFinding(finding: AwsSecurityFinding): boolean {
  return getControlId(finding) !== undefined;
}

/**
 * Returns the account a finding belongs to: its `AwsAccountId`.
 *
 * @example
 * ```ts
 * getAccountId(finding); // '111122223333'
 * ```
 */
export function getAccountId(finding: AwsSecurityFinding): string {
  return finding.AwsAccountId;
}

/**
 * Returns the region of a finding: its `Region`, else the `Region` of its first resource, else the
 * region in its `ProductArn`. `undefined` when none is set.
 *
 * @example
 * ```ts
 * getRegion(finding); // 'us-east-1'
 * ```
 */
export function getRegion(finding: AwsSecurityFinding): string | undefined {
  return (
    nonBlank(finding.Region) ??
    nonBlank(resourcesOf(finding)[0]?.Region) ??
    nonBlank(parseArn(finding.ProductArn)?.region)
  );
}

/**
 * Returns the AWS partition of a finding (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`...): from its
 * `ProductArn`, else from the first resource `Id` that is an ARN, else from the first resource
 * `Partition`. `undefined` when none says.
 *
 * @example
 * ```ts
 * getPartition(finding); // 'aws'
 * const arn = `arn:${getPartition(finding) ?? 'aws'}:iam::${getAccountId(finding)}:role/SoarRemediation`;
 * ```
 */
export function getPartition(finding: AwsSecurityFinding): string | undefined {
  const fromProduct = parseArn(finding.ProductArn)?.partition;
  if (fromProduct !== undefined) return fromProduct;
  const resources = resourcesOf(finding);
  for (const resource of resources) {
    const fromId = parseArn(resource.Id)?.partition;
    if (fromId !== undefined) return fromId;
  }
  for (const resource of resources) {
    const fromField = nonBlank(resource.Partition);
    if (fromField !== undefined) return fromField;
  }
  return undefined;
}

/**
 * The label of a severity: its `Label`, else the label Security Hub derives from `Normalized`
 * (0 INFORMATIONAL, 1–39 LOW, 40–69 MEDIUM, 70–89 HIGH, 90–100 CRITICAL).
 *
 * @example
 * ```ts
 * getSeverityLabel({ Label: 'HIGH' }); // 'HIGH'
 * getSeverityLabel({ Normalized: 0 }); // 'INFORMATIONAL'
 * ```
 */
export function getSeverityLabel(severity: Severity): SeverityLabel | undefined {
  if (severity.Label !== undefined) return severity.Label;
  const normalized = severity.Normalized;
  if (normalized === undefined) return undefined;
  if (normalized === 0) return 'INFORMATIONAL';
  if (normalized < 40) return 'LOW';
  if (normalized < 70) return 'MEDIUM';
  if (normalized < 90) return 'HIGH';
  return 'CRITICAL';
}
