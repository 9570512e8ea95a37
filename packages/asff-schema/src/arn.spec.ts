import { AWS_PARTITIONS, parseArn } from './arn';

describe('Function: parseArn', () => {
  it('splits an ARN into its parts', () => {
    // Act
    const arn = parseArn('arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f67890');

    // Assert
    expect(arn).toStrictEqual({
      partition: 'aws',
      service: 'ec2',
      region: 'us-east-1',
      accountId: '111122223333',
      resource: 'security-group/sg-0a1b2c3d4e5f67890',
    });
  });

  it('keeps the colons of the resource part', () => {
    // Act
    const arn = parseArn(
      'arn:aws-us-gov:securityhub:us-gov-west-1::product/aws/guardduty/arn:aws-us-gov:guardduty:us-gov-west-1:111122223333:detector/x',
    );

    // Assert
    expect(arn).toMatchObject({
      partition: 'aws-us-gov',
      service: 'securityhub',
      region: 'us-gov-west-1',
      accountId: '',
      resource: 'product/aws/guardduty/arn:aws-us-gov:guardduty:us-gov-west-1:111122223333:detector/x',
    });
  });

  it.each([
    ['an S3 bucket', 'arn:aws:s3:::example-logs-111122223333', { region: '', accountId: '' }],
    ['an IAM user', 'arn:aws-cn:iam::111122223333:user/ci-deployer', { partition: 'aws-cn', region: '' }],
    ['an AWS managed policy', 'arn:aws:iam::aws:policy/AdministratorAccess', { accountId: 'aws' }],
    [
      'a Security Hub ruleset',
      'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.4',
      {},
    ],
    [
      'an ISO partition',
      'arn:aws-iso-b:ec2:us-isob-east-1:111122223333:vpc/vpc-1',
      { partition: 'aws-iso-b' },
    ],
  ])('parses %s', (_name, value, expected) => {
    // Act
    const arn = parseArn(value);

    // Assert
    expect(arn).toMatchObject(expected);
  });

  it.each([
    ['a resource id', 'sg-0a1b2c3d4e5f67890'],
    ['an empty string', ''],
    ['too few parts', 'arn:aws:ec2:us-east-1:111122223333'],
    ['an empty resource', 'arn:aws:ec2:us-east-1:111122223333:'],
    ['an unknown partition form', 'arn:azure:ec2:us-east-1:111122223333:vpc/vpc-1'],
    ['an upper-case prefix', 'ARN:aws:ec2:us-east-1:111122223333:vpc/vpc-1'],
  ])('returns undefined for %s', (_name, value) => {
    // Act
    const arn = parseArn(value);

    // Assert
    expect(arn).toBeUndefined();
  });

  it('returns undefined, without throwing, for a value that is not a string', () => {
    // Arrange
    const notAString = 42 as unknown as string;

    // Act
    const arn = parseArn(notAString);

    // Assert
    expect(arn).toBeUndefined();
  });

  it('accepts every known partition', () => {
    // Act
    const partitions = AWS_PARTITIONS.map((partition) => parseArn(`arn:${partition}:s3:::bucket`)?.partition);

    // Assert
    expect(partitions).toStrictEqual([...AWS_PARTITIONS]);
  });
});
