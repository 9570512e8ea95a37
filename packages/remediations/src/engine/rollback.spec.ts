import type { AwsAccess } from '@soar/aws-access';
import { aControlFinding } from '@soar/testing';
import * as z from 'zod';
import { defineControl, registerControl, type ControlContext, type ReadResult } from './control';
import { regionalArn } from './permissions';
import { Registry } from './registry';
import {
  planRollback,
  rollback,
  RollbackRecordSchema,
  type RollbackOptions,
  type RollbackRecord,
} from './rollback';
import { SECURITY_GROUP_ID } from '../controls/ec2/resource-ids';

const FakeStateSchema = z.strictObject({
  groupId: z.string(),
  /** What the fix turned on: on means SOAR's change is in place. */
  on: z.boolean(),
  /** Someone changed the resource since the fix. */
  movedOn: z.boolean().optional(),
});
type FakeState = z.infer<typeof FakeStateSchema>;

const GROUP = 'sg-0123456789abcdef0';
const RESOURCE = {
  Type: 'AwsEc2SecurityGroup',
  Id: `arn:aws:ec2:eu-west-1:111122223333:security-group/${GROUP}`,
  Partition: 'aws',
  Region: 'eu-west-1',
};
const BEFORE_IMAGE = { groupId: GROUP, wasOn: false };

const awsError = (name: string) => Object.assign(new Error(`${name} happened`), { name });
const found = (on: boolean, movedOn = false): ReadResult<FakeState> => ({
  kind: 'found',
  state: { groupId: GROUP, on, movedOn },
});

/** A reversible control whose reads and undo are scripted: each read takes the next answer. */
function fakeControl(
  reads: Array<ReadResult<FakeState> | Error>,
  options: { readonly applyError?: Error; readonly onRead?: (context: ControlContext) => void } = {},
) {
  const undone: string[][] = [];
  const control = defineControl<FakeState, null, z.infer<typeof BeforeImageSchema>, { groupId: string }>({
    controlId: 'EC2.2',
    title: 'test control',
    fix: 'turns it on',
    resourceIds: { AwsEc2SecurityGroup: SECURITY_GROUP_ID },
    iamActions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress'],
    permissions: (context) => [
      { actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] },
      {
        actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
        resources: [regionalArn(context, 'ec2', 'security-group/sg-0123456789abcdef0')],
      },
    ],
    destructive: false,
    reversible: true,
    stateSchema: FakeStateSchema,
    async read(context) {
      options.onRead?.(context);
      const next = reads.length > 1 ? reads.shift() : reads[0];
      if (next === undefined) throw new Error('no scripted read');
      if (next instanceof Error) throw next;
      return next;
    },
    plan: () => ({ kind: 'compliant', reason: 'ok' }),
    apply: async () => undefined,
    rollback: {
      readActions: ['ec2:DescribeSecurityGroups'],
      iamActions: ['ec2:AuthorizeSecurityGroupIngress'],
      beforeImage: BeforeImageSchema,
      plan(before, state) {
        if (before.groupId !== state.groupId) return { kind: 'refuse', reason: 'another group' };
        if (state.movedOn === true) return { kind: 'refuse', reason: 'Someone changed it since the fix.' };
        if (!state.on) return { kind: 'already_as_before', reason: 'It is off, as before.' };
        return {
          kind: 'changes',
          changes: [
            {
              action: 'ec2:AuthorizeSecurityGroupIngress',
              description: `Turned it back off on ${state.groupId}.`,
              params: { groupId: state.groupId },
            },
          ],
          actionsRequired: 'The check fails again.',
        };
      },
      async apply(changes) {
        if (options.applyError) throw options.applyError;
        undone.push(changes.map((c) => c.params.groupId));
      },
    },
  });
  return { control: registerControl(control), undone };
}

const BeforeImageSchema = z.object({ groupId: z.string().startsWith('sg-'), wasOn: z.literal(false) });

function accessRecording() {
  const calls: unknown[][] = [];
  const access = { client: (...args: unknown[]) => (calls.push(args), {}) } as unknown as Pick<
    AwsAccess,
    'client'
  >;
  return { access, calls };
}

function options(control: ReturnType<typeof fakeControl>['control'], extra: Partial<RollbackOptions> = {}) {
  return {
    access: accessRecording().access,
    registry: new Registry([control]),
    sleep: async () => undefined,
    ...extra,
  } satisfies RollbackOptions;
}

const finding = aControlFinding({
  controlId: 'EC2.2',
  accountId: '111122223333',
  region: 'eu-west-1',
  resource: RESOURCE,
});
const record = (overrides: Record<string, unknown> = {}): RollbackRecord => ({
  controlId: 'EC2.2',
  finding,
  beforeImage: BEFORE_IMAGE,
  ...overrides,
});

describe('Function: rollback', () => {
  it('reads, plans, undoes and verifies, and says what it undid', async () => {
    // Arrange: SOAR's change is in place, and gone after the undo
    const { control, undone } = fakeControl([found(true), found(false)]);

    // Act
    const result = await rollback(record(), options(control));

    // Assert
    expect(result).toEqual({
      kind: 'rolled_back',
      controlId: 'EC2.2',
      resourceId: RESOURCE.Id,
      changes: [`Turned it back off on ${GROUP}.`],
      actionsRequired: 'The check fails again.',
    });
    expect(undone).toEqual([[GROUP]]);
  });

  it('changes nothing when the resource is already as before the fix', async () => {
    // Arrange
    const { control, undone } = fakeControl([found(false)]);

    // Act
    const result = await rollback(record(), options(control));

    // Assert
    expect(result).toEqual({
      kind: 'already_as_before',
      controlId: 'EC2.2',
      resourceId: RESOURCE.Id,
      reason: 'It is off, as before.',
    });
    expect(undone).toEqual([]);
  });

  it('refuses with the reason when the resource moved on since the fix, and changes nothing', async () => {
    // Arrange
    const { control, undone } = fakeControl([found(true, true)]);

    // Act
    const result = await rollback(record(), options(control));

    // Assert
    expect(result).toEqual({
      kind: 'not_done',
      controlId: 'EC2.2',
      resourceId: RESOURCE.Id,
      reason: 'Someone changed it since the fix.',
    });
    expect(undone).toEqual([]);
  });

  it('acts through a session limited to the read and rollback actions, named rollback-<controlId>', async () => {
    // Arrange
    const recording = accessRecording();
    const { control } = fakeControl([found(false)], { onRead: (context) => context.client(class {}) });

    // Act
    await rollback(record(), { ...options(control), access: recording.access });

    // Assert
    expect(recording.calls[0]?.slice(1)).toEqual([
      { accountId: '111122223333', region: 'eu-west-1', partition: 'aws' },
      {
        purpose: 'rollback-EC2.2',
        // The fix's own change (RevokeSecurityGroupIngress) is not allowed in the rollback session.
        statements: [
          { actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] },
          {
            actions: ['ec2:AuthorizeSecurityGroupIngress'],
            resources: ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0'],
          },
        ],
      },
    ]);
  });

  it.each([
    ['no control id', { controlId: undefined }, 'controlId'],
    ['a finding without resources', { finding: { ...finding, Resources: [] } }, 'finding.Resources'],
    ['neither a finding nor a resource', { finding: undefined }, 'finding'],
  ])(
    'tickets a rollback record with %s, naming the field, without reading anything',
    async (_name, overrides, field) => {
      // Arrange
      const { control } = fakeControl([new Error('read must not run')]);
      const recording = accessRecording();

      // Act
      const result = await rollback(record(overrides), { ...options(control), access: recording.access });

      // Assert
      expect(result).toMatchObject({
        kind: 'not_done',
        reason: expect.stringContaining(`(${field})`),
        error: expect.stringMatching(/^RollbackRecordError: Invalid rollback record: /),
      });
      expect(recording.calls).toEqual([]);
    },
  );

  it.each([
    ['not an object', 'sg-1', 'the before-image itself'],
    ['missing', undefined, 'the before-image itself'],
    ['with a bad field', { groupId: 'vpc-1', wasOn: false }, 'groupId'],
    ['with a wrong value', { groupId: GROUP, wasOn: true }, 'wasOn'],
  ])(
    'tickets a before-image %s, naming the field, without reading anything',
    async (_name, beforeImage, field) => {
      // Arrange
      const { control } = fakeControl([new Error('read must not run')]);
      const recording = accessRecording();

      // Act
      const result = await rollback(record({ beforeImage }), {
        ...options(control),
        access: recording.access,
      });

      // Assert
      expect(result).toMatchObject({
        kind: 'not_done',
        controlId: 'EC2.2',
        resourceId: RESOURCE.Id,
        reason: expect.stringContaining(`(${field})`),
        error: expect.stringMatching(/^BeforeImageError: The before-image for EC2\.2 cannot be used/),
      });
      expect(recording.calls).toEqual([]);
    },
  );

  it('tickets a control SOAR does not know, one without rollback, and a finding of another control', async () => {
    // Arrange
    const { control } = fakeControl([found(true)]);
    const irreversible = registerControl(
      defineControl<FakeState, null>({
        controlId: 'EC2.4',
        title: 'an irreversible control',
        fix: 'deletes it',
        resourceIds: { AwsEc2SecurityGroup: SECURITY_GROUP_ID },
        iamActions: ['ec2:DescribeSecurityGroups'],
        permissions: () => [{ actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] }],
        destructive: true,
        reversible: false,
        stateSchema: FakeStateSchema,
        read: async () => found(true),
        plan: () => ({ kind: 'compliant', reason: 'ok' }),
        apply: async () => undefined,
      }),
    );
    const registry = new Registry([control, irreversible]);

    // Act
    const unknown = await rollback(record({ controlId: 'IAM.1' }), { ...options(control), registry });
    const noRollback = await rollback(record({ controlId: 'EC2.4' }), { ...options(control), registry });
    const otherFinding = await rollback(
      record({ finding: aControlFinding({ controlId: 'EC2.13', resource: RESOURCE }) }),
      { ...options(control), registry },
    );

    // Assert
    expect(unknown).toEqual({
      kind: 'not_done',
      controlId: 'IAM.1',
      reason: 'SOAR has no remediation for IAM.1, so it has nothing to roll back.',
    });
    expect(noRollback).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('cannot be undone'),
    });
    expect(otherFinding).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('is for EC2.13'),
    });
  });

  it('picks the resource of a finding with several by resourceId, and asks for it when missing', async () => {
    // Arrange
    const other = { ...RESOURCE, Id: RESOURCE.Id.replace(GROUP, 'sg-0fedcba9876543210') };
    const several = { ...finding, Resources: [other, RESOURCE] };
    const { control } = fakeControl([found(false)]);

    // Act
    const chosen = await rollback(record({ finding: several, resourceId: RESOURCE.Id }), options(control));
    const unsaid = await rollback(record({ finding: several }), options(control));
    const absent = await rollback(record({ finding: several, resourceId: 'sg-0000' }), options(control));

    // Assert
    expect(chosen).toMatchObject({ kind: 'already_as_before', resourceId: RESOURCE.Id });
    expect(unsaid).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('say which one') });
    expect(absent).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('no resource sg-0000'),
    });
  });

  it('rolls back from a record naming the resource, account and region instead of a finding', async () => {
    // Arrange
    const recording = accessRecording();
    const { control } = fakeControl([found(true), found(false)], {
      onRead: (context) => context.client(class {}),
    });
    const direct: RollbackRecord = {
      controlId: 'EC2.2',
      resource: { Type: RESOURCE.Type, Id: RESOURCE.Id },
      accountId: '444455556666',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
      beforeImage: BEFORE_IMAGE,
    };

    // Act
    const result = await rollback(direct, { ...options(control), access: recording.access });
    const wrongType = await rollback(
      { ...direct, resource: { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' } },
      options(control),
    );

    // Assert
    expect(result).toMatchObject({ kind: 'rolled_back', resourceId: RESOURCE.Id });
    expect(recording.calls[0]?.[1]).toEqual({
      accountId: '444455556666',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
    });
    expect(wrongType).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('not a resource EC2.2 handles'),
    });
  });

  it.each([
    ['the control says it is gone', { kind: 'gone', reason: 'The group is gone.' } as const],
    ['reading fails with a resource-not-found error', awsError('InvalidGroup.NotFound')],
  ])('ends in resource_gone when %s', async (_name, read) => {
    // Arrange
    const { control, undone } = fakeControl([read]);

    // Act
    const result = await rollback(record(), options(control));

    // Assert
    expect(result).toMatchObject({
      kind: 'resource_gone',
      reason: expect.stringContaining('nothing to roll back'),
    });
    expect(undone).toEqual([]);
  });

  it.each(['AccessDenied', 'ThrottlingException', 'TimeoutError', 'InternalError'])(
    'never throws: %s while reading becomes not_done with the error',
    async (name) => {
      // Arrange
      const { control } = fakeControl([awsError(name)]);

      // Act
      const result = await rollback(record(), options(control));

      // Assert
      expect(result).toMatchObject({
        kind: 'not_done',
        reason: expect.stringContaining('could not read'),
        error: `${name}: ${name} happened`,
      });
    },
  );

  it('never throws: a failing undo becomes not_done with the error', async () => {
    // Arrange
    const { control } = fakeControl([found(true)], { applyError: awsError('AccessDenied') });

    // Act
    const result = await rollback(record(), options(control));

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('could not undo EC2.2'),
      error: 'AccessDenied: AccessDenied happened',
    });
  });

  it('ends in resource_gone when the undo fails because the resource went meanwhile', async () => {
    // Arrange
    const gone = { kind: 'gone', reason: 'The group is gone.' } as const;
    const { control } = fakeControl([found(true), gone], { applyError: awsError('InvalidGroup.NotFound') });

    // Act
    const result = await rollback(record(), options(control));

    // Assert
    expect(result).toMatchObject({ kind: 'resource_gone' });
  });

  it('tickets when reading again does not show the resource as before, having re-read a few times', async () => {
    // Arrange
    const { control } = fakeControl([found(true), found(true)]);
    const sleep = jest.fn(async () => undefined);

    // Act
    const result = await rollback(record(), options(control, { sleep, verify: { attempts: 3, delayMs: 5 } }));

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('does not show it as it was before the fix'),
    });
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it('tickets when the verifying read fails', async () => {
    // Arrange
    const { control } = fakeControl([found(true), awsError('ThrottlingException')]);

    // Act
    const result = await rollback(record(), options(control));

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('could not read it again to check'),
      error: expect.stringContaining('ThrottlingException'),
    });
  });
});

describe('Function: planRollback', () => {
  it('reads and plans without changing anything', async () => {
    // Arrange
    const { control, undone } = fakeControl([found(true)]);

    // Act
    const planned = await planRollback(record(), options(control));

    // Assert
    expect(planned).toMatchObject({
      kind: 'planned',
      controlId: 'EC2.2',
      resourceId: RESOURCE.Id,
      plan: { kind: 'changes', changes: [{ action: 'ec2:AuthorizeSecurityGroupIngress' }] },
    });
    expect(undone).toEqual([]);
  });

  it('reports a gone resource, a read error and a bad before-image, without throwing', async () => {
    // Arrange
    const gone = fakeControl([awsError('InvalidGroup.NotFound')]);
    const denied = fakeControl([awsError('AccessDenied')]);

    // Act
    const results = [
      await planRollback(record(), options(gone.control)),
      await planRollback(record(), options(denied.control)),
      await planRollback(record({ beforeImage: {} }), options(denied.control)),
    ];

    // Assert
    expect(results.map((r) => r.kind)).toEqual(['resource_gone', 'not_done', 'not_done']);
  });
});

describe('Schema: RollbackRecordSchema', () => {
  it('accepts a record with the finding, or with the resource, account and region', () => {
    // Act / Assert
    expect(RollbackRecordSchema.safeParse(record()).success).toBe(true);
    expect(
      RollbackRecordSchema.safeParse({
        controlId: 'S3.2',
        resource: { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' },
        accountId: '111122223333',
        region: 'eu-west-1',
        beforeImage: { bucket: 'b', publicAccessBlock: null },
      }).success,
    ).toBe(true);
    expect(RollbackRecordSchema.safeParse({ controlId: 'S3.2', beforeImage: {} }).success).toBe(false);
  });
});
