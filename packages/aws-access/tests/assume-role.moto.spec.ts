/**
 * Integration tests against a real moto server: assumed-role clients really act in the member account,
 * credentials are reused, and the session policy is sent.
 *
 * In moto, requests signed with credentials from `sts:AssumeRole` of `arn:<partition>:iam::<account>:role/<x>`
 * act in `<account>`; any other access key acts in the default account 123456789012. Moto does not
 * evaluate IAM (or session) policies, so these tests check what is *sent*, not what is enforced.
 */
import {
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { type AssumeRoleCommandInput, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type MotoServer, startMotoServer } from '@soar/testing';
import { type AccessScope, buildSessionPolicy, createAwsAccess, type AwsAccessOptions } from '../src';

const BASE_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const CALLER_ACCOUNT = '123456789012'; // moto's default account
const MEMBER = '222222222222';
const REGION = 'eu-west-1';
const WHOAMI: AccessScope = { purpose: 'whoami' };

let moto: MotoServer;

beforeAll(async () => {
  moto = await startMotoServer();
}, 30_000);
afterAll(() => moto.stop());
afterEach(() => moto.reset());

/** An STS client for the base credentials that records every call it makes. */
function recordingSts() {
  const commands: string[] = [];
  const assumeRoleInputs: AssumeRoleCommandInput[] = [];
  const sts = new STSClient({ endpoint: moto.endpoint, region: REGION, credentials: BASE_CREDENTIALS });
  sts.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(context.commandName ?? 'unknown');
      if (context.commandName === 'AssumeRoleCommand')
        assumeRoleInputs.push(args.input as AssumeRoleCommandInput);
      return next(args);
    },
    { step: 'initialize', name: 'recordStsCalls' },
  );
  return { sts, commands, assumeRoleInputs };
}

function createAccess(options: AwsAccessOptions = {}) {
  return createAwsAccess({
    endpoint: moto.endpoint,
    credentials: BASE_CREDENTIALS,
    defaultRegion: REGION,
    ...options,
  });
}

/** Clients of the caller's own (default) account, without any role assumption. */
function baseClient<C>(ClientClass: new (config: object) => C): C {
  return new ClientClass({ endpoint: moto.endpoint, region: REGION, credentials: BASE_CREDENTIALS });
}

function groupNamed(name: string) {
  return new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] });
}

function owners(groups: SecurityGroup[] | undefined): (string | undefined)[] {
  return (groups ?? []).map((group) => group.OwnerId);
}

describe('assume role against moto', () => {
  it('acts in the member account, invisible to the caller account', async () => {
    // Arrange
    const access = createAccess();
    const target = { accountId: MEMBER };
    const memberSts = access.client(STSClient, target, WHOAMI);
    const memberEc2 = access.client(EC2Client, target, { purpose: 'contain' });
    const memberS3 = access.client(S3Client, target, { purpose: 'evidence' });

    // Act
    const identity = await memberSts.send(new GetCallerIdentityCommand({}));
    const { GroupId } = await memberEc2.send(
      new CreateSecurityGroupCommand({ GroupName: 'soar-quarantine', Description: 'SOAR isolation' }),
    );
    await memberS3.send(new CreateBucketCommand({ Bucket: 'soar-member-evidence' }));

    // Assert: the member clients are the member account...
    expect(identity.Account).toBe(MEMBER);
    expect(identity.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/AWSControlTowerExecution/soar-whoami`);
    const inMember = await memberEc2.send(groupNamed('soar-quarantine'));
    expect(inMember.SecurityGroups?.map((group) => group.GroupId)).toEqual([GroupId]);
    expect(owners(inMember.SecurityGroups)).toEqual([MEMBER]);
    const memberBuckets = await memberS3.send(new ListBucketsCommand({}));
    expect(memberBuckets.Buckets?.map((bucket) => bucket.Name)).toEqual(['soar-member-evidence']);

    // ...and nothing they did is visible to the caller's own account.
    const callerIdentity = await baseClient(STSClient).send(new GetCallerIdentityCommand({}));
    expect(callerIdentity.Account).toBe(CALLER_ACCOUNT);
    const inCaller = await baseClient(EC2Client).send(groupNamed('soar-quarantine'));
    expect(inCaller.SecurityGroups).toEqual([]);
    const callerBuckets = await baseClient(S3Client).send(new ListBucketsCommand({}));
    expect(callerBuckets.Buckets ?? []).toEqual([]);
  });

  it('reuses credentials: many clients and calls make one AssumeRole per session', async () => {
    // Arrange
    const recording = recordingSts();
    const access = createAccess({ sts: recording.sts });
    const target = { accountId: MEMBER };
    const scope: AccessScope = {
      purpose: 'triage',
      actions: ['ec2:DescribeSecurityGroups', 'sts:GetCallerIdentity'],
    };

    // Act: 3 services x 4 clients, 2 concurrent calls each = 24 calls, all for the same session.
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 4; i += 1) {
      const ec2 = access.client(EC2Client, target, scope);
      const sts = access.client(STSClient, target, scope);
      const s3 = access.client(S3Client, target, scope);
      calls.push(
        ec2.send(new DescribeSecurityGroupsCommand({})),
        ec2.send(new DescribeSecurityGroupsCommand({})),
        sts.send(new GetCallerIdentityCommand({})),
        sts.send(new GetCallerIdentityCommand({})),
        s3.send(new ListBucketsCommand({})),
        s3.send(new ListBucketsCommand({})),
      );
    }
    await Promise.all(calls);
    // A different purpose is a different session.
    await access.client(STSClient, target, WHOAMI).send(new GetCallerIdentityCommand({}));

    // Assert
    expect(calls).toHaveLength(24);
    expect(recording.commands).toEqual(['AssumeRoleCommand', 'AssumeRoleCommand']);
    expect(recording.assumeRoleInputs.map((input) => input.RoleSessionName)).toEqual([
      'soar-triage',
      'soar-whoami',
    ]);
  });

  it('sends the session policy, session name, role ARN and duration on AssumeRole', async () => {
    // Arrange
    const recording = recordingSts();
    const access = createAccess({ sts: recording.sts, roleName: 'OrganizationAccountAccessRole' });
    const actions = ['ec2:RevokeSecurityGroupIngress', 'ec2:DescribeSecurityGroups'];
    const ec2 = access.client(
      EC2Client,
      { arn: `arn:aws:ec2:${REGION}:${MEMBER}:security-group/sg-0123456789abcdef0` },
      { purpose: 'remediate-EC2.2', actions },
    );

    // Act
    await ec2.send(new DescribeSecurityGroupsCommand({}));

    // Assert
    expect(recording.assumeRoleInputs).toEqual([
      {
        RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'soar-remediate-EC2.2',
        DurationSeconds: 3600,
        Policy: buildSessionPolicy(actions),
      },
    ]);
    expect(JSON.parse(recording.assumeRoleInputs[0]?.Policy ?? '')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress'],
          Resource: '*',
        },
      ],
    });
  });

  it.each([
    ['aws-cn', `arn:aws-cn:ec2:cn-north-1:${MEMBER}:vpc/vpc-1`, 'cn-north-1'],
    ['aws-us-gov', `arn:aws-us-gov:iam::${MEMBER}:role/some-role`, 'us-gov-west-1'],
  ])('assumes the role in the %s partition of a resource ARN', async (partition, arn, region) => {
    const sts = createAccess().client(STSClient, { arn }, WHOAMI);

    const identity = await sts.send(new GetCallerIdentityCommand({}));

    expect(await sts.config.region()).toBe(region);
    expect(identity.Arn).toBe(
      `arn:${partition}:sts::${MEMBER}:assumed-role/AWSControlTowerExecution/soar-whoami`,
    );
  });

  it('works with AWS_ENDPOINT_URL instead of the endpoint option, because it passes no endpoint', async () => {
    const previous = process.env['AWS_ENDPOINT_URL'];
    process.env['AWS_ENDPOINT_URL'] = moto.endpoint;
    try {
      const access = createAwsAccess({ credentials: BASE_CREDENTIALS, defaultRegion: REGION });

      const identity = await access
        .client(STSClient, { accountId: MEMBER }, WHOAMI)
        .send(new GetCallerIdentityCommand({}));

      expect(identity.Account).toBe(MEMBER);
    } finally {
      if (previous === undefined) delete process.env['AWS_ENDPOINT_URL'];
      else process.env['AWS_ENDPOINT_URL'] = previous;
    }
  });
});
