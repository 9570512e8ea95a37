import { arnIdPattern, resourceIdPattern } from '../../engine/resource-id';

/**
 * The ids Security Hub gives the EC2 resources the EC2 controls handle: partition-aware ARNs, the
 * resource's own id taken whole from the ARN's last part (never cut at a `/` by hand).
 */

const ACCOUNT = '111122223333';
const arn = (resource: string) => `arn:aws:ec2:eu-west-1:${ACCOUNT}:${resource}`;

/** `arn:<partition>:ec2:<region>:<account>:security-group/sg-<hex>` (an `AwsEc2SecurityGroup`). */
export const SECURITY_GROUP_ID = arnIdPattern({
  service: 'ec2',
  resource: 'security-group/(?<groupId>sg-[0-9a-f]{1,17})',
  resourceShape: 'security-group/sg-<hex>',
  parts: ['groupId'],
  examples: {
    valid: [arn('security-group/sg-0123456789abcdef0'), arn('security-group/sg-0a1b2c3d')],
    invalid: [
      'sg-0123456789abcdef0',
      arn('security-group/default'),
      arn('vpc/vpc-0123456789abcdef0'),
      `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0123456789abcdef0/extra`,
      `arn:aws:ec2:eu-west-1:12345:security-group/sg-0123456789abcdef0`,
    ],
  },
});

/** `arn:<partition>:ec2:<region>:<account>:instance/i-<hex>` (an `AwsEc2Instance`). */
export const INSTANCE_ID = arnIdPattern({
  service: 'ec2',
  resource: 'instance/(?<instanceId>i-[0-9a-f]{1,17})',
  resourceShape: 'instance/i-<hex>',
  parts: ['instanceId'],
  examples: {
    valid: [arn('instance/i-0123456789abcdef0'), arn('instance/i-0a1b2c3d')],
    invalid: [
      'i-0123456789abcdef0',
      arn('instance/sg-0123456789abcdef0'),
      arn('volume/vol-0123456789abcdef0'),
    ],
  },
});

/** `arn:<partition>:ec2:<region>:<account>:vpc/vpc-<hex>` (an `AwsEc2Vpc`). */
export const VPC_ID = arnIdPattern({
  service: 'ec2',
  resource: 'vpc/(?<vpcId>vpc-[0-9a-f]{1,17})',
  resourceShape: 'vpc/vpc-<hex>',
  parts: ['vpcId'],
  examples: {
    valid: [arn('vpc/vpc-0123456789abcdef0')],
    invalid: ['vpc-0123456789abcdef0', arn('subnet/subnet-0123456789abcdef0'), arn('vpc/vpc-XYZ')],
  },
});

/** `arn:<partition>:ec2:<region>:<account>:subnet/subnet-<hex>` (an `AwsEc2Subnet`). */
export const SUBNET_ID = arnIdPattern({
  service: 'ec2',
  resource: 'subnet/(?<subnetId>subnet-[0-9a-f]{1,17})',
  resourceShape: 'subnet/subnet-<hex>',
  parts: ['subnetId'],
  examples: {
    valid: [arn('subnet/subnet-0123456789abcdef0')],
    invalid: ['subnet-0123456789abcdef0', arn('vpc/vpc-0123456789abcdef0'), arn('subnet/subnet-')],
  },
});

/**
 * `arn:<partition>:ec2:<region>:<account>:eip-allocation/eipalloc-<hex>` (an `AwsEc2Eip`; some
 * findings write `elastic-ip/` for `eip-allocation/`).
 */
export const EIP_ID = arnIdPattern({
  service: 'ec2',
  resource: '(?:eip-allocation|elastic-ip)/(?<allocationId>eipalloc-[0-9a-f]{1,17})',
  resourceShape: 'eip-allocation/eipalloc-<hex>',
  parts: ['allocationId'],
  examples: {
    valid: [arn('eip-allocation/eipalloc-0123456789abcdef0'), arn('elastic-ip/eipalloc-0123456789abcdef0')],
    invalid: [
      'eipalloc-0123456789abcdef0',
      arn('eip-allocation/203.0.113.7'),
      arn('instance/i-0123456789abcdef0'),
    ],
  },
});

/** `AWS::::Account:<account>`: the id of an `AwsAccount` resource (account-level controls). */
export const ACCOUNT_ID = resourceIdPattern({
  pattern: /^AWS::::Account:(?<account>\d{12})$/,
  shape: 'AWS::::Account:<12-digit account id>',
  parts: ['account'],
  examples: {
    valid: [`AWS::::Account:${ACCOUNT}`],
    invalid: [ACCOUNT, 'AWS::::Account:1234', `arn:aws:iam::${ACCOUNT}:root`],
  },
});
