import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { AwsAccess } from '@soar/aws-access';
import { createScratchpad, type Scratchpad } from '@soar/scratchpad';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';
import * as z from 'zod';
import { ec2_13 } from '../controls/ec2/ec2-13';
import { defaultRegistry } from '../registry';
import {
  defineControl,
  registerControl,
  type FindingResource,
  type FindingStateResult,
  type PlanContext,
  type RegisteredControl,
} from './control';
import { Registry } from './registry';
import {
  planFromFinding,
  simulateRemediation,
  SIMULATION_PREFIX,
  type PlanFromFindingOptions,
  type RemediateOptions,
} from './runner';
import { SECURITY_GROUP_ID } from '../controls/ec2/resource-ids';

const FakeStateSchema = z.strictObject({
  verdict: z.enum(['open', 'closed', 'wait', 'no']),
  tags: z.record(z.string(), z.string()).readonly(),
});
type FakeState = z.infer<typeof FakeStateSchema>;

const NO_FLAGS = { suppress_finding: false, autoremediation_not_done: false, reconsider_later: false };

/** An access whose every client throws: proves that nothing reaches for AWS. */
const noAws: Pick<AwsAccess, 'client'> = {
  client: () => {
    throw new Error('planning from a finding must not build an AWS client');
  },
};

/**
 * A control whose `read` and `apply` throw (they must never run here) and whose `fromFinding` reads the
 * verdict from `Details.Other.verdict` (`unknown` without it), tags from `Resources[].Tags`.
 */
function findingControl(options: { destructive?: boolean; fromFinding?: false } = {}): RegisteredControl {
  const fromFinding = (context: PlanContext): FindingStateResult<FakeState> => {
    const verdict = context.resource.Details?.Other?.['verdict'];
    if (verdict !== 'open' && verdict !== 'closed' && verdict !== 'wait' && verdict !== 'no') {
      if (verdict === 'throw') throw new Error('malformed details');
      return {
        kind: 'unknown',
        reason: 'SOAR checks the port on the live resource before it changes anything.',
      };
    }
    return { kind: 'found', state: { verdict, tags: { ...context.resource.Tags } } };
  };
  return registerControl(
    defineControl<FakeState, { ruleId: string }>({
      controlId: 'EC2.13',
      title: 'test control',
      fix: 'closes the port',
      resourceIds: { AwsEc2SecurityGroup: SECURITY_GROUP_ID },
      iamActions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress'],
      permissions: () => [
        { actions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress'], resources: ['*'] },
      ],
      destructive: options.destructive ?? false,
      reversible: false,
      stateSchema: FakeStateSchema,
      read: () => Promise.reject(new Error('read must not run')),
      apply: () => Promise.reject(new Error('apply must not run')),
      plan(state, context) {
        switch (state.verdict) {
          case 'closed':
            return { kind: 'compliant', reason: 'closed' };
          case 'wait':
            return { kind: 'defer', reason: 'It is too early.' };
          case 'no':
            return { kind: 'refuse', reason: 'SOAR will not touch it.' };
          case 'open':
            return {
              kind: 'changes',
              changes: [
                {
                  action: 'ec2:RevokeSecurityGroupIngress',
                  description: `Closed port 22 on ${context.resource.Id}.`,
                  params: { ruleId: 'finding-rule-1' },
                },
              ],
              beforeImage: { resource: context.resource.Id },
            };
        }
      },
      tags: (state) => state.tags,
      ...(options.fromFinding === false ? {} : { fromFinding }),
    }),
  );
}

let sequence = 0;
function group(verdict: string | undefined, tags?: Record<string, string>): FindingResource {
  sequence += 1;
  return {
    Type: 'AwsEc2SecurityGroup',
    Id: `arn:aws:ec2:eu-west-1:111122223333:security-group/sg-${String(sequence).padStart(17, '0')}`,
    ...(verdict === undefined ? {} : { Details: { Other: { verdict } } }),
    ...(tags === undefined ? {} : { Tags: tags }),
  };
}

function padWith(...resources: FindingResource[]): Scratchpad {
  const finding: AwsSecurityFinding = { ...aControlFinding({ controlId: 'EC2.13' }), Resources: resources };
  return createScratchpad(finding);
}

/** Options as a caller holding full remediation options would pass them: `access` is there, and throws. */
function optionsFor(
  control: RegisteredControl,
  extra: Partial<RemediateOptions> = {},
): PlanFromFindingOptions {
  const options: RemediateOptions = { access: noAws, registry: new Registry([control]), ...extra };
  return options;
}

describe('Function: planFromFinding', () => {
  it('plans every resource of the control from the finding alone, with opt-out and unknown per resource', () => {
    // Arrange
    const open = group('open');
    const optedOut = group('open', { 'soar:auto-remediation': 'off' });
    const unknown = group(undefined);
    const bucket = { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::not-for-this-control' };
    const pad = padWith(open, optedOut, unknown, bucket);

    // Act
    const report = planFromFinding(pad, optionsFor(findingControl()));

    // Assert
    expect(report.controlId).toBe('EC2.13');
    expect(report.resources).toEqual([
      {
        resourceId: open.Id,
        kind: 'planned',
        ticketOnly: false,
        plan: expect.objectContaining({ kind: 'changes' }),
      },
      {
        resourceId: optedOut.Id,
        kind: 'opted_out',
        reason: expect.stringContaining('soar:auto-remediation'),
        action: 'suppress',
      },
      { resourceId: unknown.Id, kind: 'unknown', reason: expect.stringContaining('on the live resource') },
    ]);
  });

  it('honours a custom opt-out tag from the finding resource tags', () => {
    // Arrange
    const pad = padWith(group('open', { 'do-not-touch': 'YES' }));

    // Act
    const report = planFromFinding(
      pad,
      optionsFor(findingControl(), { optOutTag: { key: 'do-not-touch', values: ['yes'] } }),
    );

    // Assert
    expect(report.resources).toEqual([expect.objectContaining({ kind: 'opted_out' })]);
  });

  it('marks the plan ticket-only for a destructive control set to ticket only', () => {
    // Act
    const report = planFromFinding(
      padWith(group('open')),
      optionsFor(findingControl({ destructive: true }), { ticketOnly: (c) => c.destructive }),
    );

    // Assert
    expect(report.resources).toEqual([expect.objectContaining({ kind: 'planned', ticketOnly: true })]);
  });

  it('answers unknown for a control that can only plan from the live resource', () => {
    // Act
    const report = planFromFinding(
      padWith(group('open')),
      optionsFor(findingControl({ fromFinding: false })),
    );

    // Assert
    expect(report.resources).toEqual([
      expect.objectContaining({
        kind: 'unknown',
        reason: 'SOAR can plan EC2.13 only from the live resource.',
      }),
    ]);
  });

  it('reports a fromFinding that throws as an error of that resource', () => {
    // Act
    const report = planFromFinding(padWith(group('throw')), optionsFor(findingControl()));

    // Assert
    expect(report.resources).toEqual([
      expect.objectContaining({ kind: 'error', error: 'Error: malformed details' }),
    ]);
  });

  it('has no resources for findings no control handles', () => {
    expect(planFromFinding(createScratchpad(aGuardDutyFinding()), optionsFor(findingControl()))).toEqual({
      controlId: undefined,
      resources: [],
    });
    expect(
      planFromFinding(
        createScratchpad(aControlFinding({ controlId: 'IAM.1' })),
        optionsFor(findingControl()),
      ),
    ).toEqual({ controlId: 'IAM.1', resources: [] });
  });
});

describe('Function: simulateRemediation', () => {
  it('reports the planned changes as remediate would after applying them, saying nothing was changed', () => {
    // Arrange
    const first = group('open');
    const second = group('open');

    // Act
    const { result, scratchpad, plans } = simulateRemediation(
      padWith(first, second),
      optionsFor(findingControl()),
    );

    // Assert
    expect(result).toEqual({
      kind: 'remediated',
      controlId: 'EC2.13',
      changes: [`Closed port 22 on ${first.Id}.`, `Closed port 22 on ${second.Id}.`],
      beforeImages: [{ resource: first.Id }, { resource: second.Id }],
    });
    expect(scratchpad.actions).toEqual(NO_FLAGS);
    expect(scratchpad.messages.actions_taken).toBe(
      `${SIMULATION_PREFIX}Closed port 22 on ${first.Id}.\n${SIMULATION_PREFIX}Closed port 22 on ${second.Id}.`,
    );
    expect(plans).toHaveLength(2);
  });

  it.each<[string, string | undefined, Record<string, unknown>, RegExp]>([
    [
      'compliant',
      'closed',
      { kind: 'remediated', changes: [] },
      /^Planned \(simulation, nothing was changed\): Nothing needed changing/,
    ],
    [
      'defer',
      'wait',
      { kind: 'reconsider_later', reason: 'It is too early.' },
      /: Not yet: It is too early\.$/,
    ],
    ['refuse', 'no', { kind: 'not_done', reason: 'SOAR will not touch it.' }, /: No changes were made\.$/],
    [
      'unknown',
      undefined,
      {
        kind: 'not_done',
        reason: expect.stringMatching(
          /^The finding alone does not say enough to plan .*: SOAR checks the port on the live resource before it changes anything\.$/,
        ),
      },
      /: No changes were made\.$/,
    ],
  ])('shapes a %s plan as remediate would', (_name, verdict, expected, actionsTaken) => {
    // Act
    const { result, scratchpad } = simulateRemediation(padWith(group(verdict)), optionsFor(findingControl()));

    // Assert
    expect(result).toMatchObject(expected);
    expect(scratchpad.messages.actions_taken).toMatch(actionsTaken);
    expect(scratchpad.messages.actions_taken.startsWith(SIMULATION_PREFIX)).toBe(true);
  });

  it('sets the same flags as remediate: not done for unknown and refusals, reconsider later for defer', () => {
    const flags = (verdict: string | undefined) =>
      simulateRemediation(padWith(group(verdict)), optionsFor(findingControl())).scratchpad.actions;

    expect(flags(undefined)).toEqual({ ...NO_FLAGS, autoremediation_not_done: true });
    expect(flags('no')).toEqual({ ...NO_FLAGS, autoremediation_not_done: true });
    expect(flags('wait')).toEqual({ ...NO_FLAGS, reconsider_later: true });
  });

  it('is opted out for a resource whose finding tags opt out', () => {
    // Act
    const { result, scratchpad } = simulateRemediation(
      padWith(group('open', { 'soar:auto-remediation': 'disabled' })),
      optionsFor(findingControl()),
    );

    // Assert: suppressed, the note naming the tag (each line marked as a simulation)
    expect(result.kind).toBe('opted_out');
    expect(scratchpad.actions).toMatchObject({ suppress_finding: true, autoremediation_not_done: false });
    expect(scratchpad.messages.actions_taken).toContain('tagged soar:auto-remediation = disabled');
  });

  it('tickets a ticket-only control with the changes it would have made', () => {
    // Act
    const { result } = simulateRemediation(
      padWith(group('open')),
      optionsFor(findingControl({ destructive: true }), { ticketOnly: (c) => c.destructive }),
    );

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('SOAR would have made these changes: Closed port 22'),
    });
  });

  it('combines several resources as remediate does: one that cannot be planned makes the finding not done', () => {
    // Act
    const { result, plans } = simulateRemediation(
      padWith(group('open'), group(undefined)),
      optionsFor(findingControl()),
    );

    // Assert
    expect(result.kind).toBe('not_done');
    expect(plans.map((p) => p.kind)).toEqual(['planned', 'unknown']);
  });

  it('tickets findings it cannot handle, with the simulation prefix', () => {
    // Act
    const other = simulateRemediation(createScratchpad(aControlFinding({ controlId: 'IAM.1' })), {
      registry: new Registry([findingControl()]),
    });
    const noResource = simulateRemediation(padWith({ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' }), {
      registry: new Registry([findingControl()]),
    });

    // Assert
    expect(other.result).toEqual({
      kind: 'not_done',
      controlId: 'IAM.1',
      reason: 'SOAR has no remediation for IAM.1.',
    });
    expect(other.scratchpad.messages.actions_taken).toBe(`${SIMULATION_PREFIX}No changes were made.`);
    expect(other.plans).toEqual([]);
    expect(noResource.result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining('no resource of a type'),
    });
  });

  it('simulates a real control from the ASFF details without reading or changing AWS', () => {
    // Arrange
    const read = jest.spyOn(ec2_13, 'read');
    const apply = jest.spyOn(ec2_13, 'apply');
    const resource: FindingResource = {
      Type: 'AwsEc2SecurityGroup',
      Id: 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0',
      Region: 'eu-west-1',
      Details: {
        AwsEc2SecurityGroup: {
          GroupName: 'web',
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        },
      },
    };
    const options: RemediateOptions = { access: noAws, registry: defaultRegistry };

    // Act
    const { result, scratchpad } = simulateRemediation(padWith(resource), options);

    // Assert
    expect(result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('finding-rule-1')],
    });
    expect(scratchpad.messages.actions_taken).toMatch(
      /^Planned \(simulation, nothing was changed\): Closed SSH/,
    );
    expect(read).not.toHaveBeenCalled();
    expect(apply).not.toHaveBeenCalled();
  });
});
