import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { RemediationResult } from '@soar/remediations';
import { AccountSchema, createScratchpad } from '@soar/scratchpad';
import { aControlFinding, startDynalite, type LocalDynamoDb } from '@soar/testing';
import {
  createDynamoDbRemediationHistory,
  createMemoryRemediationHistory,
  historyTableDefinition,
  type RemediationHistoryRecord,
} from '@soar/history';
import { createMemoryFailureRecorder } from '../src/failures';
import type { Remediator } from '../src/ports';
import type { FlowState } from '../src/state';
import { remediateStep } from '../src/steps/steps';
import { createMemoryWatermarks, eventMarkOf } from '../src/watermark';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const finding = aControlFinding({ controlId: 'EC2.13', accountId: '111122223333', severity: 'HIGH' });
const account = AccountSchema.parse({
  Id: '111122223333',
  Name: 'payments-prod',
  Email: 'aws+payments@example.com',
  TeamEmail: 'payments@example.com',
  TeamEmailApp: 'payments@example.com',
  OrganizationalUnit: 'Workloads',
  Environment: 'PROD',
  Team: 'payments',
});

const state = (key: string): FlowState => ({
  key,
  pad: { ...createScratchpad(finding), account },
  decision: { route: 'remediate', rule: 'failed_control', reason: 'It fails.', gates: [] },
});

const remediator = (result: RemediationResult): Remediator => ({
  remediate: (pad) => Promise.resolve({ scratchpad: pad, result, simulated: false }),
});

const OUTCOMES: readonly RemediationResult[] = [
  { kind: 'remediated', controlId: 'EC2.13', changes: ['Revoked sgr-1.'], beforeImages: [] },
  { kind: 'not_done', controlId: 'EC2.13', reason: 'Access denied.', error: 'AccessDenied' },
  { kind: 'opted_out', controlId: 'EC2.13', reason: 'Tagged off.', action: 'suppress' },
  { kind: 'resource_gone', controlId: 'EC2.13', reason: 'Deleted.' },
  { kind: 'reconsider_later', controlId: 'EC2.13', reason: 'In its grace period.' },
];

describe('Function: remediateStep records every outcome in the history', () => {
  it.each(OUTCOMES.map((result) => [result.kind, result] as const))(
    '%s: one row with the finding, control, account, severity, environment, team, outcome and time',
    async (kind, result) => {
      // Arrange
      const history = createMemoryRemediationHistory(() => NOW);

      // Act
      await remediateStep(state(`event-${kind}`), {
        remediator: remediator(result),
        watermarks: createMemoryWatermarks(),
        history,
        clock: () => NOW,
      });

      // Assert
      expect(history.list()).toEqual<RemediationHistoryRecord[]>([
        {
          key: `event-${kind}`,
          findingId: finding.Id,
          controlId: 'EC2.13',
          accountId: '111122223333',
          accountName: 'payments-prod',
          severity: 'HIGH',
          environment: 'PROD',
          team: 'payments',
          outcome: kind,
          simulated: false,
          at: NOW.toISOString(),
        },
      ]);
    },
  );

  it('a stale event records nothing: nothing was attempted, the newer event records its own outcome', async () => {
    const watermarks = createMemoryWatermarks();
    await watermarks.claim(eventMarkOf('newer', { ...finding, UpdatedAt: '2030-01-01T00:00:00.000Z' }), NOW);
    const history = createMemoryRemediationHistory(() => NOW);

    const next = await remediateStep(state('older'), {
      remediator: remediator(OUTCOMES[0] as RemediationResult),
      watermarks,
      history,
      clock: () => NOW,
    });

    expect(next.result?.outcome).toBe('stale');
    expect(history.list()).toEqual([]);
  });

  it('a history that cannot be written does not undo the fix: logged and kept as a failure row', async () => {
    const failures = createMemoryFailureRecorder();

    const next = await remediateStep(state('event-1'), {
      remediator: remediator(OUTCOMES[0] as RemediationResult),
      watermarks: createMemoryWatermarks(),
      history: {
        record: () => Promise.reject(new Error('DynamoDB is down')),
        listSince: () => Promise.resolve([]),
      },
      failures,
      clock: () => NOW,
    });

    expect(next.remediation?.kind).toBe('remediated');
    expect(failures.list()).toEqual([
      expect.objectContaining({ key: 'event-1', step: 'remediation-history', error: 'Error' }),
    ]);
  });
});

describe('Function: createDynamoDbRemediationHistory', () => {
  let db: LocalDynamoDb;
  let table = 0;
  let tableName: string;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    tableName = `remediation-history-${++table}`;
    await db.client().send(new CreateTableCommand(historyTableDefinition(tableName)));
  });

  const record = (key: string, at: string, extra: Partial<RemediationHistoryRecord> = {}) => ({
    key,
    findingId: `finding-${key}`,
    controlId: 'EC2.13',
    accountId: '111122223333',
    accountName: 'payments-prod',
    severity: 'HIGH',
    environment: 'PROD',
    team: 'payments',
    outcome: 'remediated' as const,
    simulated: false,
    at,
    ...extra,
  });

  it('keeps the first row of an event key (a retried step writes nothing new), with a year of TTL', async () => {
    const history = createDynamoDbRemediationHistory({ dynamodb: db.client(), tableName });

    await history.record(record('event-1', '2026-12-01T10:00:00.000Z'));
    await history.record(record('event-1', '2026-12-01T10:05:00.000Z', { outcome: 'not_done' }));

    const row = await db
      .client()
      .send(new GetItemCommand({ TableName: tableName, Key: { id: { S: 'event-1' } } }));
    expect(row.Item).toMatchObject({
      outcome: { S: 'remediated' },
      at: { S: '2026-12-01T10:00:00.000Z' },
      day: { S: '2026-12-01' },
      expires_at: { N: String(Date.parse('2026-12-01T10:00:00.000Z') / 1000 + 365 * 86_400) },
    });
  });

  it('lists the rows since a date, across days, oldest first, and none after the end', async () => {
    const history = createDynamoDbRemediationHistory({ dynamodb: db.client(), tableName, clock: () => NOW });
    await history.record(record('too-old', '2026-11-20T23:59:59.999Z'));
    await history.record(record('a', '2026-11-21T00:00:00.000Z'));
    await history.record(record('b', '2026-11-25T08:00:00.000Z', { outcome: 'opted_out', team: undefined }));
    await history.record(record('c', '2026-12-01T11:59:59.000Z'));
    await history.record(record('future', '2026-12-01T12:00:00.000Z'));

    const listed = await history.listSince(new Date('2026-11-21T00:00:00.000Z'));

    expect(listed.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(listed[1]).toEqual({
      ...record('b', '2026-11-25T08:00:00.000Z', { outcome: 'opted_out' }),
      team: undefined,
    });
  });
});
