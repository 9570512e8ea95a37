import { type AwsSecurityFinding, parseArn, type Resource } from '@soar/asff-schema';
import { isRecord } from '@soar/common';
import { IncidentDomainSchema, type IncidentDomain } from '@soar/tickets';

/** What an incident is about, which decides how it is handled and which message it gets. */
export const INCIDENT_KINDS = ['ec2', 'iam_user', 's3', 'eks', 'generic'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** The first part of the `Types` of every finding alarms-to-sechub makes from a CloudWatch alarm. */
export const ALARM_FINDING_TYPE_PREFIX = 'Software and Configuration Checks/CloudWatch Alarms/';

/** A GuardDuty finding type, parsed: `Backdoor:EC2/C&CActivity.B!DNS`. */
export interface GuardDutyType {
  /** The whole `Types` entry it was read from, such as `TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS`. */
  readonly typesEntry: string;
  /** GuardDuty's own spelling: `Backdoor:EC2/C&CActivity.B!DNS`. */
  readonly findingType: string;
  /** `Backdoor`, `UnauthorizedAccess`, `CryptoCurrency`, … */
  readonly threatPurpose: string;
  /** `EC2`, `IAMUser`, `S3`, `Kubernetes`, `Runtime`, `Lambda`, `RDS`, … */
  readonly resourceType: string;
  /** `C&CActivity.B!DNS` */
  readonly threatFamily: string;
}

/** The EC2 instance a finding is about, as the finding names it. */
export interface InstanceRef {
  readonly instanceId: string;
  /** The account of the instance: its ARN's, else the finding's. */
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** The GuardDuty facts the incident handling needs downstream. */
export interface GuardDutyDetails extends GuardDutyType {
  readonly instance?: InstanceRef;
  readonly accessKeyId?: string;
  readonly userName?: string;
  readonly bucketNames: readonly string[];
  readonly clusterName?: string;
}

/** Where the domain of an incident came from. */
export type DomainSource = 'alarm' | 'product_fields' | 'default';

/** What {@link classifyIncident} found. */
export interface IncidentClassification {
  readonly kind: IncidentKind;
  /**
   * The incident type: the key of the local incident suppressions and the `IncidentType` of the
   * incident history, as in the original (the GuardDuty `Types` entry, a `CIS-` generator id, else
   * the first `Types` entry).
   */
  readonly incidentType: string;
  readonly domain: IncidentDomain;
  readonly domainSource: DomainSource;
  /** `ProductFields["aws/securityhub/ProductName"]`, else `ProductName`, else `N/A`. */
  readonly productName: string;
  /** The `<company>/<product>` of the `ProductArn`, such as `aws/guardduty`; `''` when it is no product ARN. */
  readonly product: string;
  /** True for a finding made from a CloudWatch alarm (alarms-to-sechub). */
  readonly alarm: boolean;
  readonly guardDuty?: GuardDutyDetails;
  /** Anything odd that was worked around, in plain words. */
  readonly notes: readonly string[];
}

const GUARD_DUTY_KINDS: Readonly<Record<string, IncidentKind>> = {
  EC2: 'ec2',
  IAMUser: 'iam_user',
  S3: 's3',
  Kubernetes: 'eks',
  EKS: 'eks',
};

const TYPE_START = /^[A-Za-z]+:[A-Za-z0-9]+(?:[-/]|$)/;
const TYPE_PARTS = /^([A-Za-z]+):([A-Za-z0-9]+)[-/](.+)$/;
const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/**
 * Parses a GuardDuty finding type out of a `Types` entry. Security Hub writes GuardDuty's
 * `ThreatPurpose:ResourceType/ThreatFamily` as the last part of the entry with the `/` turned into
 * `-` (`TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce`); both spellings are read. The
 * parts are matched whole, unlike the original's substring tests (`"EC2-"` anywhere in the text).
 *
 * @example
 * ```ts
 * parseGuardDutyType('TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS');
 * // { findingType: 'Backdoor:EC2/C&CActivity.B!DNS', threatPurpose: 'Backdoor', resourceType: 'EC2', … }
 * parseGuardDutyType('Software and Configuration Checks/Vulnerabilities/CVE'); // undefined
 * ```
 */
export function parseGuardDutyType(typesEntry: string): GuardDutyType | undefined {
  const segments = typesEntry.split('/');
  const start = segments.findIndex((segment) => TYPE_START.test(segment));
  if (start < 0) return undefined;
  const match = TYPE_PARTS.exec(segments.slice(start).join('/'));
  if (match === null) return undefined;
  const [, threatPurpose = '', resourceType = '', threatFamily = ''] = match;
  return {
    typesEntry,
    findingType: `${threatPurpose}:${resourceType}/${threatFamily}`,
    threatPurpose,
    resourceType,
    threatFamily,
  };
}

function resourcesOf(finding: AwsSecurityFinding): readonly Resource[] {
  return Array.isArray(finding.Resources) ? finding.Resources : [];
}

function detailString(resource: Resource, type: string, field: string): string | undefined {
  const details: unknown = resource.Details?.[type];
  const value = isRecord(details) ? details[field] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The EC2 instance of the finding's first `AwsEc2Instance` resource whose id is an instance id. */
export function instanceOf(finding: AwsSecurityFinding): InstanceRef | undefined {
  for (const resource of resourcesOf(finding)) {
    if (resource.Type !== 'AwsEc2Instance') continue;
    const arn = parseArn(resource.Id);
    const instanceId = arn === undefined ? resource.Id : arn.resource.slice(arn.resource.indexOf('/') + 1);
    if (!INSTANCE_ID.test(instanceId)) continue;
    const region = nonBlank(arn?.region) ?? nonBlank(resource.Region) ?? nonBlank(finding.Region);
    if (region === undefined) continue;
    return {
      instanceId,
      accountId: nonBlank(arn?.accountId) ?? finding.AwsAccountId,
      region,
      partition: arn?.partition ?? nonBlank(resource.Partition) ?? 'aws',
    };
  }
  return undefined;
}

function guardDutyDetails(finding: AwsSecurityFinding, type: GuardDutyType): GuardDutyDetails {
  const resources = resourcesOf(finding);
  const key = resources.find((resource) => resource.Type === 'AwsIamAccessKey');
  const cluster = resources.find((resource) => resource.Type === 'AwsEksCluster');
  const instance = instanceOf(finding);
  const userName =
    key === undefined
      ? undefined
      : (detailString(key, 'AwsIamAccessKey', 'PrincipalName') ??
        detailString(key, 'AwsIamAccessKey', 'UserName'));
  const clusterName =
    cluster === undefined
      ? undefined
      : (detailString(cluster, 'AwsEksCluster', 'Name') ?? parseArn(cluster.Id)?.resource.split('/')[1]);
  const bucketNames = resources
    .filter((resource) => resource.Type === 'AwsS3Bucket')
    .map(
      (bucket) => detailString(bucket, 'AwsS3Bucket', 'Name') ?? parseArn(bucket.Id)?.resource ?? bucket.Id,
    );
  return {
    ...type,
    ...(instance === undefined ? {} : { instance }),
    ...(key === undefined ? {} : { accessKeyId: key.Id }),
    ...(userName === undefined ? {} : { userName }),
    bucketNames,
    ...(clusterName === undefined ? {} : { clusterName }),
  };
}

/** The kind of a GuardDuty type; runtime findings take the kind of the resource they are about. */
function guardDutyKind(finding: AwsSecurityFinding, type: GuardDutyType): IncidentKind {
  const kind = GUARD_DUTY_KINDS[type.resourceType];
  if (kind !== undefined) return kind;
  if (type.resourceType !== 'Runtime') return 'generic';
  const types = new Set(resourcesOf(finding).map((resource) => resource.Type));
  // An EKS runtime finding names the node instance too: the cluster decides, and a pod's node is
  // never terminated on its word.
  if (types.has('AwsEksCluster')) return 'eks';
  return types.has('AwsEc2Instance') ? 'ec2' : 'generic';
}

/** The product part (`<company>/<product>`) of a Security Hub product ARN. */
export function productOf(finding: Pick<AwsSecurityFinding, 'ProductArn'>): string {
  const arn = parseArn(finding.ProductArn);
  return arn?.service === 'securityhub' && arn.resource.startsWith('product/')
    ? arn.resource.slice('product/'.length)
    : '';
}

/** True for a finding made from a CloudWatch alarm by alarms-to-sechub. */
export function isAlarmFinding(finding: AwsSecurityFinding): boolean {
  const types = Array.isArray(finding.Types) ? finding.Types : [];
  return (
    types.some((type) => type.startsWith(ALARM_FINDING_TYPE_PREFIX)) ||
    finding.ProductFields?.['soar/alarm/name'] !== undefined
  );
}

function domainOf(
  finding: AwsSecurityFinding,
  alarm: boolean,
  notes: string[],
): { domain: IncidentDomain; source: DomainSource } {
  const raw = finding.ProductFields?.['IncidentDomain'];
  if (raw === undefined || raw.trim() === '') {
    if (alarm) notes.push('The alarm finding has no ProductFields.IncidentDomain; using INFRA.');
    return { domain: 'INFRA', source: 'default' };
  }
  const parsed = IncidentDomainSchema.safeParse(raw.trim().toUpperCase());
  if (parsed.success) return { domain: parsed.data, source: alarm ? 'alarm' : 'product_fields' };
  notes.push(`ProductFields.IncidentDomain ${JSON.stringify(raw)} is not INFRA or APP; using INFRA.`);
  return { domain: 'INFRA', source: 'default' };
}

/**
 * Classifies an incident (pure): its kind, its incident type (the local-suppression key), its domain
 * and, for GuardDuty, the parsed finding type and what it is about (instance, access key, buckets,
 * cluster).
 *
 * - GuardDuty is recognised by the `ProductArn` (`…::product/aws/guardduty`), which no member account
 *   can forge, not by the product name a custom finding may claim. The first `Types` entry that parses
 *   as a GuardDuty type decides: `EC2` → `ec2`, `IAMUser` → `iam_user`, `S3` → `s3`, `Kubernetes` →
 *   `eks`, `Runtime` → by the resource (an EKS cluster first, then an EC2 instance), others `generic`.
 * - Any other finding is `generic`; its incident type is a `CIS-…` generator id, else `Types[0]`.
 * - The domain is `ProductFields.IncidentDomain` (`INFRA` | `APP`, any case; alarm findings always carry
 *   it), else `INFRA`, as in the original.
 *
 * @example
 * ```ts
 * classifyIncident(guardDutyFinding);
 * // { kind: 'ec2', incidentType: 'TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS', domain: 'INFRA', … }
 * ```
 */
export function classifyIncident(finding: AwsSecurityFinding): IncidentClassification {
  const notes: string[] = [];
  const types = Array.isArray(finding.Types) ? finding.Types : [];
  const product = productOf(finding);
  const productName =
    nonBlank(finding.ProductFields?.['aws/securityhub/ProductName']) ??
    nonBlank(finding.ProductName) ??
    'N/A';
  const alarm = isAlarmFinding(finding);
  const { domain, source } = domainOf(finding, alarm, notes);
  const base = { domain, domainSource: source, productName, product, alarm, notes };

  if (product === 'aws/guardduty') {
    for (const entry of types) {
      const type = parseGuardDutyType(entry);
      if (type === undefined) continue;
      const guardDuty = guardDutyDetails(finding, type);
      const kind = guardDutyKind(finding, type);
      if (kind === 'ec2' && guardDuty.instance === undefined)
        notes.push('The GuardDuty EC2 finding names no EC2 instance that SOAR can act on.');
      return { ...base, kind, incidentType: entry, guardDuty };
    }
    notes.push('No Types entry of the GuardDuty finding is a GuardDuty finding type; handled as generic.');
  }
  const generator = typeof finding.GeneratorId === 'string' ? finding.GeneratorId : '';
  const incidentType = generator.startsWith('CIS-') ? generator : (types[0] ?? generator);
  return { ...base, kind: 'generic', incidentType };
}
