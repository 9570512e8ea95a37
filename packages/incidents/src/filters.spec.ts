import { TEST_ACCOUNT_ID } from '@soar/testing';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { guardDuty, productFinding } from '../tests/findings';
import { classifyIncident } from './classify';
import { IncidentsConfigSchema } from './config';
import { MACIE_SHARED_EXTERNALLY, productFilter } from './filters';

/** The filter a finding falls under with a configuration as written (`as const` tables give readonly lists). */
function filterOf(finding: AwsSecurityFinding, config: unknown = {}) {
  return productFilter(finding, classifyIncident(finding), IncidentsConfigSchema.parse(config))?.reason;
}

const analyzer = (Title: string, Description = 'A finding of IAM Access Analyzer.') =>
  productFinding('aws/access-analyzer', 'IAM Access Analyzer', {
    GeneratorId: 'aws/access-analyzer',
    Title,
    Description,
  });

const healthNotification = (): AwsSecurityFinding =>
  productFinding('aws/health', 'Health', {
    ProductName: 'Health',
    CompanyName: 'AWS',
    Types: ['Software and Configuration Checks'],
    GeneratorId: 'AWS_EC2_OPERATIONAL_NOTIFICATION',
    Severity: { Label: 'MEDIUM' },
  });

describe('Function: productFilter', () => {
  it.each([
    // name, finding, config, reason
    [
      'a control finding',
      productFinding('aws/securityhub', 'Security Hub', { Compliance: { SecurityControlId: 'EC2.2' } }),
      {},
      'control_finding',
    ],
    ['Inspector (ignored by default)', productFinding('aws/inspector', 'Inspector'), {}, 'ignored_product'],
    [
      'Patch Manager (ignored by default)',
      productFinding('aws/ssm-patch-manager', 'Systems Manager Patch Manager'),
      {},
      'ignored_product',
    ],
    [
      'Inspector when not ignored',
      productFinding('aws/inspector', 'Inspector'),
      { ignoredProducts: ['cis-alarms'] },
      undefined,
    ],
    [
      'an ignored product in another case, with spaces',
      productFinding('aws/macie', 'Macie'),
      { ignoredProducts: ' macie , Inspector' },
      'ignored_product',
    ],
    [
      'a CIS alarm',
      productFinding(`${TEST_ACCOUNT_ID}/default`, 'Default', { GeneratorId: 'CIS-3.1-Unauthorized' }),
      {},
      'cis_alarm',
    ],
    [
      'a CIS alarm when cis-alarms is not ignored',
      productFinding(`${TEST_ACCOUNT_ID}/default`, 'Default', { GeneratorId: 'CIS-3.1-Unauthorized' }),
      { ignoredProducts: [] },
      undefined,
    ],
    [
      'a Health notification while the reclassifier runs',
      healthNotification(),
      { healthReclassification: true },
      'health_awaiting_reclassification',
    ],
    ['a Health notification without the reclassifier', healthNotification(), {}, undefined],
    [
      'a reclassified Health notification',
      { ...healthNotification(), Severity: { Label: 'INFORMATIONAL' as const } },
      { healthReclassification: true },
      undefined,
    ],
    [
      'an SSO role shared across accounts',
      analyzer('AwsIamRole/AWSReservedSSO_Admin_1234 allows cross-account access'),
      {},
      'access_analyzer_sso_role',
    ],
    [
      'an S3 bucket shared across accounts',
      analyzer('AwsS3Bucket/payments-data allows cross-account access'),
      {},
      'access_analyzer_s3_bucket',
    ],
    [
      'a federated role',
      analyzer(
        'AwsIamRole/github-deploy allows cross-account access',
        'Federated access from token.actions.githubusercontent.com',
      ),
      {},
      'access_analyzer_federated_role',
    ],
    [
      'a role shared with another account',
      analyzer('AwsIamRole/github-deploy allows cross-account access'),
      {},
      undefined,
    ],
    [
      'a KMS key shared across accounts',
      analyzer('AwsKmsKey/1234abcd allows cross-account access'),
      {},
      'access_analyzer_kms_key',
    ],
    [
      'an ECR repository shared across accounts',
      analyzer('Other/arn:aws:ecr:eu-west-1:111122223333:repository/app allows cross-account access'),
      {},
      'access_analyzer_ecr',
    ],
    [
      'a public KMS key',
      analyzer('AwsKmsKey/1234abcd allows public access'),
      {},
      'access_analyzer_public_kms_key',
    ],
    ['a public S3 bucket', analyzer('AwsS3Bucket/payments-data allows public access'), {}, undefined],
    [
      'a disabled filter',
      analyzer('AwsS3Bucket/payments-data allows cross-account access'),
      { disabledFilters: ['access_analyzer_s3_bucket'] },
      undefined,
    ],
    [
      'the Macie shared-externally finding',
      productFinding('aws/macie', 'Macie', { Types: [MACIE_SHARED_EXTERNALLY] }),
      {},
      'macie_bucket_shared_externally',
    ],
    ['another Macie finding', productFinding('aws/macie', 'Macie'), {}, undefined],
    ['a GuardDuty finding', guardDuty('Backdoor:EC2/C&CActivity.B!DNS'), {}, undefined],
  ] as const)('%s', (_name, finding, config, reason) => {
    expect(filterOf(finding, config)).toBe(reason);
  });

  it('says in words why a finding was filtered', () => {
    const finding = productFinding('aws/inspector', 'Inspector');
    expect(
      productFilter(finding, classifyIncident(finding), IncidentsConfigSchema.parse({}))?.detail,
    ).toContain('Inspector');
  });
});
