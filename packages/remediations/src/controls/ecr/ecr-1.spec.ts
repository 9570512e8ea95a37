import {
  DescribeRepositoriesCommand,
  ECRClient,
  GetRegistryScanningConfigurationCommand,
  ListTagsForResourceCommand,
  PutImageScanningConfigurationCommand,
  PutRegistryScanningConfigurationCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { unitContext } from '../../../tests/direct-clients';
import { ecr_1, matchesFilter, type Ecr1State } from './ecr-1';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const ARN = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/team/app`;
const context = unitContext({
  controlId: 'ECR.1',
  resource: { Type: 'AwsEcrRepository', Id: ARN, Partition: 'aws', Region: REGION },
  accountId: ACCOUNT,
  region: REGION,
  now: new Date('2026-01-01T00:00:00Z'),
  firstObservedAt: undefined,
});

function state(overrides: Partial<Ecr1State> = {}): Ecr1State {
  return {
    repositoryName: 'team/app',
    registryId: ACCOUNT,
    createdAt: '2026-09-01T08:30:00.000Z',
    tags: {},
    scanOnPush: false,
    registryScanType: 'BASIC',
    registryRules: [],
    ...overrides,
  };
}

describe('Control: ECR.1 plan', () => {
  it.each([
    ['scan on push on, basic scanning', state({ scanOnPush: true }), 'compliant'],
    [
      'a basic scan-on-push registry rule matching the name',
      state({ registryRules: [{ scanFrequency: 'SCAN_ON_PUSH', filters: ['team/*'] }] }),
      'compliant',
    ],
    [
      'an enhanced continuous rule matching the name',
      state({
        registryScanType: 'ENHANCED',
        registryRules: [{ scanFrequency: 'CONTINUOUS_SCAN', filters: ['*'] }],
      }),
      'compliant',
    ],
    [
      'enhanced scanning whose rules leave the repository out (even with scan on push)',
      state({
        registryScanType: 'ENHANCED',
        scanOnPush: true,
        registryRules: [{ scanFrequency: 'SCAN_ON_PUSH', filters: ['prod-*'] }],
      }),
      'refuse',
    ],
    ['basic scanning, no rule, scan on push off', state(), 'changes'],
    [
      'a basic rule of another repository',
      state({ registryRules: [{ scanFrequency: 'SCAN_ON_PUSH', filters: ['other'] }] }),
      'changes',
    ],
  ])('%s: %s', (_label, given, kind) => {
    expect(ecr_1.plan(given, context).kind).toBe(kind);
  });

  it('turns on scan on push for this repository alone, recording that it was off', () => {
    expect(ecr_1.plan(state(), context)).toEqual({
      kind: 'changes',
      changes: [
        {
          action: 'ecr:PutImageScanningConfiguration',
          description: 'Turned on scan on push (basic scanning) for the ECR repository team/app.',
          params: { registryId: ACCOUNT, repositoryName: 'team/app', scanOnPush: true },
        },
      ],
      beforeImage: {
        repositoryName: 'team/app',
        registryId: ACCOUNT,
        createdAt: '2026-09-01T08:30:00.000Z',
        scanOnPush: false,
      },
      actionsRequired: expect.stringContaining('Images pushed from now on are scanned'),
    });
  });

  it('refuses under enhanced scanning, saying whose rules they are', () => {
    const plan = ecr_1.plan(state({ registryScanType: 'ENHANCED' }), context);
    expect(plan).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('Amazon Inspector enhanced scanning'),
    });
  });

  it.each([
    ['*', 'team/app', true],
    ['team/*', 'team/app', true],
    ['team', 'team/app', false],
    ['te.m/*', 'team/app', false],
    ['*app', 'team/app', true],
  ])('wildcard filter %s on %s: %s', (filter, name, expected) => {
    expect(matchesFilter(filter, name)).toBe(expected);
  });
});

describe('Control: ECR.1 read and apply (aws-sdk-client-mock)', () => {
  const ecr = mockClient(ECRClient);
  afterEach(() => ecr.reset());

  it('reads the repository, its tags and the registry scanning configuration', async () => {
    // Arrange
    ecr.on(DescribeRepositoriesCommand).resolves({
      repositories: [
        {
          repositoryName: 'team/app',
          registryId: ACCOUNT,
          repositoryArn: ARN,
          createdAt: new Date('2026-09-01T08:30:00Z'),
          imageScanningConfiguration: { scanOnPush: false },
        },
      ],
    });
    ecr.on(ListTagsForResourceCommand).resolves({ tags: [{ Key: 'team', Value: 'payments' }] });
    ecr.on(GetRegistryScanningConfigurationCommand).resolves({
      scanningConfiguration: {
        scanType: 'BASIC',
        rules: [
          {
            scanFrequency: 'SCAN_ON_PUSH',
            repositoryFilters: [{ filter: 'prod-*', filterType: 'WILDCARD' }],
          },
        ],
      },
    });

    // Act
    const read = await ecr_1.read(context);

    // Assert
    expect(read).toEqual({
      kind: 'found',
      state: state({
        tags: { team: 'payments' },
        registryRules: [{ scanFrequency: 'SCAN_ON_PUSH', filters: ['prod-*'] }],
      }),
    });
    expect(ecr.commandCalls(DescribeRepositoriesCommand)[0]?.args[0].input).toEqual({
      registryId: ACCOUNT,
      repositoryNames: ['team/app'],
    });
  });

  it('is gone when ECR answers RepositoryNotFoundException', async () => {
    ecr
      .on(DescribeRepositoriesCommand)
      .rejects(Object.assign(new Error('not found'), { name: 'RepositoryNotFoundException' }));
    expect(await ecr_1.read(context)).toEqual({
      kind: 'gone',
      reason: 'The ECR repository team/app no longer exists.',
    });
  });

  it('never replaces the registry-wide scanning configuration (the original overwrote it with ENHANCED)', async () => {
    // Arrange
    ecr.on(PutImageScanningConfigurationCommand).resolves({});
    const plan = ecr_1.plan(state(), context);
    if (plan.kind !== 'changes') throw new Error('expected changes');

    // Act
    await ecr_1.apply(plan.changes, context);

    // Assert
    expect(ecr.commandCalls(PutRegistryScanningConfigurationCommand)).toHaveLength(0);
    expect(ecr.commandCalls(PutImageScanningConfigurationCommand)[0]?.args[0].input).toEqual({
      registryId: ACCOUNT,
      repositoryName: 'team/app',
      imageScanningConfiguration: { scanOnPush: true },
    });
  });

  it('rejects a resource id that is not a repository ARN, naming it', async () => {
    const other = unitContext({
      controlId: 'ECR.1',
      resource: { Type: 'AwsEcrRepository', Id: 'team/app', Partition: 'aws', Region: REGION },
      accountId: ACCOUNT,
      region: REGION,
      now: new Date('2026-01-01T00:00:00Z'),
      firstObservedAt: undefined,
    });
    await expect(ecr_1.read(other)).rejects.toThrow('team/app is not of the shape arn:<partition>:ecr:');
  });
});
