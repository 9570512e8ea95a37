import { EC2Client, RunInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { ec2_4, EC2_4_STOPPED_DAYS } from '../../src/controls/ec2/ec2-4';
import { registerControl } from '../../src/engine/control';
import { MEMBER_ACCOUNT, REGION, type RemediationScenario } from '../remediation-harness';

/**
 * EC2.4: an instance in the member account, stopped right now. The control measures the stop time
 * from the live `StateTransitionReason`, which moto sets to the real clock, so runs that should act
 * pass the runner's `now` option ({@link EC2_4_ACT_NOW}); with the default clock the run defers.
 */
export const scenario: RemediationScenario = {
  control: registerControl(ec2_4),
  now: () => EC2_4_ACT_NOW(),
  async arrange(access) {
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'arrange' },
    );
    const { Instances } = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
      }),
    );
    const instanceId = Instances?.[0]?.InstanceId;
    if (instanceId === undefined) throw new Error('moto returned no InstanceId');
    await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    return {
      Type: 'AwsEc2Instance',
      Id: `arn:aws:ec2:${REGION}:${MEMBER_ACCOUNT}:instance/${instanceId}`,
      Partition: 'aws',
      Region: REGION,
    };
  },
};

/** A clock past the stopped-days threshold of an instance `arrange` just stopped. */
export const EC2_4_ACT_NOW = (): Date =>
  new Date(Date.now() + (EC2_4_STOPPED_DAYS + 1) * 24 * 60 * 60 * 1000);
