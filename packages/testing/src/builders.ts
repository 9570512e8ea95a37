import type {
  AwsSecurityFinding,
  CloudWatchAlarmStateChangeEvent,
  SecurityHubFindingsCustomActionEvent,
  SecurityHubFindingsImportedEvent,
} from '@soar/asff-schema';

/** Account and region every builder uses unless told otherwise. */
export const TEST_ACCOUNT_ID = '111122223333';
export const TEST_REGION = 'eu-west-1';
/** The Security Hub administrator (aggregation) account of the test organization. */
export const SECURITY_ACCOUNT_ID = '999988887777';

const NOW = '2026-11-20T10:15:30.123Z';

let sequence = 0;
/** A short id unique within the test process, for ids that must differ between findings. */
function nextId(): string {
  sequence += 1;
  return sequence.toString(16).padStart(8, '0');
}

export interface ControlFindingOptions {
  controlId?: string;
  accountId?: string;
  region?: string;
  status?: 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE';
  severity?: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  workflowStatus?: 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';
  resource?: AwsSecurityFinding['Resources'][number];
}

/**
 * A Security Hub control finding as Security Hub sends it with consolidated control findings on.
 * Defaults: EC2.2 failing on a default security group, severity HIGH, workflow NEW.
 *
 * @example
 * ```ts
 * const finding = aControlFinding({ controlId: 'S3.8', status: 'PASSED' });
 * const changed = { ...aControlFinding(), Workflow: { Status: 'NOTIFIED' } };
 * ```
 */
export function aControlFinding(options: ControlFindingOptions = {}): AwsSecurityFinding {
  const controlId = options.controlId ?? 'EC2.2';
  const accountId = options.accountId ?? TEST_ACCOUNT_ID;
  const region = options.region ?? TEST_REGION;
  const severity = options.severity ?? 'HIGH';
  const resource = options.resource ?? {
    Type: 'AwsEc2SecurityGroup',
    Id: `arn:aws:ec2:${region}:${accountId}:security-group/sg-0a1b2c3d4e5f${nextId().slice(-5)}`,
    Partition: 'aws',
    Region: region,
    Details: {
      AwsEc2SecurityGroup: {
        GroupName: 'default',
        GroupId: 'sg-0a1b2c3d4e5f60718',
        OwnerId: accountId,
        VpcId: 'vpc-0123456789abcdef0',
        IpPermissions: [
          { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0a1b2c3d4e5f60718', UserId: accountId }] },
        ],
        IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      },
    },
  };
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:${region}:${accountId}:security-control/${controlId}/finding/${nextId()}-1b2c-4d3e-8f90-a1b2c3d4e5f6`,
    ProductArn: `arn:aws:securityhub:${region}::product/aws/securityhub`,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: `security-control/${controlId}`,
    AwsAccountId: accountId,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    FirstObservedAt: NOW,
    LastObservedAt: NOW,
    CreatedAt: NOW,
    UpdatedAt: NOW,
    Severity: { Label: severity, Original: severity },
    Title: `${controlId} test control title`,
    Description: `Test description of control ${controlId}.`,
    Remediation: {
      Recommendation: {
        Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
        Url: `https://docs.aws.amazon.com/console/securityhub/${controlId}/remediation`,
      },
    },
    ProductFields: {
      RelatedAWSResources: '0/name',
      'aws/securityhub/ProductName': 'Security Hub',
      'aws/securityhub/CompanyName': 'AWS',
    },
    Resources: [resource],
    Compliance: {
      Status: options.status ?? 'FAILED',
      SecurityControlId: controlId,
      AssociatedStandards: [{ StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' }],
    },
    WorkflowState: 'NEW',
    Workflow: { Status: options.workflowStatus ?? 'NEW' },
    RecordState: 'ACTIVE',
    FindingProviderFields: {
      Severity: { Label: severity, Original: severity },
      Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    },
    ProcessedAt: NOW,
  };
}

export interface GuardDutyFindingOptions {
  /** GuardDuty finding type, e.g. `UnauthorizedAccess:EC2/SSHBruteForce`. */
  type?: string;
  accountId?: string;
  region?: string;
  severity?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
}

/**
 * A GuardDuty finding as Security Hub imports it (an incident, not a control finding).
 *
 * @example
 * ```ts
 * const finding = aGuardDutyFinding({ type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS', severity: 'HIGH' });
 * ```
 */
export function aGuardDutyFinding(options: GuardDutyFindingOptions = {}): AwsSecurityFinding {
  const type = options.type ?? 'UnauthorizedAccess:EC2/SSHBruteForce';
  const accountId = options.accountId ?? TEST_ACCOUNT_ID;
  const region = options.region ?? TEST_REGION;
  const severity = options.severity ?? 'MEDIUM';
  const normalized = { LOW: 20, MEDIUM: 50, HIGH: 70, CRITICAL: 90 }[severity];
  const detectorId = 'a2b3c4d5e6f70819a2b3c4d5e6f70819';
  const findingId = `c8c5${nextId()}e1f2a3b4c5d6e7f8a9b0c1d2`;
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:guardduty:${region}:${accountId}:detector/${detectorId}/finding/${findingId}`,
    ProductArn: `arn:aws:securityhub:${region}::product/aws/guardduty`,
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    Region: region,
    GeneratorId: `arn:aws:guardduty:${region}:${accountId}:detector/${detectorId}`,
    AwsAccountId: accountId,
    Types: [`TTPs/Initial Access/${type}`],
    FirstObservedAt: NOW,
    LastObservedAt: NOW,
    CreatedAt: NOW,
    UpdatedAt: NOW,
    Severity: { Label: severity, Normalized: normalized, Product: normalized / 10 },
    Title: `Test GuardDuty finding ${type}`,
    Description: 'A test GuardDuty finding.',
    ProductFields: {
      'aws/guardduty/service/action/actionType': 'NETWORK_CONNECTION',
      'aws/securityhub/ProductName': 'GuardDuty',
      'aws/securityhub/CompanyName': 'Amazon',
    },
    Resources: [
      {
        Type: 'AwsEc2Instance',
        Id: `arn:aws:ec2:${region}:${accountId}:instance/i-0abc1234def567890`,
        Partition: 'aws',
        Region: region,
        Details: {
          AwsEc2Instance: {
            Type: 't3.micro',
            ImageId: 'ami-0abcdef1234567890',
            VpcId: 'vpc-0123456789abcdef0',
            SubnetId: 'subnet-0123456789abcdef0',
            LaunchedAt: '2026-11-01T08:00:00.000Z',
          },
        },
      },
    ],
    WorkflowState: 'NEW',
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    FindingProviderFields: {
      Severity: { Label: severity, Normalized: normalized, Product: normalized / 10 },
      Types: [`TTPs/Initial Access/${type}`],
    },
  };
}

interface EnvelopeOptions {
  account?: string;
  region?: string;
  time?: string;
}

/**
 * Wraps findings in a "Security Hub Findings - Imported" EventBridge event.
 *
 * @example
 * ```ts
 * const event = aFindingsImportedEvent([aControlFinding()]);
 * ```
 */
export function aFindingsImportedEvent(
  findings: AwsSecurityFinding[] = [aControlFinding()],
  options: EnvelopeOptions = {},
): SecurityHubFindingsImportedEvent {
  return {
    version: '0',
    id: `e1d2c3b4-a5f6-4789-90ab-${nextId()}cdef`,
    'detail-type': 'Security Hub Findings - Imported',
    source: 'aws.securityhub',
    account: options.account ?? SECURITY_ACCOUNT_ID,
    time: options.time ?? NOW,
    region: options.region ?? TEST_REGION,
    resources: findings.map((f) => f.ProductArn),
    detail: { findings },
  };
}

/**
 * Wraps findings in a "Security Hub Findings - Custom Action" EventBridge event.
 *
 * @example
 * ```ts
 * const event = aCustomActionEvent([aControlFinding()], 'SendToSOAR');
 * ```
 */
export function aCustomActionEvent(
  findings: AwsSecurityFinding[] = [aControlFinding()],
  actionName = 'SendToSOAR',
  options: EnvelopeOptions = {},
): SecurityHubFindingsCustomActionEvent {
  const account = options.account ?? SECURITY_ACCOUNT_ID;
  const region = options.region ?? TEST_REGION;
  return {
    version: '0',
    id: `f1e2d3c4-b5a6-4987-80ab-${nextId()}cdef`,
    'detail-type': 'Security Hub Findings - Custom Action',
    source: 'aws.securityhub',
    account,
    time: options.time ?? NOW,
    region,
    resources: [`arn:aws:securityhub:${region}:${account}:action/custom/${actionName}`],
    detail: { actionName, actionDescription: 'Send the selected findings to SOAR', findings },
  };
}

export interface AlarmEventOptions {
  alarmName?: string;
  /** Kind of alarm: one metric, a metric-math expression, or a composite alarm. */
  kind?: 'metric' | 'metric-math' | 'composite';
  state?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  previousState?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  account?: string;
  region?: string;
  description?: string;
}

/** One metric of the payments function, as a metric query of an alarm's configuration. */
function lambdaMetricQuery(id: string, name: string, returnData: boolean) {
  return {
    id,
    metricStat: {
      metric: { namespace: 'AWS/Lambda', name, dimensions: { FunctionName: 'payments' } },
      period: 300,
      stat: 'Sum',
    },
    returnData,
  };
}

/**
 * A "CloudWatch Alarm State Change" EventBridge event, shaped as CloudWatch sends it.
 *
 * @example
 * ```ts
 * const event = anAlarmStateChangeEvent({ alarmName: 'INFRA-SOAR-ASFF-SM-Failure-HIGH' });
 * const composite = anAlarmStateChangeEvent({ kind: 'composite' });
 * ```
 */
export function anAlarmStateChangeEvent(options: AlarmEventOptions = {}): CloudWatchAlarmStateChangeEvent {
  const account = options.account ?? TEST_ACCOUNT_ID;
  const region = options.region ?? TEST_REGION;
  const kind = options.kind ?? 'metric';
  const alarmName = options.alarmName ?? 'INFRA-Payments-Lambda-Errors-HIGH';
  const value = options.state ?? 'ALARM';
  const previous = options.previousState ?? (value === 'ALARM' ? 'OK' : 'ALARM');
  const reason =
    kind === 'composite'
      ? 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:INFRA-Payments-Lambda-Errors-HIGH transitioned to ALARM'
      : 'Threshold Crossed: 1 out of the last 1 datapoints [3.0 (20/11/26 10:10:00)] was greater than or equal to the threshold (1.0).';
  const configuration =
    kind === 'composite'
      ? {
          alarmRule: `ALARM("INFRA-Payments-Lambda-Errors-HIGH") OR ALARM("INFRA-Payments-Lambda-Throttles-HIGH")`,
          actionsSuppressor: 'INFRA-Payments-Maintenance',
          actionsSuppressorWaitPeriod: 120,
          actionsSuppressorExtensionPeriod: 180,
          description: options.description ?? 'Payments service is failing.',
        }
      : kind === 'metric-math'
        ? {
            description: options.description ?? 'Error rate of the payments function above 5%.',
            metrics: [
              { id: 'e1', expression: 'm1 / m2 * 100', label: 'ErrorRate', returnData: true },
              lambdaMetricQuery('m1', 'Errors', false),
              lambdaMetricQuery('m2', 'Invocations', false),
            ],
          }
        : {
            description: options.description ?? 'Errors of the payments function.',
            metrics: [lambdaMetricQuery('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'Errors', true)],
          };
  return {
    version: '0',
    id: `c4c1c1c9-6542-e61b-6ef0-${nextId()}a1b2`,
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account,
    time: NOW,
    region,
    resources: [`arn:aws:cloudwatch:${region}:${account}:alarm:${alarmName}`],
    detail: {
      alarmName,
      state: { value, reason, timestamp: '2026-11-20T10:15:30.123+0000' },
      previousState: {
        value: previous,
        reason: 'Previous state.',
        timestamp: '2026-11-20T09:00:00.000+0000',
      },
      configuration,
    },
  };
}
