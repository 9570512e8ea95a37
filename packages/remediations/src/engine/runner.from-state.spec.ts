import {
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { createScratchpad, type Scratchpad } from '@soar/scratchpad';
import { aControlFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import * as z from 'zod';
import { directAccess } from '../../tests/direct-clients';
import { ec2_2, type Ec22State } from '../controls/ec2/ec2-2';
import type { Ec222State } from '../controls/ec2/ec2-22';
import type { Ec24State } from '../controls/ec2/ec2-4';
import { RemediationError } from '../errors';
import { defaultRegistry } from '../registry';
import {
  LiveStateError,
  planFromFinding,
  planFromState,
  simulateRemediation,
  SIMULATION_PREFIX,
  type LiveStateLookup,
} from '../simulation';
import { defineControl, registerControl, type FindingResource } from './control';
import { Registry } from './registry';
import { planRemediation, remediate } from './runner';
import { SECURITY_GROUP_ID } from '../controls/ec2/resource-ids';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const NOW = new Date('2026-12-01T00:00:00Z');
const SG = 'sg-0123456789abcdef0';
const GROUP: FindingResource = {
  Type: 'AwsEc2SecurityGroup',
  Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${SG}`,
  Partition: 'aws',
  Region: REGION,
};
const INSTANCE: FindingResource = {
  Type: 'AwsEc2Instance',
  Id: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`,
  Partition: 'aws',
  Region: REGION,
};

/** The VPC default security group with the AWS default rules, used by nothing. */
const DEFAULT_GROUP: Ec22State = {
  groupId: SG,
  groupName: 'default',
  vpcId: 'vpc-0f1e2d3c4b5a69788',
  ingress: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: SG, UserId: ACCOUNT }] }],
  egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  networkInterfaces: [],
  tags: {},
};

/** A finding of `controlId` on `resource`, first observed 2026-11-20 (11 days before {@link NOW}). */
function padFor(controlId: string, ...resources: FindingResource[]): Scratchpad {
  const base = aControlFinding({ controlId, accountId: ACCOUNT, region: REGION, resource: resources[0] });
  const finding: AwsSecurityFinding = {
    ...base,
    Resources: resources,
    FirstObservedAt: '2026-11-20T10:15:30Z',
  };
  return createScratchpad(finding);
}

/** States keyed by resource id, for every control. */
function statesOf(states: Readonly<Record<string, unknown>>): LiveStateLookup {
  return (resource) => states[resource.Id];
}

const options = { registry: defaultRegistry, now: () => NOW };

/** Runs `fn` and returns the `LiveStateError` it throws. */
function liveStateErrorOf(fn: () => unknown): LiveStateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LiveStateError) return error;
    throw error;
  }
  throw new Error('expected a LiveStateError');
}

describe('Function: planFromState', () => {
  const ec2 = mockClient(EC2Client);
  beforeEach(() => ec2.reset());
  afterAll(() => ec2.restore());

  it('plans a given state exactly as planRemediation plans the same state read from AWS', async () => {
    // Arrange: AWS answers with the default group of DEFAULT_GROUP, which nothing uses
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: SG,
          GroupName: 'default',
          VpcId: DEFAULT_GROUP.vpcId,
          IpPermissions: [...DEFAULT_GROUP.ingress],
          IpPermissionsEgress: [...DEFAULT_GROUP.egress],
        },
      ],
    });
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    const pad = padFor('EC2.2', GROUP);

    // Act
    const live = await planRemediation(pad, { ...options, access: directAccess(REGION) });
    const given = planFromState(pad, statesOf({ [GROUP.Id]: DEFAULT_GROUP }), options);

    // Assert
    expect(live.resources).toMatchObject([{ kind: 'planned', plan: { kind: 'changes' } }]);
    expect(given).toEqual(live);
  });

  it('simulates a given state with the result remediate reports once it has applied and verified the plan', async () => {
    // Arrange: AWS answers with the rules first, and without them once they are revoked
    const group = {
      GroupId: SG,
      GroupName: 'default',
      VpcId: DEFAULT_GROUP.vpcId,
      IpPermissions: [...DEFAULT_GROUP.ingress],
      IpPermissionsEgress: [...DEFAULT_GROUP.egress],
    };
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [group] })
      .resolves({ SecurityGroups: [{ ...group, IpPermissions: [], IpPermissionsEgress: [] }] });
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    ec2.on(RevokeSecurityGroupEgressCommand).resolves({ Return: true });
    const pad = padFor('EC2.2', GROUP);

    // Act
    const done = await remediate(pad, { ...options, access: directAccess(REGION) });
    const simulated = simulateRemediation(pad, {
      ...options,
      liveState: statesOf({ [GROUP.Id]: DEFAULT_GROUP }),
    });

    // Assert
    expect(done.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.any(String), expect.any(String)],
    });
    expect(simulated.result).toEqual(done.result);
    expect(simulated.scratchpad.actions).toEqual(done.scratchpad.actions);
    expect(simulated.scratchpad.messages.actions_taken).toBe(
      done.scratchpad.messages.actions_taken
        .split('\n')
        .map((line) => `${SIMULATION_PREFIX}${line}`)
        .join('\n'),
    );
  });

  it('EC2.2: plans removing the rules of an unused default group, which the finding alone cannot', () => {
    // Arrange
    const withDetails: FindingResource = {
      ...GROUP,
      Details: {
        AwsEc2SecurityGroup: {
          GroupId: SG,
          GroupName: 'default',
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      },
    };
    const pad = padFor('EC2.2', withDetails);

    // Act
    const fromFinding = planFromFinding(pad, options);
    const fromState = planFromState(pad, statesOf({ [GROUP.Id]: DEFAULT_GROUP }), options);

    // Assert
    expect(fromFinding.resources).toMatchObject([{ kind: 'unknown' }]);
    expect(fromState.resources).toMatchObject([
      {
        kind: 'planned',
        plan: {
          kind: 'changes',
          changes: [
            {
              action: 'ec2:RevokeSecurityGroupIngress',
              description: expect.stringContaining(`members of ${SG}`),
            },
            { action: 'ec2:RevokeSecurityGroupEgress', description: expect.stringContaining('0.0.0.0/0') },
          ],
          beforeImage: { groupId: SG, ingress: DEFAULT_GROUP.ingress, egress: DEFAULT_GROUP.egress },
        },
      },
    ]);
  });

  it('EC2.2: refuses when the given state says network interfaces use the group, as the live run does', () => {
    // Arrange
    const used: Ec22State = {
      ...DEFAULT_GROUP,
      networkInterfaces: [{ networkInterfaceId: 'eni-0a1b2c3d4e5f60718', interfaceType: 'lambda' }],
    };

    // Act
    const { resources } = planFromState(padFor('EC2.2', GROUP), statesOf({ [GROUP.Id]: used }), options);

    // Assert
    expect(resources).toMatchObject([
      {
        kind: 'planned',
        plan: { kind: 'refuse', reason: expect.stringContaining('eni-0a1b2c3d4e5f60718 lambda') },
      },
    ]);
  });

  it('EC2.4: plans terminating an instance stopped for months, which the finding alone cannot', () => {
    // Arrange
    const stopped: Ec24State = {
      instanceId: 'i-0123456789abcdef0',
      state: 'stopped',
      stateTransitionReason: 'User initiated (2026-09-01 08:30:00 GMT)',
      launchTime: '2026-08-15T09:00:00.000Z',
      terminationProtection: false,
      instanceType: 't3.micro',
      volumes: [{ deviceName: '/dev/xvda', volumeId: 'vol-0a1b2c3d4e5f60718', deleteOnTermination: true }],
      tags: {},
    };
    const pad = padFor('EC2.4', INSTANCE);

    // Act
    const fromFinding = planFromFinding(pad, options);
    const fromState = planFromState(pad, statesOf({ [INSTANCE.Id]: stopped }), options);
    const simulated = simulateRemediation(pad, {
      ...options,
      liveState: statesOf({ [INSTANCE.Id]: stopped }),
    });

    // Assert
    expect(fromFinding.resources).toMatchObject([{ kind: 'unknown' }]);
    expect(fromState.resources).toMatchObject([
      {
        kind: 'planned',
        plan: { kind: 'changes', changes: [{ action: 'ec2:TerminateInstances' }], removesResource: true },
      },
    ]);
    expect(simulated.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('i-0123456789abcdef0')],
    });
  });

  it('EC2.22: plans deleting a security group nothing uses, which the finding alone cannot', () => {
    // Arrange
    const unused: Ec222State = {
      groupId: SG,
      groupName: 'legacy-batch',
      vpcId: 'vpc-0f1e2d3c4b5a69788',
      description: 'batch workers (retired)',
      tags: {},
      ipPermissions: [
        { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '10.0.0.0/16' }] },
      ],
      ipPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      networkInterfaceIds: [],
      referencedByGroupIds: [],
      launchTemplates: [],
    };
    const withDetails: FindingResource = {
      ...GROUP,
      Details: { AwsEc2SecurityGroup: { GroupId: SG, GroupName: 'legacy-batch' } },
    };
    const pad = padFor('EC2.22', withDetails);

    // Act
    const fromFinding = planFromFinding(pad, options);
    const fromState = planFromState(pad, statesOf({ [GROUP.Id]: unused }), options);
    const referenced = planFromState(
      pad,
      statesOf({ [GROUP.Id]: { ...unused, referencedByGroupIds: ['sg-0fedcba9876543210'] } }),
      options,
    );

    // Assert
    expect(fromFinding.resources).toMatchObject([{ kind: 'unknown' }]);
    expect(fromState.resources).toMatchObject([
      {
        kind: 'planned',
        plan: { kind: 'changes', changes: [{ action: 'ec2:DeleteSecurityGroup', params: { groupId: SG } }] },
      },
    ]);
    expect(referenced.resources).toMatchObject([
      { kind: 'planned', plan: { kind: 'refuse', reason: expect.stringContaining('sg-0fedcba9876543210') } },
    ]);
  });

  it('accepts a Date for a time, as a YAML parser may give one', () => {
    // Arrange
    const stopped = {
      instanceId: 'i-0123456789abcdef0',
      state: 'stopped',
      launchTime: new Date('2026-08-15T09:00:00Z'),
      stateTransitionReason: 'User initiated (2026-09-01 08:30:00 GMT)',
      terminationProtection: true,
      volumes: [],
      tags: { 'soar:team': 'build' },
    };

    // Act
    const { resources } = planFromState(
      padFor('EC2.4', INSTANCE),
      statesOf({ [INSTANCE.Id]: stopped }),
      options,
    );

    // Assert
    expect(resources).toMatchObject([
      {
        kind: 'planned',
        plan: { kind: 'refuse', reason: expect.stringContaining('termination protection') },
      },
    ]);
  });

  it('plans a resource without a given state from the finding, and asks for states by resource and control', () => {
    // Arrange
    const lookup = jest.fn<unknown, Parameters<LiveStateLookup>>(() => undefined);
    const pad = padFor('EC2.2', GROUP);

    // Act
    const given = planFromState(pad, lookup, options);

    // Assert
    expect(given).toEqual(planFromFinding(pad, options));
    expect(lookup).toHaveBeenCalledWith(expect.objectContaining({ Id: GROUP.Id, Type: GROUP.Type }), 'EC2.2');
  });

  it('applies the opt-out tag and ticket-only to a given state, as remediate does', () => {
    // Arrange
    const optedOut: Ec22State = { ...DEFAULT_GROUP, tags: { 'soar:auto-remediation': 'off' } };
    const pad = padFor('EC2.2', GROUP);

    // Act
    const opted = planFromState(pad, statesOf({ [GROUP.Id]: optedOut }), options);
    const ticketOnly = planFromState(pad, statesOf({ [GROUP.Id]: DEFAULT_GROUP }), {
      ...options,
      ticketOnly: () => true,
    });

    // Assert
    expect(opted.resources).toMatchObject([{ kind: 'opted_out' }]);
    expect(ticketOnly.resources).toMatchObject([
      { kind: 'planned', ticketOnly: true, plan: { kind: 'changes' } },
    ]);
  });

  it('plans each resource of a finding from its own state', () => {
    // Arrange
    const other: FindingResource = { ...GROUP, Id: GROUP.Id.replace(SG, 'sg-0fedcba9876543210') };
    const clean: Ec22State = { ...DEFAULT_GROUP, groupId: 'sg-0fedcba9876543210', ingress: [], egress: [] };

    // Act
    const { resources } = planFromState(
      padFor('EC2.2', GROUP, other),
      statesOf({ [GROUP.Id]: DEFAULT_GROUP, [other.Id]: clean }),
      options,
    );

    // Assert
    expect(resources).toMatchObject([
      { resourceId: GROUP.Id, kind: 'planned', plan: { kind: 'changes' } },
      { resourceId: other.Id, kind: 'planned', plan: { kind: 'compliant' } },
    ]);
  });
});

describe('Function: planFromState (a state that does not match the control)', () => {
  const pad = padFor('EC2.2', GROUP);
  const plan = (state: unknown) => () => planFromState(pad, statesOf({ [GROUP.Id]: state }), options);

  it('names a misspelt key, with the key it probably meant', () => {
    // Act
    const error = liveStateErrorOf(plan({ ...DEFAULT_GROUP, groupNmae: 'default' }));

    // Assert
    expect(error).toBeInstanceOf(RemediationError);
    expect(error).toMatchObject({
      name: 'LiveStateError',
      controlId: 'EC2.2',
      resourceId: GROUP.Id,
      resourceArn: GROUP.Id,
      field: 'groupNmae',
      issues: [{ field: 'groupNmae', message: 'unknown key; did you mean "groupName"?' }],
    });
    expect(error.message).toBe(
      `The live state given for ${GROUP.Id} does not match the EC2.2 state, so SOAR planned nothing for it:\n` +
        '  groupNmae: unknown key; did you mean "groupName"?',
    );
  });

  it('names every bad field by its path: nested typos, wrong types, missing fields', () => {
    // Act
    const error = liveStateErrorOf(
      plan({
        ...DEFAULT_GROUP,
        ingress: [{ IpProtocol: 'tcp', FromPort: '22', ToPort: 22, IpRange: [{ CidrIp: '0.0.0.0/0' }] }],
        egress: undefined,
        networkInterfaces: [{ networkInterfaceId: 'eni-0a1b2c3d4e5f60718', interfaceTyp: 'lambda' }],
      }),
    );

    // Assert
    expect(error.issues).toEqual([
      { field: 'ingress[0].FromPort', message: 'Invalid input: expected number, received string' },
      { field: 'ingress[0].IpRange', message: 'unknown key; did you mean "IpRanges"?' },
      { field: 'egress', message: 'missing: a required field (expected array)' },
      { field: 'networkInterfaces[0].interfaceTyp', message: 'unknown key; did you mean "interfaceType"?' },
    ]);
    expect(error.field).toBe('ingress[0].FromPort');
    for (const { field } of error.issues) expect(error.message).toContain(`\n  ${field}: `);
  });

  it('names a state that is not an object at all', () => {
    // Act
    const error = liveStateErrorOf(plan('default'));

    // Assert
    expect(error.issues).toEqual([{ field: '', message: 'Invalid input: expected object, received string' }]);
    expect(error.message).toContain('(the state itself): Invalid input: expected object, received string');
  });

  it('throws from simulateRemediation too, before anything is planned', () => {
    // Act / Assert
    expect(() =>
      simulateRemediation(pad, { ...options, liveState: statesOf({ [GROUP.Id]: { groupId: SG } }) }),
    ).toThrow(LiveStateError);
  });

  it('is checked against the control of the finding: an EC2.2 state for an EC2.22 finding is an error', () => {
    // Act
    const error = liveStateErrorOf(() =>
      planFromState(padFor('EC2.22', GROUP), statesOf({ [GROUP.Id]: DEFAULT_GROUP }), options),
    );

    // Assert
    expect(error.controlId).toBe('EC2.22');
    expect(error.issues.map((issue) => issue.field)).toEqual(
      expect.arrayContaining(['ingress', 'egress', 'networkInterfaces', 'ipPermissions']),
    );
  });
});

describe('Function: simulateRemediation (liveState)', () => {
  const StateSchema = z.strictObject({ port: z.int() });
  const control = registerControl(
    defineControl<z.infer<typeof StateSchema>, null>({
      controlId: 'EC2.13',
      title: 'test control',
      fix: 'closes the port',
      resourceIds: { AwsEc2SecurityGroup: SECURITY_GROUP_ID },
      iamActions: ['ec2:DescribeSecurityGroups'],
      permissions: () => [{ actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] }],
      destructive: false,
      reversible: false,
      stateSchema: StateSchema,
      read: () => Promise.reject(new Error('read must not run')),
      apply: () => Promise.reject(new Error('apply must not run')),
      plan(state) {
        if (state.port === 0) throw new Error('port 0 is not a port');
        return { kind: 'compliant', reason: 'closed' };
      },
    }),
  );

  it('reports a plan that throws on a given state as not done, saying it came from the given state', () => {
    // Act
    const { result, plans } = simulateRemediation(padFor('EC2.13', GROUP), {
      registry: new Registry([control]),
      liveState: () => ({ port: 0 }),
    });

    // Assert
    expect(plans).toMatchObject([{ kind: 'error', reason: 'could not plan from the given live state' }]);
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: `SOAR could not plan ${GROUP.Id} from the given live state.`,
      error: expect.stringContaining('port 0 is not a port'),
    });
  });

  it('never reads AWS for a given state', () => {
    // Act
    const { result } = simulateRemediation(padFor('EC2.13', GROUP), {
      registry: new Registry([control]),
      liveState: () => ({ port: 22 }),
    });

    // Assert
    expect(result).toEqual({ kind: 'remediated', controlId: 'EC2.13', changes: [], beforeImages: [] });
  });
});

describe('Module: ec2-2 state schema (model of a control state schema)', () => {
  it('parses the state read returns and gives it back unchanged', () => {
    expect(ec2_2.stateSchema.parse(DEFAULT_GROUP)).toEqual(DEFAULT_GROUP);
  });
});
