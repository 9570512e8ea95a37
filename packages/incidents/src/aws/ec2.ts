import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  EC2Client,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { type AwsAccess, isPartition } from '@soar/aws-access';
import type { InstanceRef } from '../classify';
import type { TerminationResult } from '../containment/contain';
import type { InstanceSnapshot } from '../containment/guard';
import { ContainmentError } from '../errors';

/** The session name purpose of every containment call in a member account. */
export const CONTAINMENT_PURPOSE = 'contain-ec2';

/** Options of {@link createEc2Containment}. */
export interface Ec2ContainmentOptions {
  /** Cross-account client factory (`createAwsAccess()` of `@soar/aws-access`). */
  readonly access: Pick<AwsAccess, 'client'>;
}

/** The IAM actions of the member-account sessions, for the role and the session policies. */
export const CONTAINMENT_IAM_ACTIONS = [
  'ec2:DescribeInstances',
  'ec2:DescribeInstanceAttribute',
  'ec2:TerminateInstances',
] as const;

function instanceArn(instance: InstanceRef): string {
  return `arn:${instance.partition}:ec2:${instance.region}:${instance.accountId}:instance/${instance.instanceId}`;
}

function ec2For(options: Ec2ContainmentOptions, instance: InstanceRef, write: boolean): EC2Client {
  const partition = isPartition(instance.partition) ? instance.partition : undefined;
  return options.access.client(
    EC2Client,
    {
      accountId: instance.accountId,
      region: instance.region,
      ...(partition === undefined ? {} : { partition }),
    },
    {
      purpose: CONTAINMENT_PURPOSE,
      // DescribeInstances has no resource type: it needs "*". The other two name the instance.
      statements: write
        ? [{ actions: ['ec2:TerminateInstances'], resources: [instanceArn(instance)] }]
        : [
            { actions: ['ec2:DescribeInstances'], resources: ['*'] },
            { actions: ['ec2:DescribeInstanceAttribute'], resources: [instanceArn(instance)] },
          ],
    },
  );
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/**
 * The EC2 side of containment in the instance's own account, through `@soar/aws-access` (a session
 * limited to the instance): `readInstance` (DescribeInstances, then DescribeInstanceAttribute
 * `disableApiTermination`) and `terminateInstance` (TerminateInstances). Termination protection is
 * never turned off.
 *
 * @throws {ContainmentError} when EC2 refuses or fails (the cause attached); an instance that no
 * longer exists is `{ found: false }`, not an error.
 *
 * @example
 * ```ts
 * const ec2 = createEc2Containment({ access: createAwsAccess({ roleName: 'SoarMemberRole' }) });
 * const snapshot = await ec2.readInstance(instance);
 * ```
 */
export function createEc2Containment(options: Ec2ContainmentOptions): {
  readInstance(instance: InstanceRef): Promise<InstanceSnapshot>;
  terminateInstance(instance: InstanceRef): Promise<TerminationResult>;
} {
  return {
    async readInstance(instance) {
      const context = { accountId: instance.accountId, resourceArn: instanceArn(instance) };
      const ec2 = ec2For(options, instance, false);
      const id = instance.instanceId;
      try {
        const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
        const found = (described.Reservations ?? [])
          .flatMap((reservation) => reservation.Instances ?? [])
          .find((candidate) => candidate.InstanceId === id);
        if (found === undefined) return { found: false, instanceId: id };
        const attribute = await ec2.send(
          new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'disableApiTermination' }),
        );
        const tags: Record<string, string> = {};
        for (const tag of found.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
        return {
          found: true,
          instanceId: id,
          state: found.State?.Name ?? 'unknown',
          tags,
          terminationProtection: attribute.DisableApiTermination?.Value === true,
        };
      } catch (error) {
        if (errorName(error) === 'InvalidInstanceID.NotFound') return { found: false, instanceId: id };
        throw new ContainmentError(`Could not read the instance ${id}.`, { cause: error, context });
      }
    },

    async terminateInstance(instance) {
      const context = { accountId: instance.accountId, resourceArn: instanceArn(instance) };
      const id = instance.instanceId;
      try {
        const out = await ec2For(options, instance, true).send(
          new TerminateInstancesCommand({ InstanceIds: [id] }),
        );
        const change = out.TerminatingInstances?.find((candidate) => candidate.InstanceId === id);
        return { previousState: change?.PreviousState?.Name, currentState: change?.CurrentState?.Name };
      } catch (error) {
        throw new ContainmentError(`Could not terminate the instance ${id}.`, { cause: error, context });
      }
    },
  };
}
