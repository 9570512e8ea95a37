import { aControlFinding } from '@soar/testing';
import { createScratchpad } from '@soar/scratchpad';
import { ResourceIdError } from '../errors';
import { ec2_2 } from '../controls/ec2/ec2-2';
import { registerControl } from './control';
import { Registry } from './registry';
import { arnIdPattern, resourceIdPattern } from './resource-id';
import { remediate } from './runner';

const SERVICE = arnIdPattern({
  service: 'ecs',
  resource: 'service/(?:(?<cluster>[a-z]+)/)?(?<service>[a-z]+)',
  resourceShape: 'service/<cluster>/<service>',
  parts: ['service'],
  optionalParts: ['cluster'],
  examples: { valid: ['arn:aws:ecs:eu-west-1:111122223333:service/orders/api'], invalid: ['api'] },
});

describe('Function: arnIdPattern', () => {
  it.each([
    ['arn:aws:ecs:eu-west-1:111122223333:service/orders/api', { cluster: 'orders', service: 'api' }],
    ['arn:aws-cn:ecs:cn-north-1:111122223333:service/orders/api', { cluster: 'orders', service: 'api' }],
    ['arn:aws-us-gov:ecs:us-gov-west-1:111122223333:service/api', { service: 'api' }],
    ['arn:aws-iso:ecs:us-iso-east-1:111122223333:service/api', undefined],
    ['arn:aws:ecs:eu-west-1:1111:service/api', undefined],
    ['arn:aws:ecs::111122223333:service/api', undefined],
    ['arn:aws:ecs:eu-west-1:111122223333:service/api/x/y', undefined],
    [' arn:aws:ecs:eu-west-1:111122223333:service/api', undefined],
  ])('matches %s as %j', (id, parts) => {
    expect(SERVICE.match(id)).toEqual(parts);
  });

  it('writes the shape for humans, partition, region and account as placeholders', () => {
    expect(SERVICE.shape).toBe('arn:<partition>:ecs:<region>:<account>:service/<cluster>/<service>');
  });

  it('builds global (no region) and region-less, account-less ARNs', () => {
    const user = arnIdPattern({
      service: 'iam',
      scope: 'global',
      resource: 'user/(?<name>[a-z]+)',
      resourceShape: 'user/<name>',
      parts: ['name', 'account'],
      examples: { valid: [], invalid: [] },
    });
    const bucket = arnIdPattern({
      service: 's3',
      scope: 'none',
      resource: '(?<bucket>[a-z]+)',
      resourceShape: '<bucket>',
      parts: ['bucket'],
      examples: { valid: [], invalid: [] },
    });
    expect(user.match('arn:aws:iam::111122223333:user/ops')).toEqual({
      name: 'ops',
      account: '111122223333',
    });
    expect(user.match('arn:aws:iam:eu-west-1:111122223333:user/ops')).toBeUndefined();
    expect(bucket.match('arn:aws-us-gov:s3:::logs')).toEqual({ bucket: 'logs' });
    expect(bucket.shape).toBe('arn:<partition>:s3:::<bucket>');
  });
});

describe('Function: resourceIdPattern', () => {
  const ACCOUNT = resourceIdPattern({
    pattern: /^AWS::::Account:(?<account>\d{12})$/,
    shape: 'AWS::::Account:<account>',
    parts: ['account'],
    examples: { valid: [], invalid: [] },
  });

  it('gives the parts of a matching id', () => {
    expect(ACCOUNT.partsOf('AWS::::Account:111122223333')).toEqual({ account: '111122223333' });
  });

  it('throws a ResourceIdError naming the id and the shape for another id', () => {
    expect(() => ACCOUNT.partsOf('111122223333')).toThrow(ResourceIdError);
    expect(() => ACCOUNT.partsOf('111122223333')).toThrow(
      'The resource id 111122223333 is not of the shape AWS::::Account:<account>.',
    );
  });

  it('does not match when a required part is missing from the match', () => {
    const broken = resourceIdPattern({
      pattern: /^x-(?<id>\d*)$/,
      shape: 'x-<digits>',
      parts: ['id'],
      examples: { valid: [], invalid: [] },
    });
    expect(broken.match('x-')).toBeUndefined();
    expect(broken.match('x-1')).toEqual({ id: '1' });
  });
});

describe('Function: remediate with a resource id of another shape', () => {
  it('refuses before anything is read, naming the id and the expected shape: a ticket, never a suppression', async () => {
    // Arrange: an EC2.2 finding whose security group id is not a security group ARN
    const finding = aControlFinding({ controlId: 'EC2.2' });
    const [first] = finding.Resources;
    if (first === undefined) throw new Error('the finding builder gives one resource');
    const badId = 'arn:aws:ec2:eu-west-1:111122223333:security-group/default';
    const pad = createScratchpad({ ...finding, Resources: [{ ...first, Id: badId }] });
    const client = jest.fn(() => {
      throw new Error('no client: nothing is read');
    });

    // Act
    const { result, scratchpad } = await remediate(pad, {
      access: { client },
      registry: new Registry([registerControl(ec2_2)]),
    });

    // Assert
    expect(client).not.toHaveBeenCalled();
    expect(result).toEqual({
      kind: 'not_done',
      controlId: 'EC2.2',
      reason: expect.stringContaining(badId),
    });
    expect(result.kind === 'not_done' ? result.reason : '').toContain(
      'arn:<partition>:ec2:<region>:<account>:security-group/sg-<hex>',
    );
    expect(scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: true,
      reconsider_later: false,
    });
  });
});
