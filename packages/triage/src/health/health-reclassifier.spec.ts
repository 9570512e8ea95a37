import type { AwsSecurityFinding } from '@soar/asff-schema';

import {
  createLocalSecurityHub,
  type ImportFindingsResult,
  SecurityHubThrottlingError,
  type SecurityHubPort,
  type UpdateFindingsResult,
} from '@soar/security-hub';
import { planHealthReclassification, reclassifyHealthFinding } from './health-reclassifier';

/** An AWS Health notification finding as Security Hub imports it. */
function aHealthFinding(
  overrides: Partial<AwsSecurityFinding> = {},
  region = 'eu-west-1',
  partition = 'aws',
): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:${partition}:health:${region}:111122223333:event/EC2/AWS_EC2_OPERATIONAL_NOTIFICATION/AWS_EC2_OPERATIONAL_NOTIFICATION_a1b2c3`,
    ProductArn: `arn:${partition}:securityhub:${region}::product/aws/health`,
    ProductName: 'Health',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: 'AWS_EC2_OPERATIONAL_NOTIFICATION',
    AwsAccountId: '111122223333',
    Types: ['Software and Configuration Checks'],
    CreatedAt: '2026-11-20T10:00:00.000Z',
    UpdatedAt: '2026-11-20T10:00:00.000Z',
    Severity: { Label: 'MEDIUM', Normalized: 40 },
    Title: 'AWS Health - AWS_EC2_OPERATIONAL_NOTIFICATION',
    Description: 'Increased API error rates in one Availability Zone.',
    Resources: [
      {
        Type: 'Other',
        Id: `arn:${partition}:health:${region}::event/EC2/x`,
        Partition: partition,
        Region: region,
      },
    ],
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    ...overrides,
  };
}

const ENABLED = { enabled: true };

describe('Function: planHealthReclassification', () => {
  it.each([
    ['aws', 'eu-west-1'],
    ['aws-cn', 'cn-north-1'],
    ['aws-us-gov', 'us-gov-west-1'],
  ])(
    'reclassifies a notification in partition %s to INFORMATIONAL with Normalized 0, not the LOW score 1',
    (partition, region) => {
      // Arrange
      const finding = aHealthFinding({}, region, partition);

      // Act
      const plan = planHealthReclassification(finding, ENABLED);

      // Assert
      expect(plan).toEqual({
        reclassify: true,
        update: {
          finding: { Id: finding.Id, ProductArn: finding.ProductArn },
          accountId: '111122223333',
          region,
          changes: {
            severity: { label: 'INFORMATIONAL', normalized: 0 },
            note: { text: expect.stringContaining('from MEDIUM to INFORMATIONAL'), updatedBy: 'SOAR' },
          },
        },
      });
    },
  );

  it('reclassifies security notifications too', () => {
    const plan = planHealthReclassification(
      aHealthFinding({ GeneratorId: 'AWS_IAM_SECURITY_NOTIFICATION' }),
      ENABLED,
    );
    expect(plan.reclassify).toBe(true);
  });

  it.each<[string, Partial<AwsSecurityFinding>, { enabled: boolean }, string]>([
    ['the reclassifier is off', {}, { enabled: false }, 'disabled'],
    [
      'the severity is already INFORMATIONAL',
      { Severity: { Label: 'INFORMATIONAL' } },
      ENABLED,
      'already_informational',
    ],
    ['Normalized 0 without a label', { Severity: { Normalized: 0 } }, ENABLED, 'already_informational'],
    [
      'the product is not AWS Health',
      { ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/guardduty' },
      ENABLED,
      'not_health_product_arn',
    ],
    [
      'the ProductArn is not a Security Hub ARN',
      { ProductArn: 'arn:aws:health:eu-west-1::product/aws/health' },
      ENABLED,
      'not_health_product_arn',
    ],
    [
      'the ProductArn has an account',
      { ProductArn: 'arn:aws:securityhub:eu-west-1:111122223333:product/aws/health' },
      ENABLED,
      'not_health_product_arn',
    ],
    ['ProductName is not Health', { ProductName: 'Security Hub' }, ENABLED, 'not_health_product_name'],
    ['ProductName is missing', { ProductName: undefined }, ENABLED, 'not_health_product_name'],
    ['CompanyName is not AWS', { CompanyName: 'Amazon' }, ENABLED, 'not_aws_company'],
    [
      'Types has another type',
      { Types: ['Software and Configuration Checks/AWS Security Best Practices'] },
      ENABLED,
      'types_mismatch',
    ],
    [
      'Types has an extra type',
      { Types: ['Software and Configuration Checks', 'Effects'] },
      ENABLED,
      'types_mismatch',
    ],
    ['Types is empty', { Types: [] }, ENABLED, 'types_mismatch'],
    [
      'the generator is another kind of notification',
      { GeneratorId: 'AWS_EC2_MAINTENANCE_SCHEDULED_NOTIFICATION' },
      ENABLED,
      'not_a_notification',
    ],
    [
      'the generator is an issue',
      { GeneratorId: 'AWS_EC2_INSTANCE_STORE_DRIVE_PERFORMANCE_DEGRADED' },
      ENABLED,
      'not_a_notification',
    ],
  ])('leaves the finding alone when %s', (_case, overrides, config, reason) => {
    // Arrange
    const finding = aHealthFinding(overrides);

    // Act
    const plan = planHealthReclassification(finding, config);

    // Assert
    expect(plan).toMatchObject({ reclassify: false, reason });
  });

  it('uses the configured note author', () => {
    const plan = planHealthReclassification(aHealthFinding(), { enabled: true, updatedBy: 'Acme SOAR' });
    expect(plan.reclassify && plan.update.changes.note?.updatedBy).toBe('Acme SOAR');
  });
});

describe('Function: reclassifyHealthFinding', () => {
  it('rewrites the severity and asks to reconsider the finding later', async () => {
    // Arrange
    const finding = aHealthFinding();
    const hub = createLocalSecurityHub({ findings: [finding] });

    // Act
    const result = await reclassifyHealthFinding(finding, hub, ENABLED);

    // Assert
    expect(result).toEqual({ reconsiderLater: true, reclassified: true });
    expect(hub.finding(finding.Id)?.Severity).toMatchObject({ Label: 'INFORMATIONAL', Normalized: 0 });
  });

  it('does nothing and goes on when the plan says no', async () => {
    const hub = createLocalSecurityHub();
    const result = await reclassifyHealthFinding(aHealthFinding(), hub, { enabled: false });
    expect(result).toEqual({ reconsiderLater: false, reclassified: false, reason: 'disabled' });
    expect(hub.history()).toEqual([]);
  });

  it('keeps the finding with its severity and returns the throttling error instead of swallowing it', async () => {
    // Arrange
    const finding = aHealthFinding();
    const throttled = new SecurityHubThrottlingError(
      { operation: 'BatchUpdateFindings', accountId: '111122223333', region: 'eu-west-1' },
      'TooManyRequestsException',
      [finding.Id],
      new Error('Rate exceeded'),
    );
    const port: SecurityHubPort = {
      updateFindings: (): Promise<UpdateFindingsResult> => Promise.reject(throttled),
      importFindings: (): Promise<ImportFindingsResult> => Promise.reject(new Error('not used')),
    };

    // Act
    const result = await reclassifyHealthFinding(finding, port, ENABLED);

    // Assert
    expect(result).toEqual({
      reconsiderLater: false,
      reclassified: false,
      error: expect.objectContaining({
        name: 'SecurityHubThrottlingError',
        retryable: true,
        findingIds: [finding.Id],
      }),
    });
  });

  it('reports a finding Security Hub does not know as an error', async () => {
    const result = await reclassifyHealthFinding(aHealthFinding(), createLocalSecurityHub(), ENABLED);
    expect(result.error).toMatchObject({ name: 'FindingUpdateError', errorCodes: ['FindingNotFound'] });
  });
});
