import type { AwsSecurityFinding, Resource, SeverityLabel } from '@soar/asff-schema';
import type { Account } from '@soar/scratchpad';
import { aGuardDutyFinding, TEST_ACCOUNT_ID, TEST_REGION } from '@soar/testing';

/** The instance of every GuardDuty EC2 test finding. */
export const INSTANCE_ID = 'i-0abc1234def567890';

/** Label and normalized score, so the two agree. */
const NORMALIZED: Record<SeverityLabel, number> = {
  INFORMATIONAL: 0,
  LOW: 20,
  MEDIUM: 50,
  HIGH: 70,
  CRITICAL: 90,
};

/**
 * A GuardDuty finding of the given type (GuardDuty's spelling, `Backdoor:EC2/C&CActivity.B!DNS`),
 * written into `Types` as Security Hub does (`TTPs/…/Backdoor:EC2-C&CActivity.B!DNS`).
 */
export function guardDuty(
  type: string,
  severity: SeverityLabel = 'HIGH',
  resources?: readonly Resource[],
): AwsSecurityFinding {
  const base = aGuardDutyFinding();
  const entry = `TTPs/Initial Access/${type.replace('/', '-')}`;
  return {
    ...base,
    Types: [entry],
    Severity: { Label: severity, Normalized: NORMALIZED[severity] },
    ...(resources === undefined ? {} : { Resources: [...resources] }),
  };
}

/** A finding of any product, imported by that product into the test account. */
export function productFinding(
  product: string,
  productName: string,
  overrides: Partial<AwsSecurityFinding> = {},
): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `finding-${product}-${Math.random().toString(16).slice(2)}`,
    ProductArn: product.endsWith('/default')
      ? `arn:aws:securityhub:${TEST_REGION}:${TEST_ACCOUNT_ID}:product/${product}`
      : `arn:aws:securityhub:${TEST_REGION}::product/${product}`,
    Region: TEST_REGION,
    GeneratorId: `${product}-generator`,
    AwsAccountId: TEST_ACCOUNT_ID,
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    CreatedAt: '2026-12-01T08:00:00.000Z',
    UpdatedAt: '2026-12-01T08:00:00.000Z',
    Severity: { Label: 'HIGH', Normalized: 70 },
    Title: `A ${productName} finding`,
    Description: `A test ${productName} finding.`,
    ProductFields: { 'aws/securityhub/ProductName': productName, 'aws/securityhub/CompanyName': 'AWS' },
    Resources: [{ Type: 'Other', Id: 'resource-1', Region: TEST_REGION }],
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    ...overrides,
  };
}

/** An alarm finding as alarms-to-sechub imports it. */
export function alarmFinding(
  domain: string | undefined,
  severity: SeverityLabel = 'HIGH',
): AwsSecurityFinding {
  return productFinding(`${TEST_ACCOUNT_ID}/default`, 'Default', {
    GeneratorId: 'INFRA-Payments-Errors-HIGH',
    Types: ['Software and Configuration Checks/CloudWatch Alarms/soar-cloudwatch-alarms'],
    Severity: { Label: severity },
    ProductFields: {
      ...(domain === undefined ? {} : { IncidentDomain: domain }),
      TicketDestination: 'TEAM',
      'aws/securityhub/ProductName': 'Default',
      'soar/alarm/name': 'INFRA-Payments-Errors-HIGH',
    },
  });
}

/** The test account's metadata. */
export function anAccount(overrides: Partial<Account> = {}): Account {
  return {
    Id: TEST_ACCOUNT_ID,
    Name: 'payments-prod',
    Email: 'aws+payments@example.com',
    TeamEmail: 'infra@example.com',
    TeamEmailApp: 'devs@example.com',
    OrganizationalUnit: 'Workloads',
    OrganizationalUnitPath: ['Workloads'],
    Client: 'Unspecified',
    ProjectName: 'payments',
    Team: 'payments',
    Environment: 'DEV',
    ProjectId: 'PAY',
    ProjectIdApp: 'PAYAPP',
    Tags: {},
    AccountNew: false,
    ...overrides,
  };
}
