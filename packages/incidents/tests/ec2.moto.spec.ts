import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  RunInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { createAwsAccess, type AwsAccess } from '@soar/aws-access';
import { startMotoServer, TEST_ACCOUNT_ID, TEST_REGION, type MotoServer } from '@soar/testing';
import { createEc2Containment } from '../src/aws';
import type { InstanceRef } from '../src/classify';
import { IncidentsConfigSchema } from '../src/config';
import { containIncident } from '../src/containment/contain';
import { anAccount, guardDuty } from './findings';

function motoAccess(moto: MotoServer): AwsAccess {
  return createAwsAccess({
    endpoint: moto.endpoint,
    defaultRegion: TEST_REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
}

const config = IncidentsConfigSchema.parse({ containment: { enabled: true } });

describe('Adapter: createEc2Containment (moto)', () => {
  let moto: MotoServer;
  let access: AwsAccess;
  let ec2: EC2Client;

  beforeAll(async () => {
    moto = await startMotoServer();
    access = motoAccess(moto);
    ec2 = access.client(EC2Client, { accountId: TEST_ACCOUNT_ID, region: TEST_REGION }, { purpose: 'test' });
  });
  afterAll(() => moto.stop());

  async function anInstance(): Promise<InstanceRef> {
    const out = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
      }),
    );
    const instanceId = out.Instances?.[0]?.InstanceId ?? '';
    return { instanceId, accountId: TEST_ACCOUNT_ID, region: TEST_REGION, partition: 'aws' };
  }

  async function stateOf(instanceId: string): Promise<string | undefined> {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    return out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
  }

  /** A GuardDuty EC2 finding about the instance. */
  function findingAbout(instance: InstanceRef) {
    return guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH', [
      {
        Type: 'AwsEc2Instance',
        Id: `arn:aws:ec2:${TEST_REGION}:${TEST_ACCOUNT_ID}:instance/${instance.instanceId}`,
        Region: TEST_REGION,
      },
    ]);
  }

  it('reads state, tags and termination protection of a running instance', async () => {
    // Arrange
    const instance = await anInstance();
    await ec2.send(
      new CreateTagsCommand({
        Resources: [instance.instanceId],
        Tags: [{ Key: 'soar:protect', Value: 'yes' }],
      }),
    );

    // Act
    const snapshot = await createEc2Containment({ access }).readInstance(instance);

    // Assert
    expect(snapshot).toEqual({
      found: true,
      instanceId: instance.instanceId,
      state: 'running',
      tags: { 'soar:protect': 'yes' },
      terminationProtection: false,
    });
  });

  it('reads termination protection', async () => {
    const instance = await anInstance();
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: instance.instanceId,
        DisableApiTermination: { Value: true },
      }),
    );
    expect(await createEc2Containment({ access }).readInstance(instance)).toMatchObject({
      found: true,
      terminationProtection: true,
    });
  });

  it('reads an instance that does not exist as not found', async () => {
    const gone = {
      instanceId: 'i-0000000000000dead',
      accountId: TEST_ACCOUNT_ID,
      region: TEST_REGION,
      partition: 'aws',
    };
    expect(await createEc2Containment({ access }).readInstance(gone)).toEqual({
      found: false,
      instanceId: gone.instanceId,
    });
  });

  it('terminates a running instance end to end', async () => {
    const instance = await anInstance();
    const outcome = await containIncident(
      findingAbout(instance),
      { account: anAccount() },
      config,
      createEc2Containment({ access }),
    );
    expect(outcome).toMatchObject({ kind: 'terminated', termination: { previousState: 'running' } });
    expect(await stateOf(instance.instanceId)).toBe('terminated');
  });

  it.each([
    ['protected by its tag', 'protected_tag'],
    ['protected from termination', 'termination_protection'],
    ['already stopped', 'not_running'],
  ] as const)('leaves an instance %s running or as it is', async (_name, reason) => {
    const instance = await anInstance();
    const id = instance.instanceId;
    if (reason === 'protected_tag') {
      await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'soar:protect', Value: '' }] }));
    } else if (reason === 'termination_protection') {
      await ec2.send(
        new ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiTermination: { Value: true } }),
      );
    } else {
      await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    }
    const before = await stateOf(id);

    const outcome = await containIncident(
      findingAbout(instance),
      { account: anAccount() },
      config,
      createEc2Containment({ access }),
    );

    expect(outcome).toMatchObject({ kind: 'refused', reason });
    expect(await stateOf(id)).toBe(before);
  });
});
