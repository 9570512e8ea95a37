import type { AwsSecurityFinding } from '@soar/asff-schema';
import { createLocalSecurityHub, type SecurityHubPort } from '@soar/security-hub';
import type { ErrorReport } from '@soar/security-hub/aws';
import { aGuardDutyFinding, SECURITY_ACCOUNT_ID } from '@soar/testing';
import { reassignedFindingId } from '../reassignment/account-reassignment';
import { preprocessFinding, type PreprocessConfig } from './preprocess';

const MEMBER = '111122223333';
const NOW = new Date('2026-12-01T12:00:00.000Z');
const ON: PreprocessConfig = {
  reassignment: true,
  securityAccountId: SECURITY_ACCOUNT_ID,
  healthReclassification: true,
};

/** A GuardDuty finding of the security account about a member account's role. */
function aSecurityAccountFinding(): AwsSecurityFinding {
  const finding = aGuardDutyFinding({ accountId: SECURITY_ACCOUNT_ID, region: 'eu-west-1' });
  return {
    ...finding,
    Resources: [
      { Type: 'AwsIamRole', Id: `arn:aws:iam::${MEMBER}:role/deploy`, Partition: 'aws', Region: 'eu-west-1' },
    ],
  };
}

/** An AWS Health operational notification of a member account. */
function aHealthNotification(): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:health:eu-west-1:${MEMBER}:event/EC2/AWS_EC2_OPERATIONAL_NOTIFICATION/n1`,
    ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/health',
    ProductName: 'Health',
    CompanyName: 'AWS',
    Region: 'eu-west-1',
    GeneratorId: 'AWS_EC2_OPERATIONAL_NOTIFICATION',
    AwsAccountId: MEMBER,
    Types: ['Software and Configuration Checks'],
    CreatedAt: '2026-12-01T10:00:00.000Z',
    UpdatedAt: '2026-12-01T10:00:00.000Z',
    Severity: { Label: 'MEDIUM', Normalized: 40 },
    Title: 'AWS Health - AWS_EC2_OPERATIONAL_NOTIFICATION',
    Description: 'Increased API error rates in one Availability Zone.',
    Resources: [{ Type: 'Other', Id: 'arn:aws:health:eu-west-1::event/EC2/n1', Region: 'eu-west-1' }],
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
  };
}

function run(finding: AwsSecurityFinding, securityHub: SecurityHubPort, config: PreprocessConfig = ON) {
  const reported: { what: string; error: ErrorReport }[] = [];
  const outcome = preprocessFinding(finding, {
    securityHub,
    config,
    clock: () => NOW,
    reportFailure: (failure) => {
      reported.push(failure);
      return Promise.resolve();
    },
  });
  return { outcome, reported };
}

describe('Function: preprocessFinding', () => {
  it('imports the copy of a security-account finding into the owning account, then suppresses the original', async () => {
    // Arrange
    const original = aSecurityAccountFinding();
    const hub = createLocalSecurityHub({ findings: [original], now: () => NOW });

    // Act
    const { outcome, reported } = run(original, hub);

    // Assert
    const copyId = reassignedFindingId(original.Id, MEMBER);
    expect(await outcome).toEqual({
      kind: 'reassigned',
      detail: `Re-imported into account ${MEMBER}, which owns the resource, as ${copyId}; SOAR handles it there.`,
    });
    expect(hub.finding(copyId)).toMatchObject({ AwsAccountId: MEMBER, Workflow: { Status: 'NEW' } });
    expect(hub.finding(original.Id, original.ProductArn)?.Workflow?.Status).toBe('SUPPRESSED');
    expect(reported).toEqual([]);
  });

  it('reports a failed import and goes on with the original, unsuppressed', async () => {
    // Arrange
    const original = aSecurityAccountFinding();
    const update = jest.fn(() => Promise.resolve({ updated: [] }));
    const hub: SecurityHubPort = {
      updateFindings: update,
      importFindings: () => Promise.reject(new Error('AccessDenied: not allowed to import')),
    };

    // Act
    const { outcome, reported } = run(original, hub);

    // Assert
    expect(await outcome).toEqual({ kind: 'continue' });
    expect(reported).toEqual([
      {
        what: 'Account reassignment',
        error: expect.objectContaining({ message: expect.stringContaining('AccessDenied') }),
      },
    ]);
    expect(update).not.toHaveBeenCalled();
  });

  it('throws when the original cannot be suppressed after its copy was imported, so the event comes again', async () => {
    const hub: SecurityHubPort = {
      updateFindings: () => Promise.reject(new Error('ThrottlingException')),
      importFindings: (_target, findings) => Promise.resolve({ imported: findings.map((f) => f.Id) }),
    };

    await expect(run(aSecurityAccountFinding(), hub).outcome).rejects.toThrow('ThrottlingException');
  });

  it('lowers an AWS Health notification to INFORMATIONAL and stops: Security Hub sends it again', async () => {
    // Arrange
    const notification = aHealthNotification();
    const hub = createLocalSecurityHub({ findings: [notification], now: () => NOW });

    // Act
    const { outcome } = run(notification, hub);

    // Assert
    expect(await outcome).toMatchObject({ kind: 'reclassified' });
    expect(hub.finding(notification.Id)?.Severity?.Label).toBe('INFORMATIONAL');
  });

  it('reports a failed reclassification and goes on with the severity Health gave', async () => {
    const hub: SecurityHubPort = {
      updateFindings: () => Promise.reject(new Error('InternalException')),
      importFindings: () => Promise.resolve({ imported: [] }),
    };

    const { outcome, reported } = run(aHealthNotification(), hub);

    expect(await outcome).toEqual({ kind: 'continue' });
    expect(reported.map((failure) => failure.what)).toEqual(['AWS Health reclassification']);
  });

  it.each([
    ['reassignment off', { ...ON, reassignment: false }, aSecurityAccountFinding],
    ['no security account named', { ...ON, securityAccountId: undefined }, aSecurityAccountFinding],
    ['reclassification off', { ...ON, healthReclassification: false }, aHealthNotification],
    [
      'a finding of a member account that is no notification',
      ON,
      () => aGuardDutyFinding({ accountId: MEMBER }),
    ],
  ])('changes nothing with %s', async (_case, config, finding) => {
    const hub: SecurityHubPort = {
      updateFindings: jest.fn(() => Promise.resolve({ updated: [] })),
      importFindings: jest.fn(() => Promise.resolve({ imported: [] })),
    };

    const { outcome, reported } = run(finding(), hub, config);

    expect(await outcome).toEqual({ kind: 'continue' });
    expect(hub.updateFindings).not.toHaveBeenCalled();
    expect(hub.importFindings).not.toHaveBeenCalled();
    expect(reported).toEqual([]);
  });
});
