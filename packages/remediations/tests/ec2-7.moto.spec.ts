import { EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { scenario } from './scenarios/ec2-7';

describe('Control: EC2.7 (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(() => moto.stop());

  it('turns on EBS default encryption, and a second run changes nothing', async () => {
    // Arrange: the member account starts non-compliant
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);

    // Act
    const first = await run(scenario.control, padFor('EC2.7', resource), { access });
    const second = await run(scenario.control, padFor('EC2.7', resource), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('encryption by default')],
    });
    expect(first.scratchpad.actions).toEqual({
      suppress_finding: false,
      autoremediation_not_done: false,
      reconsider_later: false,
    });
    const ec2 = access.client(
      EC2Client,
      { accountId: MEMBER_ACCOUNT, region: REGION },
      { purpose: 'assert' },
    );
    expect((await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(true);
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
  });
});
