import type { AwsAccess } from '@soar/aws-access';
import { isReadOnlyAction, readOnlyAccess } from './read-only-access';

describe('Function: readOnlyAccess', () => {
  it('keeps only the read actions of a scope and names the session for planning', () => {
    // Arrange: a factory that records the scopes it is asked for
    const scopes: unknown[] = [];
    const access: Pick<AwsAccess, 'client'> = {
      client: (_Client, _target, scope) => {
        scopes.push(scope);
        return {} as never;
      },
    };

    // Act
    readOnlyAccess(access).client(
      class {},
      { accountId: '111122223333' },
      {
        purpose: 'remediate-EC2.13',
        actions: [
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSecurityGroupRules',
          'ec2:RevokeSecurityGroupIngress',
        ],
      },
    );
    readOnlyAccess(access).client(class {}, { accountId: '111122223333' }, { purpose: 'remediate-EC2.7' });

    // Assert
    expect(scopes).toEqual([
      { purpose: 'plan-EC2.13', actions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules'] },
      // A scope without actions would get the whole role: it gets one harmless read instead.
      { purpose: 'plan-EC2.7', actions: ['sts:GetCallerIdentity'] },
    ]);
  });

  it('keeps only the read actions of each statement, on its own resources, and drops a statement left empty', () => {
    // Arrange: a remediation session whose policy names the group it may change
    const scopes: unknown[] = [];
    const access: Pick<AwsAccess, 'client'> = {
      client: (_Client, _target, scope) => {
        scopes.push(scope);
        return {} as never;
      },
    };
    const group = 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0';

    // Act
    readOnlyAccess(access).client(
      class {},
      { accountId: '111122223333' },
      {
        purpose: 'remediate-EC2.13',
        statements: [
          { actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] },
          { actions: ['ec2:RevokeSecurityGroupIngress'], resources: [group] },
        ],
      },
    );
    readOnlyAccess(access).client(
      class {},
      { accountId: '111122223333' },
      {
        purpose: 'remediate-EC2.7',
        statements: [{ actions: ['ec2:EnableEbsEncryptionByDefault'], resources: ['*'] }],
      },
    );

    // Assert: nothing that changes a resource survives
    expect(scopes).toEqual([
      { purpose: 'plan-EC2.13', statements: [{ actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] }] },
      { purpose: 'plan-EC2.7', statements: [{ actions: ['sts:GetCallerIdentity'], resources: ['*'] }] },
    ]);
  });

  it.each([
    ['ec2:DescribeSecurityGroups', true],
    ['s3:GetBucketPublicAccessBlock', true],
    ['kms:ListResourceTags', true],
    ['s3:HeadBucket', true],
    ['ec2:RevokeSecurityGroupIngress', false],
    ['s3:PutBucketPublicAccessBlock', false],
    ['ec2:Describe*', false],
  ])('%s only reads: %s', (action, expected) => {
    expect(isReadOnlyAction(action)).toBe(expected);
  });
});
