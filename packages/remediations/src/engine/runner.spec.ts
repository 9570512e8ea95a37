import { createScratchpad, type Scratchpad } from '@soar/scratchpad';
import * as z from 'zod';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';
import type { AwsAccess } from '@soar/aws-access';
import { RegistryError } from '../errors';
import { defineControl, registerControl, type PlannedChange, type ReadResult } from './control';
import { regionalArn } from './permissions';
import { Registry } from './registry';
import { DEFAULT_OPT_OUT_TAG, planRemediation, remediate, type RemediateOptions } from './runner';
import { SECURITY_GROUP_ID } from '../controls/ec2/resource-ids';

const FakeStateSchema = z.strictObject({
  compliant: z.boolean(),
  /** RDS-like: busy applying a change, the plan defers. */
  busy: z.boolean().optional(),
  tags: z.record(z.string(), z.string()).optional(),
});
type FakeState = z.infer<typeof FakeStateSchema>;

const awsError = (name: string) => Object.assign(new Error(`${name} happened`), { name });

/** A control whose reads and applies are scripted: each read takes the next answer. */
function fakeControl(
  reads: Array<ReadResult<FakeState> | Error>,
  options: { applyError?: Error; destructive?: boolean; actionsRequired?: string } = {},
) {
  const applied: PlannedChange<{ fix: true }>[][] = [];
  const control = defineControl<FakeState, { fix: true }>({
    controlId: 'EC2.2',
    title: 'test control',
    fix: 'makes it pass',
    resourceIds: { AwsEc2SecurityGroup: SECURITY_GROUP_ID },
    iamActions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress'],
    permissions: (context) => [
      { actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] },
      {
        actions: ['ec2:RevokeSecurityGroupIngress'],
        resources: [regionalArn(context, 'ec2', 'security-group/sg-0123456789abcdef0')],
      },
    ],
    destructive: options.destructive ?? false,
    reversible: false,
    stateSchema: FakeStateSchema,
    async read() {
      const next = reads.length > 1 ? reads.shift() : reads[0];
      if (next === undefined) throw new Error('no scripted read');
      if (next instanceof Error) throw next;
      return next;
    },
    plan(state) {
      if (state.compliant) return { kind: 'compliant', reason: 'ok' };
      if (state.busy === true) return { kind: 'defer', reason: 'the resource is modifying.' };
      return {
        kind: 'changes',
        changes: [
          {
            action: 'ec2:RevokeSecurityGroupIngress',
            description: 'Removed the open rule.',
            params: { fix: true },
          },
        ],
        beforeImage: { rules: ['0.0.0.0/0:22'] },
        ...(options.actionsRequired === undefined ? {} : { actionsRequired: options.actionsRequired }),
      };
    },
    async apply(changes) {
      if (options.applyError) throw options.applyError;
      applied.push([...changes]);
    },
    tags: (state) => state.tags ?? {},
  });
  return { control: registerControl(control), applied };
}

const found = (compliant: boolean, tags?: Record<string, string>): ReadResult<FakeState> => ({
  kind: 'found',
  state: { compliant, ...(tags ? { tags } : {}) },
});

const access = { client: jest.fn(() => ({})) } as unknown as Pick<AwsAccess, 'client'>;
const pad = (): Scratchpad => createScratchpad(aControlFinding({ controlId: 'EC2.2' }));
const options = (
  control: ReturnType<typeof fakeControl>['control'],
  extra: Partial<RemediateOptions> = {},
): RemediateOptions => ({
  access,
  registry: new Registry([control]),
  ...extra,
});
const NO_FLAGS = { suppress_finding: false, autoremediation_not_done: false, reconsider_later: false };

describe('Function: remediate', () => {
  it('applies the plan, verifies, and reports what changed', async () => {
    const { control, applied } = fakeControl([found(false), found(true)]);

    const { result, scratchpad } = await remediate(pad(), options(control));

    expect(result).toEqual({
      kind: 'remediated',
      controlId: 'EC2.2',
      changes: ['Removed the open rule.'],
      beforeImages: [{ rules: ['0.0.0.0/0:22'] }],
    });
    expect(applied).toHaveLength(1);
    expect(scratchpad.actions).toEqual(NO_FLAGS);
    expect(scratchpad.messages.actions_taken).toBe('Removed the open rule.');
  });

  it("tells the team what is still theirs to do after a fix, in the control's own words", async () => {
    const advice = 'Change the template that manages the group so it does not open port 22 again.';
    const { control } = fakeControl([found(false), found(true)], { actionsRequired: advice });

    const { result, scratchpad } = await remediate(pad(), options(control));

    expect(result).toMatchObject({ kind: 'remediated', actionsRequired: advice });
    expect(scratchpad.messages.actions_required).toBe(advice);
  });

  it('reconsiders later, keeping what changed and the before-image, when the check after the change finds the resource busy', async () => {
    // Arrange: AWS applies the change asynchronously (RDS): the read after it finds the resource modifying
    const { control, applied } = fakeControl([
      found(false),
      { kind: 'found', state: { compliant: false, busy: true } },
    ]);
    const sleep = jest.fn(async () => undefined);

    // Act
    const { result, scratchpad } = await remediate(
      pad(),
      options(control, { sleep, verify: { attempts: 3, delayMs: 5 } }),
    );

    // Assert: one read after the change (no waiting on a change AWS is still making), and nothing lost
    expect(applied).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
    expect(result).toEqual({
      kind: 'reconsider_later',
      controlId: 'EC2.2',
      reason: expect.stringContaining('the resource is modifying.'),
      changes: ['Removed the open rule.'],
      beforeImages: [{ rules: ['0.0.0.0/0:22'] }],
    });
    expect(scratchpad.actions).toEqual({ ...NO_FLAGS, reconsider_later: true });
    expect(scratchpad.messages.actions_taken).toContain('Removed the open rule.');
    expect(scratchpad.messages.actions_taken).toContain('the resource is modifying.');
  });

  it('keeps the before-images of fixed resources when another resource of the finding is reconsidered later', async () => {
    // Arrange: two resources; the first is fixed and verified, the second deferred before any change
    const { control } = fakeControl([
      found(false),
      found(true),
      { kind: 'found', state: { compliant: false, busy: true } },
    ]);
    const finding = aControlFinding({ controlId: 'EC2.2' });
    const [first] = finding.Resources;
    if (first === undefined) throw new Error('the finding builder gives one resource');
    const twoResources = createScratchpad({
      ...finding,
      // Another group id of the same shape (the last hex digit changed).
      Resources: [first, { ...first, Id: `${first.Id.slice(0, -1)}${first.Id.endsWith('0') ? '1' : '0'}` }],
    });

    // Act
    const { result } = await remediate(twoResources, options(control));

    // Assert
    expect(result).toMatchObject({
      kind: 'reconsider_later',
      changes: ['Removed the open rule.'],
      beforeImages: [{ rules: ['0.0.0.0/0:22'] }],
    });
  });

  it('changes nothing when the resource already passes', async () => {
    const { control, applied } = fakeControl([found(true)]);

    const { result, scratchpad } = await remediate(pad(), options(control));

    expect(result).toMatchObject({ kind: 'remediated', changes: [] });
    expect(applied).toHaveLength(0);
    expect(scratchpad.messages.actions_taken).toMatch(/already passes/);
  });

  it('tickets when the control still fails after the change, having re-read a few times', async () => {
    const { control } = fakeControl([found(false), found(false)]);
    const sleep = jest.fn(async () => undefined);

    const { result, scratchpad } = await remediate(
      pad(),
      options(control, { sleep, verify: { attempts: 3, delayMs: 5 } }),
    );

    expect(result).toMatchObject({ kind: 'not_done', reason: expect.stringContaining('still fails') });
    expect(scratchpad.actions).toEqual({ ...NO_FLAGS, autoremediation_not_done: true });
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it('counts a resource gone after a change that deletes it as fixed, and as gone otherwise', async () => {
    const gone = { kind: 'gone', reason: 'deleted' } as const;
    const deleting = fakeControl([found(false), gone]);
    const plain = fakeControl([found(false), gone]);
    const removes = {
      ...deleting.control,
      evaluate: async (context: Parameters<typeof deleting.control.evaluate>[0]) => {
        const evaluation = await deleting.control.evaluate(context);
        return evaluation.kind === 'found' && evaluation.plan.kind === 'changes'
          ? { ...evaluation, plan: { ...evaluation.plan, removesResource: true } }
          : evaluation;
      },
    };

    expect((await remediate(pad(), options(removes))).result).toMatchObject({ kind: 'remediated' });
    expect(
      (await remediate(pad(), options(plain.control, { sleep: async () => undefined }))).result,
    ).toMatchObject({
      kind: 'not_done',
    });
  });

  it('accepts a change that shows up on a later read (eventual consistency)', async () => {
    const { control } = fakeControl([found(false), found(false), found(true)]);

    const { result } = await remediate(pad(), options(control, { sleep: async () => undefined }));

    expect(result).toMatchObject({ kind: 'remediated', changes: ['Removed the open rule.'] });
  });

  it.each([
    ['the control says so', { kind: 'gone', reason: 'deleted' } as const],
    ['reading fails with a resource-not-found error', awsError('InvalidGroup.NotFound')],
  ])('suppresses when the resource is gone: %s', async (_name, read) => {
    const { control } = fakeControl([read]);

    const { result, scratchpad } = await remediate(pad(), options(control));

    expect(result.kind).toBe('resource_gone');
    expect(scratchpad.actions).toEqual({ ...NO_FLAGS, suppress_finding: true });
  });

  it.each(['AccessDenied', 'ThrottlingException', 'InternalError', 'TimeoutError', 'NoSuchBucketPolicy'])(
    'tickets with the error text, never suppresses, when reading fails with %s',
    async (name) => {
      const { control } = fakeControl([awsError(name)]);

      const { result, scratchpad } = await remediate(pad(), options(control));

      expect(result).toMatchObject({ kind: 'not_done', error: `${name}: ${name} happened` });
      expect(scratchpad.actions).toEqual({ ...NO_FLAGS, autoremediation_not_done: true });
      expect(scratchpad.messages.actions_required).toContain(name);
    },
  );

  it('tickets when the change fails with throttling', async () => {
    const { control } = fakeControl([found(false)], { applyError: awsError('Throttling') });

    const { result } = await remediate(pad(), options(control));

    expect(result).toMatchObject({ kind: 'not_done', error: expect.stringContaining('Throttling') });
  });

  it('suppresses when the resource vanished during the change, as a fresh read shows', async () => {
    const { control } = fakeControl([found(false), { kind: 'gone', reason: 'deleted meanwhile' }], {
      applyError: awsError('InvalidGroup.NotFound'),
    });

    expect((await remediate(pad(), options(control))).result.kind).toBe('resource_gone');
  });

  it('tickets a not-found error during the change when the resource is still there', async () => {
    const { control } = fakeControl([found(false), found(false)], { applyError: awsError('NoSuchEntity') });

    expect((await remediate(pad(), options(control))).result.kind).toBe('not_done');
  });

  it('leaves an opted-out resource alone and suppresses its finding, with a note naming the tag', async () => {
    // Arrange: the owners tagged the resource to keep SOAR away from it
    const { control, applied } = fakeControl([found(false, { [DEFAULT_OPT_OUT_TAG.key]: ' Off ' })]);

    // Act
    const { result, scratchpad } = await remediate(pad(), options(control));

    // Assert
    expect(result).toMatchObject({ kind: 'opted_out', action: 'suppress' });
    expect(applied).toHaveLength(0);
    expect(scratchpad.actions).toEqual({
      suppress_finding: true,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    expect(scratchpad.messages.actions_taken).toBe(
      'No changes: The resource is tagged soar:auto-remediation = Off, which opts it out of auto-remediation, ' +
        'so SOAR left it alone and suppressed the finding.',
    );
  });

  it('tickets an opted-out resource instead when the opt-out tag is set to ticket', async () => {
    const { control, applied } = fakeControl([found(false, { 'do-not-touch': 'yes' })]);

    const { result, scratchpad } = await remediate(
      pad(),
      options(control, { optOutTag: { key: 'do-not-touch', values: ['yes'], action: 'ticket' } }),
    );

    expect(result).toMatchObject({ kind: 'opted_out', action: 'ticket' });
    expect(applied).toHaveLength(0);
    expect(scratchpad.actions).toMatchObject({ suppress_finding: false, autoremediation_not_done: true });
    expect(scratchpad.messages.actions_required).toContain('tagged do-not-touch = yes');
  });

  it('only tickets a destructive control set to ticket-only, saying what it would have done', async () => {
    const { control, applied } = fakeControl([found(false)], { destructive: true });

    const { result } = await remediate(pad(), options(control, { ticketOnly: (c) => c.destructive }));

    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('Removed the open rule.'),
    });
    expect(applied).toHaveLength(0);
  });

  it('tickets findings it cannot handle', async () => {
    const { control } = fakeControl([found(false)]);

    const other = createScratchpad(aControlFinding({ controlId: 'IAM.1' }));
    const incident = createScratchpad(aGuardDutyFinding());
    const noResource = createScratchpad({
      ...aControlFinding({ controlId: 'EC2.2' }),
      Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' }],
    });

    expect((await remediate(other, options(control))).result).toMatchObject({
      kind: 'not_done',
      reason: 'SOAR has no remediation for IAM.1.',
    });
    expect((await remediate(incident, options(control))).result.kind).toBe('not_done');
    expect((await remediate(noResource, options(control))).result.kind).toBe('not_done');
  });

  it('acts through a session limited to the control and named after it, in the resource region', async () => {
    const calls: unknown[][] = [];
    const recording = { client: (...args: unknown[]) => (calls.push(args), {}) } as unknown as Pick<
      AwsAccess,
      'client'
    >;
    const control = registerControl(
      defineControl<FakeState, never>({
        ...fakeControl([]).control,
        stateSchema: FakeStateSchema,
        rollback: undefined,
        async read(context) {
          context.client(class {});
          return found(true);
        },
        plan: () => ({ kind: 'compliant', reason: 'ok' }),
        apply: async () => undefined,
      }),
    );

    await remediate(pad(), { access: recording, registry: new Registry([control]) });

    expect(calls[0]?.slice(1)).toEqual([
      { accountId: '111122223333', region: 'eu-west-1', partition: 'aws' },
      {
        purpose: 'remediate-EC2.2',
        statements: [
          { actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] },
          {
            actions: ['ec2:RevokeSecurityGroupIngress'],
            resources: ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0'],
          },
        ],
      },
    ]);
  });

  it('starts no session for a control whose permissions forget one of its actions, and says which', async () => {
    // Arrange: a control that would call RevokeSecurityGroupIngress without naming its resources
    const calls: unknown[][] = [];
    const recording = { client: (...args: unknown[]) => (calls.push(args), {}) } as unknown as Pick<
      AwsAccess,
      'client'
    >;
    const control = registerControl(
      defineControl<FakeState, never>({
        ...fakeControl([]).control,
        stateSchema: FakeStateSchema,
        rollback: undefined,
        permissions: () => [{ actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] }],
        async read(context) {
          context.client(class {});
          return found(true);
        },
        plan: () => ({ kind: 'compliant', reason: 'ok' }),
        apply: async () => undefined,
      }),
    );

    // Act
    const { result } = await remediate(pad(), { access: recording, registry: new Registry([control]) });

    // Assert
    expect(calls).toEqual([]);
    expect(result).toMatchObject({
      kind: 'not_done',
      error: expect.stringContaining('ec2:RevokeSecurityGroupIngress') as unknown,
    });
  });
});

describe('Function: planRemediation', () => {
  it('plans without applying', async () => {
    const { control, applied } = fakeControl([found(false)]);

    const report = await planRemediation(pad(), options(control));

    expect(report.controlId).toBe('EC2.2');
    expect(report.resources).toEqual([
      expect.objectContaining({
        kind: 'planned',
        ticketOnly: false,
        plan: expect.objectContaining({ kind: 'changes' }),
      }),
    ]);
    expect(applied).toHaveLength(0);
  });
});

describe('Class: Registry', () => {
  it('rejects duplicate ids and wildcard or missing IAM actions', () => {
    const { control } = fakeControl([]);

    expect(() => new Registry([control, control])).toThrow(RegistryError);
    expect(() => new Registry([{ ...control, iamActions: ['ec2:*'] }])).toThrow(/exact IAM actions/);
    expect(() => new Registry([{ ...control, iamActions: [] }])).toThrow(RegistryError);
  });

  it('lists controls in natural order', () => {
    const { control } = fakeControl([]);
    const registry = new Registry([
      { ...control, controlId: 'EC2.13' },
      { ...control, controlId: 'EC2.2' },
    ]);

    expect(registry.list().map((c) => c.controlId)).toEqual(['EC2.2', 'EC2.13']);
  });
});
