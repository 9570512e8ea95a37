import {
  DeleteLoginProfileCommand,
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { IAM_8_MARK, iam_8, type Iam8State } from './iam-8';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const OLD = '2026-01-01T00:00:00.000Z'; // 151 days before NOW
const RECENT = '2026-05-01T00:00:00.000Z'; // 31 days before NOW
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const context = unitContext({
  controlId: 'IAM.8',
  resource: {
    Type: 'AwsIamUser',
    Id: 'arn:aws:iam::111122223333:user/machines/build-bot',
    Partition: 'aws',
    Region: 'eu-west-1',
  },
  accountId: '111122223333',
  region: 'eu-west-1',
  now: NOW,
  firstObservedAt: undefined,
});
const state = (overrides: Partial<Iam8State> = {}): Iam8State => ({
  userName: 'build-bot',
  accessKeys: [],
  tags: {},
  ...overrides,
});
const key = (overrides: Partial<Iam8State['accessKeys'][number]> = {}) => ({
  accessKeyId: KEY,
  status: 'Active' as const,
  createDate: OLD,
  ...overrides,
});
const ops = (s: Iam8State) => {
  const plan = iam_8.plan(s, context);
  return plan.kind === 'changes' ? plan.changes.map((c) => c.params.op) : plan.kind;
};

describe('Control: IAM.8 plan', () => {
  it.each([
    ['no credentials', state(), 'compliant'],
    ['an active key never used, created 151 days ago', state({ accessKeys: [key()] }), ['deactivate']],
    ['an active key used 31 days ago', state({ accessKeys: [key({ lastUsed: RECENT })] }), 'compliant'],
    [
      'an active key created 31 days ago, never used',
      state({ accessKeys: [key({ createDate: RECENT })] }),
      'compliant',
    ],
    [
      'an inactive key SOAR did not deactivate',
      state({ accessKeys: [key({ status: 'Inactive' })] }),
      'compliant',
    ],
    [
      'a key SOAR deactivated 31 days ago',
      state({ accessKeys: [key({ status: 'Inactive' })], tags: { [`${IAM_8_MARK}${KEY}`]: RECENT } }),
      ['delete'],
    ],
    [
      'a key SOAR deactivated 10 days ago (grace period)',
      state({
        accessKeys: [key({ status: 'Inactive' })],
        tags: { [`${IAM_8_MARK}${KEY}`]: '2026-05-22T00:00:00.000Z' },
      }),
      'compliant',
    ],
    [
      'a password never used, created 151 days ago',
      state({ password: { createDate: OLD } }),
      ['delete-password'],
    ],
    ['a password used 31 days ago', state({ password: { createDate: OLD, lastUsed: RECENT } }), 'compliant'],
    [
      'no console password and an unused key (the original failed here)',
      state({ accessKeys: [key(), key({ accessKeyId: 'AKIAI44QH8DHBEXAMPLE', lastUsed: RECENT })] }),
      ['deactivate'],
    ],
  ] as const)('%s', (_name, s, expected) => {
    expect(ops(s)).toEqual(expected);
  });

  it('records the deactivated keys and whether the password went as before-image', () => {
    expect(iam_8.plan(state({ accessKeys: [key()], password: { createDate: OLD } }), context)).toMatchObject({
      kind: 'changes',
      beforeImage: { userName: 'build-bot', deactivatedKeyIds: [KEY], passwordDeleted: true },
    });
  });

  it('says when a deactivated key will be deleted', () => {
    const plan = iam_8.plan(
      state({
        accessKeys: [key({ status: 'Inactive' })],
        tags: { [`${IAM_8_MARK}${KEY}`]: '2026-05-22T00:00:00.000Z' },
      }),
      context,
    );
    expect(plan).toMatchObject({
      kind: 'compliant',
      reason: expect.stringContaining('deleted from 2026-06-21'),
    });
  });
});

describe('Control: IAM.8 read and apply (aws-sdk-client-mock)', () => {
  const iam = mockClient(IAMClient);
  afterEach(() => iam.reset());
  afterAll(() => iam.restore());

  it('reads a user without a console password (NoSuchEntity from GetLoginProfile) with its keys', async () => {
    // Arrange
    iam.on(GetUserCommand).resolves({
      User: { UserName: 'build-bot', UserId: 'AIDA1', Arn: 'arn', Path: '/', CreateDate: new Date(OLD) },
    });
    iam
      .on(GetLoginProfileCommand)
      .rejects(Object.assign(new Error('no login profile'), { name: 'NoSuchEntityException' }));
    iam
      .on(ListAccessKeysCommand)
      .resolves({ AccessKeyMetadata: [{ AccessKeyId: KEY, Status: 'Active', CreateDate: new Date(OLD) }] });
    iam.on(GetAccessKeyLastUsedCommand).resolves({
      AccessKeyLastUsed: { LastUsedDate: new Date(RECENT), ServiceName: 's3', Region: 'eu-west-1' },
    });
    iam.on(ListUserTagsCommand).resolves({ Tags: [] });

    // Act / Assert
    expect(await iam_8.read(context)).toEqual({
      kind: 'found',
      state: state({ accessKeys: [key({ lastUsed: RECENT })] }),
    });
  });

  it.each(['NoSuchEntity', 'NoSuchEntityException'])('reads a deleted user as gone on %s', async (name) => {
    iam.on(GetUserCommand).rejects(Object.assign(new Error('gone'), { name }));
    expect(await iam_8.read(context)).toMatchObject({ kind: 'gone' });
  });

  it('marks the user before it deactivates a key, and a password already gone is success', async () => {
    // Arrange
    iam.on(TagUserCommand).resolves({});
    iam.on(UpdateAccessKeyCommand).resolves({});
    iam
      .on(DeleteLoginProfileCommand)
      .rejects(Object.assign(new Error('gone'), { name: 'NoSuchEntityException' }));
    const plan = iam_8.plan(state({ accessKeys: [key()], password: { createDate: OLD } }), context);

    // Act
    await iam_8.apply(plan.kind === 'changes' ? plan.changes : [], context);

    // Assert
    expect(iam.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'TagUserCommand',
      'UpdateAccessKeyCommand',
      'DeleteLoginProfileCommand',
    ]);
    expect(iam.commandCalls(TagUserCommand)[0]?.args[0].input).toEqual({
      UserName: 'build-bot',
      Tags: [{ Key: `${IAM_8_MARK}${KEY}`, Value: NOW.toISOString() }],
    });
    expect(iam.commandCalls(UpdateAccessKeyCommand)[0]?.args[0].input).toEqual({
      UserName: 'build-bot',
      AccessKeyId: KEY,
      Status: 'Inactive',
    });
  });

  it('refuses an id that is not an IAM user ARN, naming it', async () => {
    await expect(
      iam_8.read({ ...context, resource: { ...context.resource, Id: 'AIDAEXAMPLE' } }),
    ).rejects.toThrow('AIDAEXAMPLE');
  });
});
