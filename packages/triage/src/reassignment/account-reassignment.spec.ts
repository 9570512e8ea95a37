import type { AwsSecurityFinding } from '@soar/asff-schema';
import { aGuardDutyFinding, SECURITY_ACCOUNT_ID } from '@soar/testing';

import { createLocalSecurityHub } from '@soar/security-hub';
import { planReassignment, reassignFinding } from './account-reassignment';

const MEMBER = '111122223333';
const NOW = new Date('2026-11-21T08:30:00.000Z');
const CONFIG = { securityAccountId: SECURITY_ACCOUNT_ID };

/** An Access Analyzer-like finding raised in the security account about a member's resource. */
function aSecurityAccountFinding(
  overrides: Partial<AwsSecurityFinding> = {},
  region = 'eu-west-1',
): AwsSecurityFinding {
  const base = aGuardDutyFinding({ accountId: SECURITY_ACCOUNT_ID, region });
  return {
    ...base,
    Resources: [
      {
        Type: 'AwsIamRole',
        Id: `arn:aws:iam::${MEMBER}:role/shared-deploy-role`,
        Partition: 'aws',
        Region: region,
      },
    ],
    ...overrides,
  };
}

describe('Function: planReassignment', () => {
  it('reassigns to ProductFields.ResourceOwnerAccount when present', () => {
    // Arrange
    const finding = aSecurityAccountFinding({ ProductFields: { ResourceOwnerAccount: '444455556666' } });

    // Act
    const plan = planReassignment(finding, CONFIG, NOW);

    // Assert
    expect(plan).toMatchObject({ reassign: true, targetAccountId: '444455556666' });
  });

  it('reassigns to the account of Resources[0].Id when it is an ARN of another account', () => {
    const plan = planReassignment(aSecurityAccountFinding(), CONFIG, NOW);
    expect(plan).toMatchObject({ reassign: true, targetAccountId: MEMBER });
  });

  it('accepts resource ARNs of any partition and builds the product ARN in that partition', () => {
    // Arrange
    const finding = aSecurityAccountFinding({
      ProductArn: 'arn:aws-us-gov:securityhub:us-gov-west-1::product/aws/access-analyzer',
      Region: 'us-gov-west-1',
      Resources: [
        { Type: 'AwsIamRole', Id: `arn:aws-us-gov:iam::${MEMBER}:role/x`, Partition: 'aws-us-gov' },
      ],
    });

    // Act
    const plan = planReassignment(finding, CONFIG, NOW);

    // Assert
    expect(plan.reassign && plan.finding.ProductArn).toBe(
      `arn:aws-us-gov:securityhub:us-gov-west-1:${MEMBER}:product/${MEMBER}/default`,
    );
  });

  it.each<[string, Partial<AwsSecurityFinding>, string]>([
    [
      'ResourceOwnerAccount is the finding account',
      { ProductFields: { ResourceOwnerAccount: SECURITY_ACCOUNT_ID } },
      'same_account',
    ],
    [
      'ResourceOwnerAccount is not an account id',
      { ProductFields: { ResourceOwnerAccount: 'acme' } },
      'invalid_resource_owner',
    ],
    [
      'the resource ARN is in the finding account',
      { Resources: [{ Type: 'AwsIamRole', Id: `arn:aws:iam::${SECURITY_ACCOUNT_ID}:role/x` }] },
      'same_account',
    ],
    [
      'the resource id is not an ARN',
      { Resources: [{ Type: 'AwsEc2Instance', Id: 'i-0abc1234def567890' }] },
      'no_target_account',
    ],
    [
      'the resource ARN has no account (S3 bucket)',
      { Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::logs' }] },
      'no_target_account',
    ],
    [
      'the resource ARN names an AWS managed policy',
      { Resources: [{ Type: 'AwsIamPolicy', Id: 'arn:aws:iam::aws:policy/AdministratorAccess' }] },
      'no_target_account',
    ],
  ])('does not reassign when %s', (_case, overrides, reason) => {
    expect(planReassignment(aSecurityAccountFinding(overrides), CONFIG, NOW)).toMatchObject({
      reassign: false,
      reason,
    });
  });

  it('does not reassign findings of other accounts than the security account', () => {
    const finding = aSecurityAccountFinding({ AwsAccountId: '444455556666' });
    expect(planReassignment(finding, CONFIG, NOW)).toMatchObject({
      reassign: false,
      reason: 'not_security_account',
    });
  });

  it('builds the copy: deterministic id, default product of the target in the finding region, NEW, now', () => {
    // Arrange
    const finding = aSecurityAccountFinding({}, 'ap-southeast-2');

    // Act
    const plan = planReassignment(finding, CONFIG, NOW);

    // Assert
    expect(plan.reassign).toBe(true);
    if (!plan.reassign) return;
    expect(plan.region).toBe('ap-southeast-2');
    expect(plan.finding).toMatchObject({
      Id: `${finding.Id}-reassigned-${MEMBER}`,
      ProductArn: `arn:aws:securityhub:ap-southeast-2:${MEMBER}:product/${MEMBER}/default`,
      AwsAccountId: MEMBER,
      Region: 'ap-southeast-2',
      CreatedAt: NOW.toISOString(),
      UpdatedAt: NOW.toISOString(),
      RecordState: 'ACTIVE',
      Workflow: { Status: 'NEW' },
      Severity: finding.Severity,
      Title: finding.Title,
      Description: finding.Description,
      Resources: finding.Resources,
      Types: finding.Types,
      GeneratorId: finding.GeneratorId,
      ProductName: 'GuardDuty',
    });
  });

  it('gives the same copy id on every delivery of the same finding', () => {
    const finding = aSecurityAccountFinding();
    const first = planReassignment(finding, CONFIG, NOW);
    const again = planReassignment(finding, CONFIG, new Date('2026-11-22T00:00:00Z'));
    expect(first.reassign && first.finding.Id).toBe(again.reassign && again.finding.Id);
  });

  it('drops the ProductFields keys Security Hub reserves, keeps the others and links the original', () => {
    // Arrange
    const finding = aSecurityAccountFinding({
      ProductFields: {
        'aws/securityhub/ProductName': 'GuardDuty',
        'aws/guardduty/service/count': '3',
        'AWS/odd-case': 'x',
        ResourceOwnerAccount: MEMBER,
        detectorId: 'd-1',
      },
    });

    // Act
    const plan = planReassignment(finding, CONFIG, NOW);

    // Assert
    expect(plan.reassign && plan.finding.ProductFields).toEqual({
      'soar/ReassignedFrom/FindingId': finding.Id,
      'soar/ReassignedFrom/ProductArn': finding.ProductArn,
      'soar/ReassignedFrom/AccountId': SECURITY_ACCOUNT_ID,
      ResourceOwnerAccount: MEMBER,
      detectorId: 'd-1',
    });
  });

  it('keeps at most 50 ProductFields', () => {
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`key${index}`, 'v']));
    const plan = planReassignment(aSecurityAccountFinding({ ProductFields: many }), CONFIG, NOW);
    expect(Object.keys((plan.reassign && plan.finding.ProductFields) || {})).toHaveLength(50);
  });

  it('carries Compliance, Remediation and SourceUrl when present', () => {
    // Arrange
    const finding = aSecurityAccountFinding({
      Compliance: { Status: 'FAILED' },
      Remediation: { Recommendation: { Text: 'Restrict the role trust policy' } },
      SourceUrl: 'https://console.aws.amazon.com/access-analyzer',
    });

    // Act
    const plan = planReassignment(finding, CONFIG, NOW);

    // Assert
    expect(plan.reassign && plan.finding).toMatchObject({
      Compliance: finding.Compliance,
      Remediation: finding.Remediation,
      SourceUrl: finding.SourceUrl,
    });
  });
});

describe('Function: reassignFinding', () => {
  it('imports the copy into the member account in the finding region and asks to suppress the original', async () => {
    // Arrange
    const finding = aSecurityAccountFinding({}, 'us-east-2');
    const hub = createLocalSecurityHub({ findings: [finding] });

    // Act
    const result = await reassignFinding(finding, hub, { ...CONFIG, now: () => NOW });

    // Assert
    expect(result).toEqual({
      suppressOriginal: true,
      reassigned: true,
      targetAccountId: MEMBER,
      findingId: `${finding.Id}-reassigned-${MEMBER}`,
    });
    expect(hub.history()).toEqual([
      expect.objectContaining({
        operation: 'BatchImportFindings',
        accountId: MEMBER,
        region: 'us-east-2',
        created: true,
      }),
    ]);
  });

  it('updates the same copy when the finding is delivered twice', async () => {
    const finding = aSecurityAccountFinding();
    const hub = createLocalSecurityHub();
    await reassignFinding(finding, hub, CONFIG);
    await reassignFinding(finding, hub, CONFIG);
    expect(hub.findings()).toHaveLength(1);
  });

  it('does not drop the finding when the import fails: the original stays and the error is returned', async () => {
    // Arrange
    const finding = aSecurityAccountFinding();
    const hub = createLocalSecurityHub();
    jest.spyOn(hub, 'importFindings').mockRejectedValue(new Error('AccessDeniedException: not allowed'));

    // Act
    const result = await reassignFinding(finding, hub, CONFIG);

    // Assert
    expect(result).toEqual({
      suppressOriginal: false,
      reassigned: false,
      targetAccountId: MEMBER,
      error: expect.objectContaining({ message: 'AccessDeniedException: not allowed' }),
    });
  });

  it('leaves findings that need no reassignment alone', async () => {
    const hub = createLocalSecurityHub();
    const result = await reassignFinding(aGuardDutyFinding({ accountId: MEMBER }), hub, CONFIG);
    expect(result).toEqual({ suppressOriginal: false, reassigned: false, reason: 'not_security_account' });
  });
});
