/**
 * The synthesized workflows run by the local runtime against moto's S3: CombineLogFilesSM with its
 * child CombineAccountBatchSM bound locally (the `startExecution.sync:2` task runs the child
 * machine's own definition in this process, as a separate execution with its own trace, as on AWS),
 * and ProcessHistoricalMainLogsSM starting CombineLogFilesSM per day. Each Lambda task is bound to
 * the business function of the entry its function bundles. The history events each execution
 * records are counted from its trace and compared with the arithmetic of `src/history.ts`.
 */
import { S3Client } from '@aws-sdk/client-s3';
import {
  CloudFormationTemplateSchema,
  extractStateMachines,
  listFunctions,
  LocalStateMachine,
  type ExecutionTrace,
  type ExtractedStateMachine,
  type TaskHandler,
} from '@soar/local-runtime';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { walkStates } from '@soar/local-runtime/details';
import { Template } from 'aws-cdk-lib/assertions';

import { createLogProcessingApp } from '../src/app';
import { parseAppConfig } from '../src/config';
import { run as aggregate } from '../src/functions/aggregate-account-day';
import { run as computeDateList } from '../src/functions/compute-date-list';
import { run as discover } from '../src/functions/discover-accounts';
import type { RuntimeConfig } from '../src/functions/runtime-config';
import { childHistoryEvents, EVENTS, historicalHistoryEvents, parentHistoryEvents } from '../src/history';
import { ITERATION_STATUS, PARTIAL_FAILURE_ERROR, STATE_NAMES } from '../src/stack/names';
import {
  ACCOUNTS,
  CREDENTIALS,
  DAYS,
  expectArchived,
  keysOf,
  ORG,
  REGION,
  runtimeConfig,
  seededBuckets,
  seedLogs,
} from './support';

const ACCOUNTS_PER_BATCH = 2;

/** The synthesized machines, by the construct id of their workflow. */
function synthesizedMachines(): Record<'nightly' | 'batch' | 'historical', ExtractedStateMachine> {
  const { stack } = createLogProcessingApp(
    parseAppConfig({
      organizationId: ORG,
      controlTowerBucketName: 'aws-controltower-logs-111122223333-eu-west-1',
      catchUpDays: 1,
      accountsPerBatch: ACCOUNTS_PER_BATCH,
    }),
    { bundle: false, nag: false },
  );
  const template = CloudFormationTemplateSchema.parse(Template.fromStack(stack).toJSON());
  const machines = extractStateMachines(template);
  const find = (id: string) => {
    const machine = machines.find((m) => m.logicalId.startsWith(`Workflows${id}`));
    if (machine === undefined) throw new Error(`no ${id}`);
    return machine;
  };
  return {
    nightly: find('CombineLogFilesSM'),
    batch: find('CombineAccountBatchSM'),
    historical: find('ProcessHistoricalMainLogsSM'),
  };
}

/** The entry each function bundles, by the function's logical id. */
function entries(): Map<string, string> {
  const { stack } = createLogProcessingApp(
    parseAppConfig({
      organizationId: ORG,
      controlTowerBucketName: 'aws-controltower-logs-111122223333-eu-west-1',
    }),
    { bundle: false, nag: false },
  );
  const template = CloudFormationTemplateSchema.parse(Template.fromStack(stack).toJSON());
  return new Map(
    listFunctions(template).flatMap((f) => (f.entry === undefined ? [] : [[f.logicalId, f.entry]])),
  );
}

/**
 * History events of one execution, counted from its trace: each state by its kind, each Map
 * iteration, each retried attempt, and the execution's start and end (see `src/history.ts`).
 * Iterations are counted by the states that end them (a Succeed, a Fail or an `End` state inside a
 * Map): the trace's `mapIterations` counts entries of the iteration's first state, which the
 * day loop re-enters.
 */
function historyEvents(trace: ExecutionTrace, machine: ExtractedStateMachine): number {
  const kinds = new Map(trace.taskInvocations.map((t) => [t.stateName, t.kind]));
  const ends = new Set(
    walkStates(machine.definition)
      .filter((w) => w.path.length > 0)
      .filter((w) => w.state.Type === 'Succeed' || w.state.Type === 'Fail' || w.state['End'] === true)
      .map((w) => [...w.path, w.name].join('/')),
  );
  let events = EVENTS.execution;
  for (const state of trace.states) {
    if (state.type === 'Map') events += EVENTS.map;
    else if (state.type === 'Task')
      events += kinds.get(state.name) === 'service' ? EVENTS.syncTask : EVENTS.lambdaTask;
    else events += EVENTS.flowState;
    if (ends.has([...state.path, state.name].join('/'))) events += EVENTS.mapIteration;
  }
  for (const retry of trace.retries)
    events += kinds.get(retry.stateName) === 'service' ? EVENTS.syncRetry : EVENTS.lambdaRetry;
  return events;
}

class ExecutionFailed extends Error {
  public override name = 'States.TaskFailed';
}

interface Harness {
  readonly nightly: LocalStateMachine;
  readonly historical: LocalStateMachine;
  /** Every child execution run, in order of completion. */
  readonly children: ExecutionTrace[];
  readonly machines: Record<'nightly' | 'batch' | 'historical', ExtractedStateMachine>;
}

/**
 * The three machines with every task bound locally: Lambda tasks to the business functions of
 * their entries (with moto's S3, and the invocation's `remainingTimeMs` from `timeBudget`), `startExecution.sync:2`
 * tasks to a run of the child machine whose ARN they name.
 */
function harness(
  s3: S3Client,
  config: RuntimeConfig,
  timeBudget: () => () => number,
  startTime: string,
): Harness {
  const machines = synthesizedMachines();
  const byEntry = entries();
  const children: ExecutionTrace[] = [];
  const local = new Map<string, LocalStateMachine>();
  let executions = 0;
  // The runtime sets `$$.Execution.StartTime` (the Setup state's `startTime`) from the real clock;
  // the functions' clock is pinned to `startTime` instead, as a Lambda test injects its clock.
  const pinned = (payload: unknown): unknown => ({ ...(payload as Record<string, unknown>), startTime });
  const functions: Record<string, TaskHandler> = {
    'discover-accounts.ts': (payload) => discover(pinned(payload), { s3, config }),
    'aggregate-account-day.ts': (payload) =>
      aggregate(payload, { s3, config }, { remainingTimeMs: timeBudget() }),
    'compute-date-list.ts': (payload) => computeDateList(pinned(payload), { config }),
  };
  const startChild: TaskHandler = async (payload) => {
    const request = payload as { StateMachineArn: string; Input: unknown };
    const child = local.get(request.StateMachineArn);
    if (child === undefined) throw new Error(`no local machine for ${request.StateMachineArn}`);
    executions += 1;
    const trace = await child.run(request.Input, {
      executionName: `child-${executions}`,
      context: { Execution: { StartTime: startTime } },
    });
    children.push(trace);
    if (trace.status !== 'SUCCEEDED') throw new ExecutionFailed(JSON.stringify(trace.error));
    return { ExecutionArn: trace.executionArn, Status: trace.status, Output: trace.output };
  };
  const build = (machine: ExtractedStateMachine) =>
    new LocalStateMachine(machine, {
      handlers: (binding) => {
        if (binding.integration === 'states:startExecution.sync:2') return startChild;
        const entry =
          binding.functionLogicalId === undefined ? undefined : byEntry.get(binding.functionLogicalId);
        return entry === undefined ? undefined : functions[entry.split('/').pop() ?? ''];
      },
    });
  for (const machine of Object.values(machines)) local.set(machine.arn, build(machine));
  const get = (machine: ExtractedStateMachine) => local.get(machine.arn) as LocalStateMachine;
  return { nightly: get(machines.nightly), historical: get(machines.historical), children, machines };
}

/** Each invocation has time for `archives` archives, then less than the stop margin. */
const budgetOf = (archives: number) => () => {
  let checks = 0;
  return () => (checks++ < archives ? 600_000 : 60_000);
};
const unlimited = () => () => Number.POSITIVE_INFINITY;

/** The nightly run's clock: 01:00 UTC on the third seeded day, so yesterday and one catch-up day. */
const START = '2024-06-11T01:00:00.000Z';

describe('Workflows run locally against moto (S3)', () => {
  let moto: MotoServer;
  let s3: S3Client;

  beforeAll(async () => {
    moto = await startMotoServer();
    s3 = new S3Client({
      endpoint: moto.endpoint,
      region: REGION,
      credentials: CREDENTIALS,
      forcePathStyle: true,
    });
  });
  afterAll(async () => {
    s3.destroy();
    await moto.stop();
  });

  it('CombineLogFilesSM archives every account’s yesterday and catch-up day through child executions, in rounds', async () => {
    // Arrange: 3 accounts in batches of 2; each invocation has time for 2 of a day's 4 archives
    const seed = seedLogs();
    const buckets = await seededBuckets(s3, seed);
    const config = runtimeConfig(buckets.source, buckets.archive, {
      catchUpDays: 1,
      accountsPerBatch: ACCOUNTS_PER_BATCH,
    });
    const { nightly, children, machines } = harness(s3, config, budgetOf(2), START);

    // Act
    const trace = await nightly.run({}, { executionName: 'nightly' });

    // Assert: done, two child executions, every day of every account in two rounds
    expect(trace.error).toBeUndefined();
    expect(trace.status).toBe('SUCCEEDED');
    expect(trace.mapIterations[STATE_NAMES.batches]).toBe(2);
    expect(children.map((child) => child.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(children.map((child) => child.mapIterations[STATE_NAMES.accounts]).sort()).toEqual([1, 2]);
    expect(children.reduce((sum, child) => sum + child.lambdaInvocations, 0)).toBe(ACCOUNTS.length * 2 * 2);
    expect(children.every((child) => child.states.some((s) => s.name === STATE_NAMES.nextRound))).toBe(true);
    const { archives } = await expectArchived(s3, buckets, seed, [DAYS[0], DAYS[1]]);
    expect(archives).toBe(ACCOUNTS.length * 2 * 4);

    // History: counted from the traces, equal to the arithmetic the README extrapolates from
    expect(historyEvents(trace, machines.nightly)).toBe(
      parentHistoryEvents({ accounts: 3, accountsPerBatch: 2, retriesPerBatch: 0 }),
    );
    const byAccounts = [...children].sort(
      (a, b) => (a.mapIterations[STATE_NAMES.accounts] ?? 0) - (b.mapIterations[STATE_NAMES.accounts] ?? 0),
    );
    expect(byAccounts.map((child) => historyEvents(child, machines.batch))).toEqual([
      childHistoryEvents({ accounts: 1, dates: 2, rounds: 2, retriesPerInvocation: 0 }),
      childHistoryEvents({ accounts: 2, dates: 2, rounds: 2, retriesPerInvocation: 0 }),
    ]);
  });

  it('a rerun of the night changes nothing: every day is verified already', async () => {
    const seed = seedLogs();
    const buckets = await seededBuckets(s3, seed);
    const config = runtimeConfig(buckets.source, buckets.archive, {
      catchUpDays: 1,
      accountsPerBatch: ACCOUNTS_PER_BATCH,
    });
    const first = harness(s3, config, unlimited, START);
    await first.nightly.run({}, { executionName: 'first' });
    const archivedBefore = await keysOf(s3, buckets.archive);

    const second = harness(s3, config, unlimited, START);
    const trace = await second.nightly.run({}, { executionName: 'second' });

    expect(trace.status).toBe('SUCCEEDED');
    expect(await keysOf(s3, buckets.archive)).toEqual(archivedBefore);
    await expectArchived(s3, buckets, seed, [DAYS[0], DAYS[1]]);
  });

  it('a failing account fails its batch and the night (alarm), after the other accounts and batches were done', async () => {
    const seed = seedLogs();
    const buckets = await seededBuckets(s3, seed);
    const config = runtimeConfig(buckets.source, buckets.archive, {
      catchUpDays: 0,
      accountsPerBatch: ACCOUNTS_PER_BATCH,
    });
    // The second account's listing is refused (as S3 does without permission); the others work.
    const refusing = {
      send: async (command: { input?: { Prefix?: string } }) => {
        if (command.input?.Prefix?.includes(`/${ACCOUNTS[1]}/`) === true) {
          throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
        }
        return s3.send(command as never);
      },
    } as unknown as S3Client;
    const { nightly, children } = harness(refusing, config, unlimited, START);

    const trace = await nightly.run({}, { executionName: 'failing' });

    expect(trace.status).toBe('FAILED');
    expect(trace.error?.Error).toBe(PARTIAL_FAILURE_ERROR);
    // The batches run at once: the failed one is the batch of the first two accounts.
    expect(children.map((child) => child.status).sort()).toEqual(['FAILED', 'SUCCEEDED']);
    const failed = children.find((child) => child.status === 'FAILED');
    expect(failed?.mapIterations[STATE_NAMES.accounts]).toBe(2);
    expect(failed?.error?.Error).toBe(PARTIAL_FAILURE_ERROR);
    expect(failed?.states.filter((s) => s.name === STATE_NAMES.accountFailed)).toHaveLength(1);
    // The other two accounts' day is archived; the failing account's logs are all still there.
    const left = await keysOf(s3, buckets.source);
    const yesterday = (key: string) => key.includes('/2024/06/10/') || key.includes('/2024/6/10/');
    expect(left.filter(yesterday).every((key) => key.includes(`/${ACCOUNTS[1]}/`))).toBe(true);
    expect(left.filter((key) => key.includes(`/${ACCOUNTS[1]}/`))).toHaveLength(
      [...seed.keys()].filter((key) => key.includes(`/${ACCOUNTS[1]}/`)).length,
    );
    expect(ITERATION_STATUS.failed).toBe('FAILED');
  });

  it('ProcessHistoricalMainLogsSM runs CombineLogFilesSM for each day of the range, one at a time', async () => {
    const seed = seedLogs();
    const buckets = await seededBuckets(s3, seed);
    const config = runtimeConfig(buckets.source, buckets.archive, { accountsPerBatch: ACCOUNTS_PER_BATCH });
    const { historical, children, machines } = harness(s3, config, unlimited, START);

    const trace = await historical.run(
      { startDate: DAYS[0], endDate: DAYS[1] },
      { executionName: 'historical' },
    );

    expect(trace.error).toBeUndefined();
    expect(trace.status).toBe('SUCCEEDED');
    expect(trace.mapIterations[STATE_NAMES.historicalDays]).toBe(2);
    // Per day: one CombineLogFilesSM (recorded after its two batches), each with its own history.
    expect(children).toHaveLength(2 * 3);
    await expectArchived(s3, buckets, seed, [DAYS[0], DAYS[1]]);
    expect(historyEvents(trace, machines.historical)).toBe(historicalHistoryEvents(2, 0));
  });

  it('ProcessHistoricalMainLogsSM refuses a range ending today, naming endDate, before touching a log', async () => {
    const seed = seedLogs();
    const buckets = await seededBuckets(s3, seed);
    const { historical } = harness(s3, runtimeConfig(buckets.source, buckets.archive), unlimited, START);

    const trace = await historical.run({ startDate: DAYS[0], endDate: DAYS[2] }, { executionName: 'today' });

    expect(trace.status).toBe('FAILED');
    expect(trace.error?.Error).toBe('DateRangeError');
    expect(trace.error?.Cause).toContain('endDate');
    expect(await keysOf(s3, buckets.source)).toEqual([...seed.keys()].sort());
  });
});
