import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { type AccessScope, type AwsAccessOptions, createAwsAccess, type Target } from './aws-access';
import {
  AccessDeniedError,
  AssumeRoleError,
  AwsAccessError,
  CallerIdentityError,
  InvalidTargetError,
  SessionPolicyError,
  ValidationError,
} from './errors';

const sts = mockClient(STSClient);

const START = Date.parse('2030-01-01T00:00:00Z');
const SECOND = 1000;
const MEMBER = '111122223333';
const OTHER = '444455556666';
const BASE = { accessKeyId: 'AKIABASE', secretAccessKey: 'base-secret' };
const TRIAGE: AccessScope = { purpose: 'triage' };
const EC2_2: AccessScope = {
  purpose: 'remediate-EC2.2',
  actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:DescribeSecurityGroups'],
};

let now = START;
let issued = 0;

/** A fake STS that issues distinct credentials valid for the requested duration. */
function issueCredentials(input: AssumeRoleCommandInput) {
  issued += 1;
  return {
    Credentials: {
      AccessKeyId: `ASIA${issued}`,
      SecretAccessKey: `secret-${issued}`,
      SessionToken: `token-${issued}`,
      Expiration: new Date(now + (input.DurationSeconds ?? 3600) * SECOND),
    },
    AssumedRoleUser: {
      AssumedRoleId: `AROA:${input.RoleSessionName}`,
      Arn: 'arn:aws:sts::x:assumed-role/r/s',
    },
  };
}

function stsError(name: string, message = name): STSServiceException {
  return new STSServiceException({ name, message, $fault: 'client', $metadata: {} });
}

function access(options: AwsAccessOptions = {}) {
  return createAwsAccess({ defaultRegion: 'eu-west-1', credentials: BASE, now: () => now, ...options });
}

function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

beforeEach(() => {
  now = START;
  issued = 0;
  sts.reset();
  sts.on(AssumeRoleCommand).callsFake(issueCredentials);
});

describe('createAwsAccess: assume role', () => {
  it('assumes AWSControlTowerExecution by default, with the purpose as session name and 1 h duration', async () => {
    const credentials = await access().credentials({ accountId: MEMBER }, TRIAGE);

    expect(credentials).toEqual({
      accessKeyId: 'ASIA1',
      secretAccessKey: 'secret-1',
      sessionToken: 'token-1',
      expiration: new Date(START + 3600 * SECOND),
      accountId: MEMBER,
    });
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
    // Exactly these keys: no Policy without actions, no ExternalId unless configured.
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({
      RoleArn: `arn:aws:iam::${MEMBER}:role/AWSControlTowerExecution`,
      RoleSessionName: 'soar-triage',
      DurationSeconds: 3600,
    });
  });

  it('sends the exact session policy JSON built from the scope', async () => {
    await access().credentials(
      { accountId: MEMBER },
      { ...EC2_2, resources: ['arn:aws:ec2:*:*:security-group/*'] },
    );

    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleSessionName: 'soar-remediate-EC2.2',
      Policy:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",' +
        '"Action":["ec2:DescribeSecurityGroups","ec2:RevokeSecurityGroupIngress"],' +
        '"Resource":["arn:aws:ec2:*:*:security-group/*"]}]}',
    });
  });

  it('uses the configured role name, external id and duration', async () => {
    await access({
      roleName: 'OrganizationAccountAccessRole',
      externalId: 'soar-ext-123',
      durationSeconds: 900,
      refreshMarginSeconds: 60,
    }).credentials({ accountId: MEMBER }, TRIAGE);

    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
      ExternalId: 'soar-ext-123',
      DurationSeconds: 900,
    });
  });

  it('lets a target override the role name', async () => {
    await access().credentials({ accountId: MEMBER, roleName: 'SoarRemediation' }, TRIAGE);
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: `arn:aws:iam::${MEMBER}:role/SoarRemediation`,
    });
  });
});

describe('createAwsAccess: credential cache', () => {
  it('reuses credentials for the same account, role, partition, session name and policy', async () => {
    const a = access();
    const first = await a.credentials({ accountId: MEMBER }, EC2_2);
    const again = await a.credentials({ accountId: MEMBER, region: 'us-east-1' }, EC2_2); // region is no part of the key
    const reordered = await a.credentials(
      { arn: `arn:aws:ec2:eu-west-1:${MEMBER}:security-group/sg-1` },
      {
        purpose: 'remediate-EC2.2',
        actions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress'],
      },
    );

    expect(again).toBe(first);
    expect(reordered).toBe(first);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
  });

  it.each<[string, Target, AccessScope]>([
    ['account', { accountId: OTHER }, EC2_2],
    ['role name', { accountId: MEMBER, roleName: 'OrganizationAccountAccessRole' }, EC2_2],
    ['partition', { accountId: MEMBER, partition: 'aws-us-gov' }, EC2_2],
    ['purpose', { accountId: MEMBER }, { ...EC2_2, purpose: 'remediate-EC2.19' }],
    ['policy', { accountId: MEMBER }, { ...EC2_2, actions: ['ec2:DescribeSecurityGroups'] }],
    ['no policy', { accountId: MEMBER }, { purpose: EC2_2.purpose }],
  ])('assumes again when the %s differs', async (_, target, scope) => {
    const a = access();
    const first = await a.credentials({ accountId: MEMBER }, EC2_2);
    const second = await a.credentials(target, scope);

    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('refreshes credentials once they are within the refresh margin of expiry', async () => {
    const a = access({ durationSeconds: 900, refreshMarginSeconds: 120 });
    const first = await a.credentials({ accountId: MEMBER }, TRIAGE);

    now = START + (900 - 120) * SECOND - 1; // 1 ms before the margin
    expect(await a.credentials({ accountId: MEMBER }, TRIAGE)).toBe(first);
    now += 1; // margin reached
    const refreshed = await a.credentials({ accountId: MEMBER }, TRIAGE);

    expect(refreshed.accessKeyId).toBe('ASIA2');
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('uses a 5 minute refresh margin by default', async () => {
    const a = access();
    await a.credentials({ accountId: MEMBER }, TRIAGE);
    now = START + (3600 - 300) * SECOND - 1;
    await a.credentials({ accountId: MEMBER }, TRIAGE);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
    now += 1;
    await a.credentials({ accountId: MEMBER }, TRIAGE);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('makes one AssumeRole for many concurrent callers of the same key', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    sts.on(AssumeRoleCommand).callsFake(async (input: AssumeRoleCommandInput) => {
      await gate;
      return issueCredentials(input);
    });
    const a = access();

    const pending = Array.from({ length: 50 }, () => a.credentials({ accountId: MEMBER }, EC2_2));
    const other = a.credentials({ accountId: OTHER }, EC2_2);
    release();
    const results = await Promise.all(pending);

    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1);
    expect((await other).accessKeyId).not.toBe(results[0]?.accessKeyId);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('shares credentials between clients of different services for the same key', async () => {
    const a = access();
    const ec2 = a.client(EC2Client, { accountId: MEMBER }, TRIAGE);
    const s3 = a.client(S3Client, { accountId: MEMBER }, TRIAGE);
    const [viaEc2, viaS3] = await Promise.all([ec2.config.credentials(), s3.config.credentials()]);

    expect(viaEc2.accessKeyId).toBe(viaS3.accessKeyId);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
  });

  it('does not cache a failed AssumeRole: the next call tries again', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(stsError('Throttling', 'Rate exceeded'))
      .callsFake(issueCredentials);
    const a = access();

    await expect(a.credentials({ accountId: MEMBER }, TRIAGE)).rejects.toThrow(AssumeRoleError);
    await expect(a.credentials({ accountId: MEMBER }, TRIAGE)).resolves.toMatchObject({
      accessKeyId: 'ASIA1',
    });
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('honours forceRefresh from the SDK', async () => {
    const a = access();
    const { credentials } = a.clientConfig({ accountId: MEMBER }, TRIAGE);
    await credentials();
    await credentials();
    await credentials({ forceRefresh: true });
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('clearCache() forgets credentials', async () => {
    const a = access();
    await a.credentials({ accountId: MEMBER }, TRIAGE);
    a.clearCache();
    await a.credentials({ accountId: MEMBER }, TRIAGE);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('keeps caches of separate factories apart', async () => {
    await access().credentials({ accountId: MEMBER }, TRIAGE);
    await access().credentials({ accountId: MEMBER }, TRIAGE);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });
});

describe('createAwsAccess: errors', () => {
  it('reports a denied AssumeRole as AccessDeniedError with account, role ARN and cause', async () => {
    const denied = stsError('AccessDenied', 'User is not authorized to perform: sts:AssumeRole');
    sts.on(AssumeRoleCommand).rejects(denied);

    const error: unknown = await access()
      .credentials({ accountId: MEMBER }, TRIAGE)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toBeInstanceOf(AssumeRoleError);
    expect(error).toBeInstanceOf(AwsAccessError);
    expect(error).toMatchObject({
      name: 'AccessDeniedError',
      accountId: MEMBER,
      roleArn: `arn:aws:iam::${MEMBER}:role/AWSControlTowerExecution`,
      sessionName: 'soar-triage',
      awsErrorName: 'AccessDenied',
      cause: denied,
    });
    expect((error as Error).message).toContain('not authorized');
  });

  it('reports other STS failures as AssumeRoleError, not AccessDeniedError', async () => {
    sts.on(AssumeRoleCommand).rejects(stsError('RegionDisabledException'));
    const error: unknown = await access()
      .credentials({ accountId: MEMBER }, TRIAGE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssumeRoleError);
    expect(error).not.toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({ awsErrorName: 'RegionDisabledException' });
  });

  it('rejects a response without complete credentials', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: undefined });
    await expect(access().credentials({ accountId: MEMBER }, TRIAGE)).rejects.toThrow(
      /incomplete credentials/,
    );
  });

  it('surfaces the error from client.send, before any request to the service', async () => {
    sts.on(AssumeRoleCommand).rejects(stsError('AccessDenied'));
    const ec2 = access().client(EC2Client, { accountId: MEMBER }, TRIAGE);
    await expect(ec2.send(new DescribeSecurityGroupsCommand({}))).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe('createAwsAccess: targets', () => {
  it.each<[string, string, object]>([
    [
      'aws',
      `arn:aws:ec2:ap-southeast-2:${MEMBER}:security-group/sg-1`,
      {
        partition: 'aws',
        region: 'ap-southeast-2',
        roleArn: `arn:aws:iam::${MEMBER}:role/AWSControlTowerExecution`,
      },
    ],
    [
      'aws-cn',
      `arn:aws-cn:ec2:cn-northwest-1:${MEMBER}:instance/i-1`,
      {
        partition: 'aws-cn',
        region: 'cn-northwest-1',
        roleArn: `arn:aws-cn:iam::${MEMBER}:role/AWSControlTowerExecution`,
      },
    ],
    [
      'aws-us-gov',
      `arn:aws-us-gov:ec2:us-gov-east-1:${MEMBER}:vpc/vpc-1`,
      {
        partition: 'aws-us-gov',
        region: 'us-gov-east-1',
        roleArn: `arn:aws-us-gov:iam::${MEMBER}:role/AWSControlTowerExecution`,
      },
    ],
    [
      'global IAM in the default partition',
      `arn:aws:iam::${MEMBER}:role/x`,
      { partition: 'aws', region: 'eu-west-1' },
    ],
    [
      'global IAM in another partition',
      `arn:aws-cn:iam::${MEMBER}:role/x`,
      { partition: 'aws-cn', region: 'cn-north-1' },
    ],
  ])('takes partition, account and region from an %s ARN', (_, arn, expected) => {
    expect(access().resolve({ arn }, TRIAGE)).toMatchObject({ accountId: MEMBER, ...expected });
  });

  it('takes the account of an S3 bucket ARN from the target, and the region from the target or default', () => {
    const a = access();
    expect(a.resolve({ arn: 'arn:aws:s3:::my-bucket', accountId: MEMBER }, TRIAGE)).toMatchObject({
      accountId: MEMBER,
      region: 'eu-west-1',
    });
    expect(
      a.resolve({ arn: 'arn:aws:s3:::my-bucket', accountId: MEMBER, region: 'us-west-2' }, TRIAGE),
    ).toMatchObject({
      region: 'us-west-2',
    });
  });

  it('derives the partition of an account target from its region', () => {
    expect(access().resolve({ accountId: MEMBER, region: 'us-gov-west-1' }, TRIAGE)).toMatchObject({
      partition: 'aws-us-gov',
      roleArn: `arn:aws-us-gov:iam::${MEMBER}:role/AWSControlTowerExecution`,
    });
    expect(access().resolve({ accountId: MEMBER, partition: 'aws-cn' }, TRIAGE)).toMatchObject({
      region: 'cn-north-1',
    });
  });

  it('takes the default region from AWS_REGION when not configured', () => {
    const previous = process.env['AWS_REGION'];
    process.env['AWS_REGION'] = 'ca-central-1';
    try {
      const a = createAwsAccess({ credentials: BASE });
      expect(a.resolve({ accountId: MEMBER }, TRIAGE).region).toBe('ca-central-1');
    } finally {
      if (previous === undefined) delete process.env['AWS_REGION'];
      else process.env['AWS_REGION'] = previous;
    }
  });

  it('calls STS of the target partition, in a region of that partition', async () => {
    const clients: [string, string][] = [];
    const a = access({
      sts: (partition, region) => {
        clients.push([partition, region]);
        return new STSClient({ region, credentials: BASE });
      },
    });
    await a.credentials({ arn: `arn:aws:ec2:us-east-1:${MEMBER}:vpc/vpc-1` }, TRIAGE);
    await a.credentials({ arn: `arn:aws-cn:ec2:cn-northwest-1:${MEMBER}:vpc/vpc-1` }, TRIAGE);
    await a.credentials({ arn: `arn:aws-us-gov:ec2:us-gov-east-1:${MEMBER}:vpc/vpc-1` }, TRIAGE);
    await a.credentials({ arn: `arn:aws-cn:iam::${OTHER}:role/x` }, TRIAGE);

    expect(clients).toEqual([
      ['aws', 'eu-west-1'],
      ['aws-cn', 'cn-north-1'],
      ['aws-us-gov', 'us-gov-west-1'],
    ]);
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input.RoleArn)).toEqual([
      `arn:aws:iam::${MEMBER}:role/AWSControlTowerExecution`,
      `arn:aws-cn:iam::${MEMBER}:role/AWSControlTowerExecution`,
      `arn:aws-us-gov:iam::${MEMBER}:role/AWSControlTowerExecution`,
      `arn:aws-cn:iam::${OTHER}:role/AWSControlTowerExecution`,
    ]);
  });
});

describe('createAwsAccess: clients', () => {
  it('builds fully typed clients of any service, in the target region, with adaptive retries', async () => {
    const a = access({ maxAttempts: 7 });
    const ec2: EC2Client = a.client(EC2Client, { arn: `arn:aws:ec2:sa-east-1:${MEMBER}:vpc/vpc-1` }, TRIAGE);
    const securityHub: SecurityHubClient = a.client(SecurityHubClient, { accountId: MEMBER }, TRIAGE);
    const dynamodb: DynamoDBClient = a.client(
      DynamoDBClient,
      { accountId: MEMBER, region: 'us-east-2' },
      TRIAGE,
    );

    expect(await ec2.config.region()).toBe('sa-east-1');
    expect(await securityHub.config.region()).toBe('eu-west-1');
    expect(await dynamodb.config.region()).toBe('us-east-2');
    expect(await ec2.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await ec2.config.maxAttempts()).toBe(7);
    expect(await ec2.config.credentials()).toMatchObject({ accessKeyId: 'ASIA1', accountId: MEMBER });
  });

  it('sets no endpoint unless asked, so AWS_ENDPOINT_URL(_<SERVICE>) keeps working', () => {
    expect(access().clientConfig({ accountId: MEMBER }, TRIAGE)).not.toHaveProperty('endpoint');
    expect(
      access({ endpoint: 'http://127.0.0.1:5000' }).clientConfig({ accountId: MEMBER }, TRIAGE),
    ).toMatchObject({
      endpoint: 'http://127.0.0.1:5000',
    });
  });

  it('addresses S3 buckets by path only when asked (for local emulators)', () => {
    expect(access().clientConfig({ accountId: MEMBER }, TRIAGE)).not.toHaveProperty('forcePathStyle');
    expect(access({ forcePathStyle: true }).clientConfig({ accountId: MEMBER }, TRIAGE)).toMatchObject({
      forcePathStyle: true,
    });
  });

  it('validates synchronously, before creating the client', () => {
    expect(() => access().client(EC2Client, { accountId: '123' }, TRIAGE)).toThrow(InvalidTargetError);
  });
});

describe('createAwsAccess: own account', () => {
  it('assumes the role in the own account by default', async () => {
    await access({ callerAccountId: MEMBER }).credentials({ accountId: MEMBER }, TRIAGE);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
  });

  it("uses the base credentials for the own account with ownAccount: 'base-credentials'", async () => {
    const a = access({ ownAccount: 'base-credentials', callerAccountId: MEMBER });
    expect(await a.credentials({ accountId: MEMBER }, EC2_2)).toEqual(BASE);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 0);
    await a.credentials({ accountId: OTHER }, EC2_2);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
  });

  it('finds out the own account once with GetCallerIdentity when not configured', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: MEMBER });
    const a = access({ ownAccount: 'base-credentials' });
    await Promise.all([
      a.credentials({ accountId: MEMBER }, TRIAGE),
      a.credentials({ accountId: MEMBER }, TRIAGE),
    ]);
    await a.credentials({ accountId: OTHER }, TRIAGE);

    expect(sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 1);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
  });

  it('retries a failed GetCallerIdentity and reports it as CallerIdentityError', async () => {
    sts.on(GetCallerIdentityCommand).rejectsOnce(stsError('ExpiredToken')).resolves({ Account: MEMBER });
    const a = access({ ownAccount: 'base-credentials' });
    await expect(a.credentials({ accountId: MEMBER }, TRIAGE)).rejects.toBeInstanceOf(CallerIdentityError);
    await expect(a.credentials({ accountId: MEMBER }, TRIAGE)).resolves.toEqual(BASE);
    expect(sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 2);
  });
  it('reports a GetCallerIdentity response without an account', async () => {
    sts.on(GetCallerIdentityCommand).resolves({});
    await expect(
      access({ ownAccount: 'base-credentials' }).credentials({ accountId: MEMBER }, TRIAGE),
    ).rejects.toThrow(/returned no Account/);
  });
});

describe('createAwsAccess: validation names the bad field', () => {
  it.each<[string, AwsAccessOptions]>([
    ['options.roleName', { roleName: 'a/b' }],
    ['options.defaultRegion', { defaultRegion: 'moon-1' }],
    ['options.durationSeconds', { durationSeconds: 600 }],
    ['options.durationSeconds', { durationSeconds: 43_201 }],
    ['options.durationSeconds', { durationSeconds: 1800.5 }],
    ['options.refreshMarginSeconds', { durationSeconds: 900, refreshMarginSeconds: 900 }],
    ['options.refreshMarginSeconds', { refreshMarginSeconds: -1 }],
    ['options.maxAttempts', { maxAttempts: 0 }],
    ['options.externalId', { externalId: 'x' }],
    ['options.endpoint', { endpoint: 'localhost' }],
    ['options.callerAccountId', { callerAccountId: '42' }],
    ['options.ownAccount', { ownAccount: 'yes' as never }],
  ])('%s', (field, options) => {
    const error = thrownBy(() => access(options));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field });
  });

  it.each<[string, Target, AccessScope, typeof ValidationError]>([
    ['target', null as never, TRIAGE, InvalidTargetError],
    ['target.accountId', { accountId: '12345678901' }, TRIAGE, InvalidTargetError],
    ['target.accountId', { arn: 'arn:aws:s3:::bucket' }, TRIAGE, InvalidTargetError],
    [
      'target.accountId',
      { arn: `arn:aws:iam::${MEMBER}:role/x`, accountId: OTHER },
      TRIAGE,
      InvalidTargetError,
    ],
    ['target.arn', { arn: 'sg-123' }, TRIAGE, InvalidTargetError],
    ['target.region', { accountId: MEMBER, region: 'Frankfurt' }, TRIAGE, InvalidTargetError],
    [
      'target.region',
      { accountId: MEMBER, region: 'cn-north-1', partition: 'aws' },
      TRIAGE,
      InvalidTargetError,
    ],
    [
      'target.region',
      { arn: `arn:aws:ec2:us-east-1:${MEMBER}:vpc/vpc-1`, region: 'eu-west-1' },
      TRIAGE,
      InvalidTargetError,
    ],
    [
      'target.region',
      { arn: `arn:aws:iam::${MEMBER}:role/x`, region: 'cn-north-1' },
      TRIAGE,
      InvalidTargetError,
    ],
    ['target.partition', { accountId: MEMBER, partition: 'aws-iso' as never }, TRIAGE, InvalidTargetError],
    ['target.roleName', { accountId: MEMBER, roleName: '' }, TRIAGE, ValidationError],
    ['scope', { accountId: MEMBER }, undefined as never, ValidationError],
    ['scope.purpose', { accountId: MEMBER }, { purpose: '  ' }, ValidationError],
    [
      'scope.actions[1]',
      { accountId: MEMBER },
      { purpose: 'p', actions: ['ec2:DescribeVpcs', 'ec2:*'] },
      SessionPolicyError,
    ],
    ['scope.actions', { accountId: MEMBER }, { purpose: 'p', actions: [] }, SessionPolicyError],
    [
      'scope.resources[0]',
      { accountId: MEMBER },
      { purpose: 'p', actions: ['s3:GetObject'], resources: ['b'] },
      SessionPolicyError,
    ],
    ['scope.resources', { accountId: MEMBER }, { purpose: 'p', resources: ['*'] }, ValidationError],
    [
      'scope.statements',
      { accountId: MEMBER },
      {
        purpose: 'p',
        actions: ['ec2:DescribeVpcs'],
        statements: [{ actions: ['ec2:DescribeVpcs'], resources: ['*'] }],
      },
      ValidationError,
    ],
    [
      'scope.statements[1].resources[0]',
      { accountId: MEMBER },
      {
        purpose: 'p',
        statements: [
          { actions: ['ec2:DescribeVpcs'], resources: ['*'] },
          { actions: ['ec2:DeleteVpc'], resources: ['vpc-1'] },
        ],
      },
      SessionPolicyError,
    ],
  ])('%s', (field, target, scope, type) => {
    const error = thrownBy(() => access().resolve(target, scope));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ field });
  });

  it('options', () => {
    expect(thrownBy(() => createAwsAccess(null as never))).toMatchObject({
      name: 'ValidationError',
      field: 'options',
    });
  });

  it('does not echo an invalid external id', () => {
    const error = thrownBy(() => access({ externalId: 'x' }));
    expect(error).toMatchObject({ field: 'options.externalId', value: '<redacted>' });
    expect((error as Error).message).not.toContain('"x"');
  });

  it('rejects invalid input from credentials() as a rejected promise, without calling STS', async () => {
    await expect(access().credentials({ accountId: 'nope' }, TRIAGE)).rejects.toMatchObject({
      field: 'target.accountId',
    });
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 0);
  });

  it('sends the statements of a scope as the session policy, each on its own resources', () => {
    const vpc = `arn:aws:ec2:eu-west-1:${MEMBER}:vpc/vpc-0123456789abcdef0`;
    const resolved = access().resolve(
      { accountId: MEMBER, region: 'eu-west-1' },
      {
        purpose: 'remediate-EC2.6',
        statements: [
          { actions: ['ec2:DescribeVpcs'], resources: ['*'] },
          { actions: ['ec2:CreateFlowLogs'], resources: [vpc] },
        ],
      },
    );
    expect(JSON.parse(resolved.policy ?? '{}')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['ec2:DescribeVpcs'], Resource: '*' },
        { Effect: 'Allow', Action: ['ec2:CreateFlowLogs'], Resource: [vpc] },
      ],
    });
  });

  it('accepts wildcard actions when the scope allows them', () => {
    const resolved = access().resolve(
      { accountId: MEMBER },
      { purpose: 'p', actions: ['ec2:Describe*'], allowWildcards: true },
    );
    expect(resolved.policy).toContain('"ec2:Describe*"');
  });
});
