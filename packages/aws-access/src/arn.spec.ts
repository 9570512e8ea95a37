import { parseTargetFromArn, roleArn } from './arn';
import { InvalidTargetError, ValidationError } from './errors';
import { partitionOfRegion } from './partition';

describe('parseTargetFromArn', () => {
  it.each([
    [
      'aws',
      'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0',
      { partition: 'aws', service: 'ec2', region: 'eu-west-1', accountId: '111122223333' },
    ],
    [
      'aws-cn',
      'arn:aws-cn:ec2:cn-northwest-1:111122223333:instance/i-0123',
      { partition: 'aws-cn', service: 'ec2', region: 'cn-northwest-1', accountId: '111122223333' },
    ],
    [
      'aws-us-gov',
      'arn:aws-us-gov:lambda:us-gov-east-1:111122223333:function:remediate',
      { partition: 'aws-us-gov', service: 'lambda', region: 'us-gov-east-1', accountId: '111122223333' },
    ],
    [
      'global IAM (no region)',
      'arn:aws:iam::111122223333:role/service-role/my-role',
      { partition: 'aws', service: 'iam', region: undefined, accountId: '111122223333' },
    ],
    [
      'global S3 bucket (no region, no account)',
      'arn:aws:s3:::my-bucket',
      { partition: 'aws', service: 's3', region: undefined, accountId: undefined, resource: 'my-bucket' },
    ],
    [
      'GovCloud IAM',
      'arn:aws-us-gov:iam::111122223333:user/alice',
      { partition: 'aws-us-gov', service: 'iam', region: undefined, accountId: '111122223333' },
    ],
  ])('parses %s ARNs', (_, arn, expected) => {
    expect(parseTargetFromArn(arn)).toMatchObject(expected);
  });

  it('keeps colons and slashes of the resource part', () => {
    expect(
      parseTargetFromArn('arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn:*').resource,
    ).toBe('log-group:/aws/lambda/fn:*');
  });

  it.each([
    ['not an ARN', 'sg-0123', /is not an ARN/],
    ['too few parts', 'arn:aws:ec2:us-east-1:111122223333', /is not an ARN/],
    ['unknown partition', 'arn:aws-iso:ec2:us-iso-east-1:111122223333:vpc/vpc-1', /partition "aws-iso"/],
    ['bad account', 'arn:aws:ec2:us-east-1:12345:vpc/vpc-1', /account "12345"/],
    ['region of another partition', 'arn:aws:ec2:cn-north-1:111122223333:vpc/vpc-1', /not in partition aws/],
    ['garbage region', 'arn:aws:ec2:Virginia:111122223333:vpc/vpc-1', /where a region code belongs/],
    ['bad service', 'arn:aws:EC2:us-east-1:111122223333:vpc/vpc-1', /service namespace/],
    ['newline', 'arn:aws:ec2:us-east-1:111122223333:vpc/\nvpc-1', /is not an ARN/],
  ])('rejects %s with an InvalidTargetError on field "arn"', (_, arn, reason) => {
    let thrown: unknown;
    try {
      parseTargetFromArn(arn);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTargetError);
    expect(thrown).toMatchObject({ field: 'arn', value: arn });
    expect((thrown as InvalidTargetError).message).toMatch(reason);
  });
});

describe('roleArn', () => {
  it.each([
    ['aws', 'arn:aws:iam::111122223333:role/AWSControlTowerExecution'],
    ['aws-cn', 'arn:aws-cn:iam::111122223333:role/AWSControlTowerExecution'],
    ['aws-us-gov', 'arn:aws-us-gov:iam::111122223333:role/AWSControlTowerExecution'],
  ] as const)('builds the role ARN in %s', (partition, expected) => {
    expect(roleArn(partition, '111122223333', 'AWSControlTowerExecution')).toBe(expected);
  });

  it('accepts any valid IAM role name', () => {
    expect(roleArn('aws', '111122223333', 'OrganizationAccountAccessRole')).toBe(
      'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole',
    );
    expect(roleArn('aws', '111122223333', 'a+b=c,d.e@f_g-h')).toMatch(/role\/a\+b=c,d\.e@f_g-h$/);
  });

  it.each([
    ['partition', () => roleArn('aws-iso' as never, '111122223333', 'r'), InvalidTargetError],
    ['accountId', () => roleArn('aws', '11112222333', 'r'), InvalidTargetError],
    ['accountId', () => roleArn('aws', '11112222333a', 'r'), InvalidTargetError],
    ['roleName', () => roleArn('aws', '111122223333', ''), ValidationError],
    ['roleName', () => roleArn('aws', '111122223333', 'path/role'), ValidationError],
    ['roleName', () => roleArn('aws', '111122223333', 'r'.repeat(65)), ValidationError],
  ])('names the bad field %s', (field, call, type) => {
    expect(call).toThrow(type);
    expect(call).toThrow(expect.objectContaining({ field }));
  });
});

describe('partitionOfRegion', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['ap-southeast-5', 'aws'],
    ['il-central-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });

  it.each(['us-iso-east-1', 'eu-isoe-west-1', 'eusc-de-east-1', 'US-EAST-1', 'local', ''])(
    'rejects %j',
    (region) => {
      expect(() => partitionOfRegion(region)).toThrow(InvalidTargetError);
    },
  );
});
