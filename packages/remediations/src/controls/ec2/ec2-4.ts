import type { AwsSecurityFinding } from '@soar/asff-schema';
import * as z from 'zod';
import { classifyError } from '../../engine/classify';
import { defineControl } from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { complianceOf } from '../finding';
import { INSTANCE_ID as INSTANCE_RESOURCE_ID } from './resource-ids';
import { sdk } from '../sdk';
import { IsoTimestampSchema, TagsSchema } from '../state';

/** Days an instance must have been stopped before SOAR terminates it (the control's default `AllowedDays`). */
export const EC2_4_STOPPED_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;
const INSTANCE_ID = /^i-[0-9a-f]+$/;
/** `User initiated (2026-10-01 12:00:00 GMT)`: EC2 writes the stop time into StateTransitionReason. */
const STOP_TIME = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (?:GMT|UTC)\)/;

/**
 * An EBS volume attached to the instance (`BlockDeviceMappings`).
 *
 * @example
 * ```ts
 * Ec24VolumeSchema.parse({ deviceName: '/dev/xvda', volumeId: 'vol-0a1b2c3d4e5f60718', deleteOnTermination: true });
 * ```
 */
export const Ec24VolumeSchema = z.lazy(() =>
  z.strictObject({
    deviceName: z.string().optional(),
    volumeId: z.string().optional(),
    /** The volume is destroyed together with the instance. */
    deleteOnTermination: z.boolean(),
  }),
);

/** A volume of {@link Ec24State}; inferred from {@link Ec24VolumeSchema}. */
export type Ec24Volume = z.infer<typeof Ec24VolumeSchema>;

/**
 * Live state of the instance: its EC2 state name (`pending`, `running`, `stopping`, `stopped`; a
 * `shutting-down` or `terminated` instance is gone), when and why it last changed state
 * (`stateTransitionReason` carries the stop time), termination protection, and its volumes and tags.
 *
 * @example
 * ```ts
 * Ec24StateSchema.parse({
 *   instanceId: 'i-0123456789abcdef0',
 *   state: 'stopped',
 *   stateTransitionReason: 'User initiated (2026-09-01 08:30:00 GMT)',
 *   launchTime: '2026-08-15T09:00:00.000Z',
 *   terminationProtection: false,
 *   instanceType: 't3.micro',
 *   imageId: 'ami-0abcdef1234567890',
 *   volumes: [{ deviceName: '/dev/xvda', volumeId: 'vol-0a1b2c3d4e5f60718', deleteOnTermination: true }],
 *   tags: { Name: 'build-agent-7' },
 * });
 * ```
 */
export const Ec24StateSchema = z.lazy(() =>
  z.strictObject({
    instanceId: z.string().regex(INSTANCE_ID, 'Invalid instance id: expected i- and hex digits'),
    /** EC2 state name (`InstanceStateName`). */
    state: z.enum(['pending', 'running', 'shutting-down', 'terminated', 'stopping', 'stopped']),
    stateTransitionReason: z.string().optional(),
    /** When the instance was last started. */
    launchTime: IsoTimestampSchema.optional(),
    /** `DisableApiTermination` (termination protection) is on. */
    terminationProtection: z.boolean(),
    instanceType: z.string().optional(),
    imageId: z.string().optional(),
    volumes: z.array(Ec24VolumeSchema).readonly(),
    tags: TagsSchema,
  }),
);

/** Live state of EC2.4; inferred from {@link Ec24StateSchema}. */
export type Ec24State = z.infer<typeof Ec24StateSchema>;

/** What `apply` terminates. */
export interface Ec24Params {
  readonly instanceId: string;
}

/**
 * Since when the instance has certainly been stopped, and how SOAR knows:
 * 1. the stop time EC2 records in `StateTransitionReason` (`User initiated (YYYY-MM-DD hh:mm:ss GMT)`);
 * 2. otherwise the finding's `FirstObservedAt`, but only when the instance has not been started since
 *    (`LaunchTime` before it): Security Hub saw it stopped then, so it has been stopped ever since.
 * Returns `undefined` when neither applies.
 *
 * @example
 * ```ts
 * stoppedSince({ ...state, stateTransitionReason: 'User initiated (2026-10-01 12:00:00 GMT)' }, finding);
 * // { since: 2026-10-01T12:00:00.000Z, source: 'StateTransitionReason' }
 * ```
 */
export function stoppedSince(
  state: Pick<Ec24State, 'stateTransitionReason' | 'launchTime'>,
  finding: Pick<AwsSecurityFinding, 'FirstObservedAt'>,
): { readonly since: Date; readonly source: 'StateTransitionReason' | 'FirstObservedAt' } | undefined {
  const match = STOP_TIME.exec(state.stateTransitionReason ?? '');
  if (match !== null) {
    const since = Date.parse(`${match[1] ?? ''}T${match[2] ?? ''}Z`);
    if (!Number.isNaN(since)) return { since: new Date(since), source: 'StateTransitionReason' };
  }
  const firstObserved = Date.parse(finding.FirstObservedAt ?? '');
  const launched = Date.parse(state.launchTime ?? '');
  if (!Number.isNaN(firstObserved) && !Number.isNaN(launched) && launched < firstObserved) {
    return { since: new Date(firstObserved), source: 'FirstObservedAt' };
  }
  return undefined;
}

/** The instance id of the finding's instance (its id matched {@link INSTANCE_RESOURCE_ID} before). */
function instanceIdOf(resourceId: string): string {
  return INSTANCE_RESOURCE_ID.partsOf(resourceId).instanceId;
}

/**
 * EC2.4: stopped EC2 instances should be removed after a specified time period. Re-reads the
 * instance and terminates it only when it is still `stopped` (the original terminated
 * whatever the finding named, even a running instance), has been stopped for at least
 * {@link EC2_4_STOPPED_DAYS} days (see {@link stoppedSince}), and has no termination protection: a
 * protected instance gets a ticket, SOAR never turns the protection off (the original did).
 * Irreversible: volumes with `DeleteOnTermination` are destroyed with it.
 *
 * From the finding (`fromFinding`): always `unknown`. ASFF `AwsEc2Instance` details carry no state
 * name, stop time (`StateTransitionReason`) or termination protection, and a `FAILED` verdict only
 * says the instance was stopped longer than the control's `AllowedDays` (which may be shorter than
 * SOAR's {@link EC2_4_STOPPED_DAYS}) when Security Hub last looked. Any state SOAR made up could show a
 * termination that the live run refuses (termination protection on, instance started since), so the
 * reason says what SOAR would check and do instead.
 */
export const ec2_4 = defineControl<Ec24State, Ec24Params>({
  controlId: 'EC2.4',
  title: 'Stopped EC2 instances should be removed after a specified time period',
  fix: `Terminates an instance stopped for over ${EC2_4_STOPPED_DAYS} days, unless termination protection is on.`,
  resourceIds: { AwsEc2Instance: INSTANCE_RESOURCE_ID },
  iamActions: ['ec2:DescribeInstances', 'ec2:DescribeInstanceAttribute', 'ec2:TerminateInstances'],
  // DescribeInstances has no resource type; the attribute read and the termination name this instance.
  permissions: (context) => [
    { actions: ['ec2:DescribeInstances'], resources: ['*'] },
    {
      actions: ['ec2:DescribeInstanceAttribute', 'ec2:TerminateInstances'],
      resources: [regionalArn(context, 'ec2', `instance/${instanceIdOf(context.resource.Id)}`)],
    },
  ],
  destructive: true,
  reversible: false,
  stateSchema: Ec24StateSchema,

  async read(context) {
    const instanceId = instanceIdOf(context.resource.Id);
    const { EC2Client, DescribeInstanceAttributeCommand, DescribeInstancesCommand } = await sdk.ec2();
    const ec2 = context.client(EC2Client);
    let instance;
    try {
      const output = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
      instance = output.Reservations?.flatMap((r) => r.Instances ?? []).find(
        (i) => i.InstanceId === instanceId,
      );
    } catch (error) {
      if (classifyError(error) !== 'resource_not_found') throw error;
    }
    const stateName = instance?.State?.Name ?? 'terminated';
    if (instance === undefined || stateName === 'terminated' || stateName === 'shutting-down') {
      return { kind: 'gone', reason: `The instance ${instanceId} no longer exists (${stateName}).` };
    }
    const attribute = await ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'disableApiTermination' }),
    );
    const tags: Record<string, string> = {};
    for (const tag of instance.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    return {
      kind: 'found',
      state: {
        instanceId,
        state: stateName,
        stateTransitionReason: instance.StateTransitionReason,
        launchTime: instance.LaunchTime?.toISOString(),
        terminationProtection: attribute.DisableApiTermination?.Value === true,
        instanceType: instance.InstanceType,
        imageId: instance.ImageId,
        volumes: (instance.BlockDeviceMappings ?? []).map((m) => ({
          deviceName: m.DeviceName,
          volumeId: m.Ebs?.VolumeId,
          deleteOnTermination: m.Ebs?.DeleteOnTermination === true,
        })),
        tags,
      },
    };
  },

  fromFinding(context) {
    const instance = `the instance ${instanceIdOf(context.resource.Id)}`;
    const verdict =
      complianceOf(context.finding) === 'FAILED'
        ? `Security Hub reports ${instance} stopped for longer than allowed, but findings`
        : 'Findings';
    return {
      kind: 'unknown',
      reason:
        `${verdict} do not say an instance's current state, when it was stopped or whether termination protection is on. ` +
        `SOAR checks these on the live instance before it changes anything: it terminates ${instance} only when it ` +
        `is still stopped, has been for ${EC2_4_STOPPED_DAYS} days or more, and is not protected.`,
    };
  },

  plan(state, context) {
    const id = state.instanceId;
    if (state.state === 'stopping') {
      return {
        kind: 'defer',
        reason: `The instance ${id} is stopping right now; SOAR will look again later.`,
      };
    }
    if (state.state !== 'stopped') {
      return { kind: 'compliant', reason: `The instance ${id} is ${state.state} now, so it is not removed.` };
    }
    if (state.terminationProtection) {
      return {
        kind: 'refuse',
        reason: `The instance ${id} has been stopped for a long time, but termination protection is on, so SOAR did not terminate it. Terminate it yourself if it is no longer needed, or start it if it is.`,
      };
    }
    const stopped = stoppedSince(state, context.finding);
    if (stopped === undefined) {
      return {
        kind: 'refuse',
        reason: `SOAR cannot tell how long the instance ${id} has been stopped (no stop time in its state reason, and it was started after the finding was first seen), so it did not terminate it.`,
      };
    }
    const days = (context.now.getTime() - stopped.since.getTime()) / DAY_MS;
    if (days < EC2_4_STOPPED_DAYS) {
      return {
        kind: 'defer',
        reason: `The instance ${id} has been stopped for ${Math.max(0, Math.floor(days))} of ${EC2_4_STOPPED_DAYS} days (since ${stopped.since.toISOString()}, from its ${stopped.source}).`,
      };
    }
    const destroyed = state.volumes
      .filter((v) => v.deleteOnTermination)
      .map((v) => v.volumeId ?? v.deviceName);
    const kept = state.volumes.filter((v) => !v.deleteOnTermination).map((v) => v.volumeId ?? v.deviceName);
    return {
      kind: 'changes',
      changes: [
        {
          action: 'ec2:TerminateInstances',
          description:
            `Terminated the instance ${id}: it had been stopped for ${Math.floor(days)} days (since ${stopped.since.toISOString().slice(0, 10)}).` +
            (destroyed.length > 0 ? ` Its volumes ${destroyed.join(', ')} were deleted with it.` : ''),
          params: { instanceId: id },
        },
      ],
      beforeImage: {
        instanceId: id,
        instanceType: state.instanceType,
        imageId: state.imageId,
        stoppedSince: stopped.since.toISOString(),
        volumes: state.volumes,
        tags: state.tags,
      },
      actionsRequired:
        (kept.length > 0
          ? `The volumes ${kept.join(', ')} were kept; delete them if no longer needed. `
          : '') + 'Stopped instances still cost storage; remove them through the code that created them.',
      removesResource: true,
    };
  },

  async apply(changes, context) {
    const { EC2Client, TerminateInstancesCommand } = await sdk.ec2();
    const ec2 = context.client(EC2Client);
    for (const change of changes) {
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [change.params.instanceId] }));
    }
  },

  tags: (state) => state.tags,
});
