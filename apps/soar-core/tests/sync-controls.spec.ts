/**
 * The enabled-controls sync as deployed: the synthesized sync state machine run locally with the
 * SyncControls entry, over the world's organization and controls (answered page by page as AWS
 * would), and intake syncing an account it has never synced. Also the figure for BENCHMARKS.md:
 * states entered by one sync of 100 accounts.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { startLocalSoar, type LocalSoar, type World, type WorldInput } from '@soar/simulation';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FAILURE_RECORDED_LOG_MESSAGE } from '@soar/workflow/aws';
import { SYNC_ACCOUNT_ALARM_NAME, SYNC_SM_ALARM_NAME, SYNC_STATE_NAMES } from '@soar/soar-core-infra';
import { DEV, run, sshOpenToTheWorld, templateFor, testWorld } from './workflow-support';

/** `count` accounts, the first with the controls given, the others with two controls each. */
function organization(count: number, first: string[] = ['EC2.13', 'IAM.6', 'S3.8']): WorldInput['accounts'] {
  return Array.from({ length: count }, (_, index) => ({
    id: String(100000000000 + index),
    name: `account-${index}`,
    email: `aws+account-${index}@example.com`,
    joined: '2023-01-01T00:00:00Z',
    enabledControls: index === 0 ? first : ['EC2.13', 'IAM.6'],
  }));
}

async function rowsOf(soar: LocalSoar): Promise<string[]> {
  const scan = await soar.dynamodb
    .client()
    .send(new ScanCommand({ TableName: soar.config.tables.enabledControls }));
  return (scan.Items ?? []).map((item) => item['id']?.S ?? '').sort();
}

/** The counts of every batch of a sync run, summed. */
function totals(output: unknown): Record<string, number> {
  const results =
    typeof output === 'object' && output !== null && 'results' in output && Array.isArray(output.results)
      ? (output.results as Record<string, number>[])
      : [];
  const sum: Record<string, number> = {};
  for (const batch of results)
    for (const [key, value] of Object.entries(batch)) sum[key] = (sum[key] ?? 0) + value;
  return sum;
}

let soar: LocalSoar | undefined;
afterEach(async () => {
  await soar?.stop();
  soar = undefined;
});

async function start(world: World, sync: { pageSize?: number; failingAccounts?: string[] } = {}) {
  soar = await startLocalSoar({
    template: templateFor(world),
    world,
    findings: [],
    seedEnabledControls: false,
    sync,
  });
  return soar;
}

describe('Workflow: the enabled-controls sync', () => {
  it('syncs every account of several pages, each with several pages of controls, in batches', async () => {
    // Arrange: 25 accounts, Organizations and Security Hub answering two items per page
    const world = testWorld({ accounts: organization(25) });
    const local = await start(world, { pageSize: 2 });

    // Act
    const trace = await local.syncControls();

    // Assert
    expect(trace.status).toBe('SUCCEEDED');
    expect(trace.mapIterations[SYNC_STATE_NAMES.syncBatches]).toBe(3); // 10 + 10 + 5 accounts
    expect(totals(trace.output)).toMatchObject({ accounts: 25, synced: 25, failed: 0, put: 51 });
    const rows = await rowsOf(local);
    expect(rows.filter((id) => id.startsWith('100000000000#'))).toEqual([
      '100000000000#$synced',
      '100000000000#EC2.13',
      '100000000000#IAM.6',
      '100000000000#S3.8', // the third control came from a second page
    ]);
    expect(rows.filter((id) => id.endsWith('#$synced'))).toHaveLength(25);
  });

  it('writes only the rows that changed on the next run', async () => {
    // Arrange
    const world = testWorld({ accounts: organization(3) });
    const local = await start(world);
    await local.syncControls();
    const unchanged = await local.syncControls();
    const first = world.accounts[0];
    if (first === undefined) throw new Error('the world has no account');
    first.enabledControls = ['EC2.13', 'IAM.6', 'CloudTrail.1']; // S3.8 disabled, CloudTrail.1 enabled

    // Act
    const changed = await local.syncControls();

    // Assert
    expect(totals(unchanged.output)).toMatchObject({ synced: 3, put: 0, deleted: 0, unchanged: 7 });
    expect(totals(changed.output)).toMatchObject({ synced: 3, put: 1, deleted: 1, unchanged: 6 });
    const rows = await rowsOf(local);
    expect(rows).toContain('100000000000#CloudTrail.1');
    expect(rows).not.toContain('100000000000#S3.8');
  });

  it('records an account that fails and syncs the others; the execution succeeds', async () => {
    // Arrange
    const world = testWorld({ accounts: organization(12) });
    const failing = '100000000003';
    const local = await start(world, { failingAccounts: [failing] });
    const before = local.mark();

    // Act
    const trace = await local.syncControls();

    // Assert
    expect(trace.status).toBe('SUCCEEDED');
    expect(totals(trace.output)).toMatchObject({ synced: 11, failed: 1 });
    expect(local.effectsSince(before).failures).toEqual([
      expect.objectContaining({
        accountId: failing,
        step: 'sync-controls',
        error: 'EnabledControlsSyncError',
        cause: expect.stringContaining('not answering'),
      }),
    ]);
    const rows = await rowsOf(local);
    expect(rows.filter((id) => id.startsWith(`${failing}#`))).toEqual([]); // left unmarked
    expect(rows.filter((id) => id.endsWith('#$synced'))).toHaveLength(11);
  });

  it('alarms on a failed account (its Failure recorded line) and on a failed execution', () => {
    const template = Template.fromJSON(templateFor(testWorld()));

    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: SYNC_SM_ALARM_NAME });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: SYNC_ACCOUNT_ALARM_NAME });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: Match.stringLikeRegexp(FAILURE_RECORDED_LOG_MESSAGE),
      MetricTransformations: Match.arrayWith([
        Match.objectLike({ MetricName: 'SyncControlsAccountFailures' }),
      ]),
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
  });

  it('enters 12 states for 100 accounts, where the original entered 102', async () => {
    const world = testWorld({ accounts: organization(100) });
    const local = await start(world);

    const trace = await local.syncControls();

    expect(trace.status).toBe('SUCCEEDED');
    expect(trace.statesEntered).toBe(12); // ListAccounts, SyncBatches, 10 × SyncBatch
    expect(trace.lambdaInvocations).toBe(11);
    expect(trace.statesEntered).toBeLessThanOrEqual(102 / 4);
  });
});

describe('Workflow: a control finding of an account never synced', () => {
  it('with an empty enabled-controls table, syncs the account in intake and ends in a remediation', async () => {
    const [result] = await run([sshOpenToTheWorld(DEV)], { seedEnabledControls: false });

    expect(result?.decision?.route).toBe('remediate');
    expect(result?.decision?.gates[1]).toMatchObject({
      gate: 'control_enabled',
      verdict: 'pass',
      detail: expect.stringContaining('is enabled in the account'),
    });
    expect(result?.remediation).toMatchObject({ kind: 'remediated' });
  });
});
