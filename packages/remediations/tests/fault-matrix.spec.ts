/**
 * Fault matrix: for every scenario in `tests/scenarios/*.ts` (discovered, so new controls are covered
 * without editing this file), each AWS call the control makes is failed in turn with each fault kind:
 * throttling, access denied, not found (the service's own code), internal error and timeout.
 *
 * How (record/replay, to stay well under a minute for all controls): one moto server; per scenario,
 * arrange the non-compliant resource and run `remediate` once cleanly against moto through a client
 * factory whose clients record every call (command, input, output or error) in a middleware at the
 * front of the `initialize` step. Then, per recorded call and fault kind, run `remediate` again with
 * clients that throw an SDK-shaped error on that call (identified by command and occurrence, since
 * controls make concurrent calls) and answer every other call from the recording, so the control's
 * real code runs on real moto responses up to the fault. After a fault the path may diverge: repeated
 * calls reuse the last recorded answer, and calls the clean run never made fail with
 * `ReplayMissError` (listed in the summary). `FAULT_MATRIX_LIVE=1` runs every case against moto
 * instead (reset + arrange per case, several minutes): the cross-check of the replay.
 *
 * Each case must: resolve (no rejection, no unhandled rejection), end in a defined result kind, make
 * AccessDenied and throttling a ticket (`not_done` with the error text), and suppress the finding only
 * when the result is `resource_gone` and the fault was "not found".
 *
 * Rollbacks get the same matrix: per reversible scenario, the resource is fixed, a clean rollback from
 * its stored before-image is recorded, and each of its calls is failed in turn with each fault kind.
 * `rollback` must resolve to a defined result, make AccessDenied and throttling `not_done` with the
 * error text, and answer `resource_gone` only for a "not found" fault.
 */
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import type { RollbackRecord } from '../src/engine/rollback';
import { motoAccess, padFor, run, runRollback, type RemediationScenario } from './remediation-harness';
import { discoverScenarios, isStackedClient } from './scenario-support';

// ---------------------------------------------------------------------------------------------------
// Discovery

const scenarios = discoverScenarios();

// ---------------------------------------------------------------------------------------------------
// Faults

type FaultKind = 'throttling' | 'access_denied' | 'not_found' | 'internal' | 'timeout';
const FAULT_KINDS: readonly FaultKind[] = ['throttling', 'access_denied', 'not_found', 'internal', 'timeout'];
const RESULT_KINDS = ['remediated', 'not_done', 'resource_gone', 'reconsider_later', 'opted_out'];
const ROLLBACK_KINDS = ['rolled_back', 'not_done', 'resource_gone', 'already_as_before'];

/** The "resource not found" error code EC2 returns for a missing resource of the finding's type. */
const EC2_NOT_FOUND: Readonly<Record<string, string>> = {
  AwsEc2SecurityGroup: 'InvalidGroup.NotFound',
  AwsEc2Instance: 'InvalidInstanceID.NotFound',
  AwsEc2Eip: 'InvalidAllocationID.NotFound',
  AwsEc2Vpc: 'InvalidVpcID.NotFound',
  AwsEc2Subnet: 'InvalidSubnetID.NotFound',
  AwsEc2NetworkInterface: 'InvalidNetworkInterfaceID.NotFound',
  AwsEc2Volume: 'InvalidVolume.NotFound',
};

function notFoundName(clientName: string, resourceType: string): string {
  switch (clientName) {
    case 'EC2Client':
      return EC2_NOT_FOUND[resourceType] ?? 'InvalidGroup.NotFound';
    case 'S3Client':
      return 'NoSuchBucket';
    case 'DynamoDBClient':
      return 'ResourceNotFoundException';
    case 'KMSClient':
      return 'NotFoundException';
    case 'IAMClient':
      return 'NoSuchEntity';
    case 'RDSClient':
      return resourceType === 'AwsRdsDbCluster' ? 'DBClusterNotFoundFault' : 'DBInstanceNotFound';
    case 'ElasticLoadBalancingClient':
      return 'LoadBalancerNotFound';
    case 'ElasticLoadBalancingV2Client':
      return 'LoadBalancerNotFound';
    case 'ECRClient':
      return 'RepositoryNotFoundException';
    case 'ECSClient':
      return resourceType === 'AwsEcsTaskDefinition' ? 'ClientException' : 'ClusterNotFoundException';
    default:
      return 'ResourceNotFoundException';
  }
}

/** An error shaped like an SDK service exception (name = AWS error code, `$fault`, `$metadata`). */
function faultError(kind: FaultKind, clientName: string, commandName: string, resourceType: string): Error {
  const [name, fault, status] = ((): [string, 'client' | 'server', number | undefined] => {
    switch (kind) {
      case 'throttling':
        return ['ThrottlingException', 'client', 400];
      case 'access_denied':
        return ['AccessDenied', 'client', 403];
      case 'not_found':
        return [notFoundName(clientName, resourceType), 'client', 404];
      case 'internal':
        return ['InternalError', 'server', 500];
      case 'timeout':
        return ['TimeoutError', 'client', undefined];
    }
  })();
  return Object.assign(new Error(`Injected ${name} on ${commandName}`), {
    name,
    $fault: fault,
    $metadata: status === undefined ? {} : { httpStatusCode: status },
  });
}

// ---------------------------------------------------------------------------------------------------
// Client factories: record (clean run against moto), inject (live against moto), replay (no moto)

/** One SDK call of the clean run: what was asked and what came back (an output or an error). */
interface RecordedCall {
  /** `EC2Client.DescribeSecurityGroupsCommand`. */
  readonly command: string;
  /** `EC2Client.DescribeSecurityGroupsCommand {"GroupIds":["sg-1"]}`: the replay key. */
  readonly key: string;
  readonly outcome: { readonly output: unknown } | { readonly error: unknown };
}

function callKey(command: string, args: unknown): string {
  try {
    const input: unknown = typeof args === 'object' && args !== null && 'input' in args ? args.input : null;
    return `${command} ${JSON.stringify(input)}`;
  } catch {
    return `${command} (unserialisable input)`;
  }
}

/**
 * The call to fail: the `occurrence`-th call (0-based) of `command` in the run. Identified by command
 * and occurrence rather than by position, because controls make independent calls concurrently
 * (`Promise.all`) and their arrival order varies between runs.
 */
interface Fault {
  readonly command: string;
  readonly occurrence: number;
  readonly kind: FaultKind;
  readonly resourceType: string;
}

interface CallLog {
  count: number;
  readonly seen: Map<string, number>;
  readonly usedRecordings: Set<number>;
  injected?: string;
  readonly replayMisses: string[];
}

function newLog(): CallLog {
  return { count: 0, seen: new Map(), usedRecordings: new Set(), replayMisses: [] };
}

/**
 * A client factory over `access` whose clients count every call, fail the `fault` call, and either
 * pass the others on to moto (recording them into `record`) or answer them from `replay`.
 */
function instrumentedAccess(
  access: AwsAccess,
  log: CallLog,
  options: {
    readonly fault?: Fault;
    readonly record?: RecordedCall[];
    readonly replay?: readonly RecordedCall[];
  },
): Pick<AwsAccess, 'client'> {
  const { fault, record, replay } = options;
  return {
    client(ClientClass, target, scope) {
      const client = access.client(ClientClass, target, scope);
      if (!isStackedClient(client)) throw new Error(`${ClientClass.name} is not an AWS SDK v3 client`);
      client.middlewareStack.add(
        (next, context) => async (args) => {
          log.count += 1;
          const commandName = context.commandName ?? '(unknown)';
          const command = `${ClientClass.name}.${commandName}`;
          const occurrence = log.seen.get(command) ?? 0;
          log.seen.set(command, occurrence + 1);
          if (fault !== undefined && fault.command === command && fault.occurrence === occurrence) {
            const error = faultError(fault.kind, ClientClass.name, commandName, fault.resourceType);
            log.injected = `${error.name} on ${command} #${occurrence}`;
            throw error;
          }
          const key = callKey(command, args);
          if (replay !== undefined) return answer(replay, key, log);
          try {
            const result = await next(args);
            record?.push({ command, key, outcome: { output: outputOf(result) } });
            return result;
          } catch (error) {
            record?.push({ command, key, outcome: { error } });
            throw error;
          }
        },
        { step: 'initialize', name: 'faultMatrixInjector', priority: 'high' },
      );
      return client;
    },
  };
}

function outputOf(result: unknown): unknown {
  return typeof result === 'object' && result !== null && 'output' in result ? result.output : undefined;
}

/**
 * Answers a call from the clean run's recording: the first identical call (same command and input) not
 * yet used in this run. After a fault the path may diverge and repeat a call (the runner re-reads
 * after a failed change): then the last identical call is reused. A call the clean run never made
 * fails with `ReplayMissError` (listed in the printed summary).
 */
function answer(recording: readonly RecordedCall[], key: string, log: CallLog): Promise<unknown> {
  let found = recording.findIndex((call, index) => call.key === key && !log.usedRecordings.has(index));
  if (found < 0) found = recording.findLastIndex((call) => call.key === key);
  const call = recording[found];
  if (call === undefined) {
    log.replayMisses.push(key);
    return Promise.reject(
      Object.assign(new Error(`The clean run made no call like ${key}`), { name: 'ReplayMissError' }),
    );
  }
  log.usedRecordings.add(found);
  if ('error' in call.outcome) return Promise.reject(call.outcome.error);
  return Promise.resolve({ output: cloneOutput(call.outcome.output), response: {} });
}

function cloneOutput(output: unknown): unknown {
  try {
    return structuredClone(output);
  } catch {
    return output;
  }
}

// ---------------------------------------------------------------------------------------------------

/** `FAULT_MATRIX_LIVE=1`: every case against moto (reset + arrange each time; slow, for cross-checks). */
const LIVE = process.env['FAULT_MATRIX_LIVE'] === '1';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason);
};
const counts: string[] = [];
const misses: string[] = [];
let totalCases = 0;

describe('Fault matrix: every AWS call of every control, failed with each fault kind', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    moto = await startMotoServer();
  }, 60_000);
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    console.log(
      `Fault matrix (${LIVE ? 'live against moto' : 'replayed from a clean moto run'}): ${totalCases} cases ` +
        `(${FAULT_KINDS.length} faults x each AWS call) over ${counts.length} controls: ${counts.join(', ')}` +
        (misses.length === 0
          ? ''
          : `\nCalls the clean run never made (answered with ReplayMissError):\n${misses.join('\n')}`),
    );
    await moto.stop();
  });

  it.each(scenarios.map((s) => [s.file, s.scenario] as const))(
    '%s: every fault at every call ends in a defined result, suppressing only when gone',
    async (_file, scenario) => {
      const { control } = scenario;
      const { controlId } = control;

      // Arrange: a clean run against moto, recorded (how many calls, and what each returned)
      await moto.reset();
      const recording: RecordedCall[] = [];
      const clean = newLog();
      const cleanResource = await scenario.arrange(motoAccess(moto));
      const cleanRun = await run(control, padFor(controlId, cleanResource), {
        now: scenario.now,
        access: instrumentedAccess(motoAccess(moto), clean, { record: recording }),
      });
      // The clean run fixes the resource, so the calls that change something are faulted too.
      expect(cleanRun.result.kind).toBe('remediated');
      expect(clean.count).toBeGreaterThan(0);

      // Act + assert per case: fault `kind` on each recorded call
      const failures: string[] = [];
      const targets = recording.map((call, index) => ({
        command: call.command,
        occurrence: recording.slice(0, index).filter((c) => c.command === call.command).length,
      }));
      for (const target of targets) {
        for (const kind of FAULT_KINDS) {
          let resource = cleanResource;
          let access = motoAccess(moto);
          if (LIVE) {
            await moto.reset();
            resource = await scenario.arrange(access);
            access = motoAccess(moto);
          }
          const log = newLog();
          const fault: Fault = { ...target, kind, resourceType: resource.Type };
          const label = `${controlId} ${kind} on ${target.command} #${target.occurrence}`;
          let outcome: Awaited<ReturnType<typeof run>> | undefined;
          try {
            outcome = await run(control, padFor(controlId, resource), {
              now: scenario.now,
              access: instrumentedAccess(access, log, LIVE ? { fault } : { fault, replay: recording }),
            });
          } catch (error) {
            failures.push(`${label}: remediate rejected: ${String(error)}`);
          }
          await new Promise((resolve) => setImmediate(resolve)); // let a stray rejection surface
          totalCases += 1;
          misses.push(...log.replayMisses.map((m) => `${label}: ${m}`));
          if (outcome === undefined) continue;
          const { result, scratchpad } = outcome;
          const injectedName = log.injected?.split(' ')[0];
          if (injectedName === undefined) failures.push(`${label}: the fault was never injected`);
          if (!RESULT_KINDS.includes(result.kind)) failures.push(`${label}: undefined result ${result.kind}`);
          const mayBeGone = result.kind === 'resource_gone' && kind === 'not_found';
          if (scratchpad.actions.suppress_finding && !mayBeGone) {
            failures.push(`${label}: suppressed the finding with result ${result.kind}`);
          }
          if (result.kind === 'resource_gone' && !scratchpad.actions.suppress_finding) {
            failures.push(`${label}: resource_gone without suppression`);
          }
          // AccessDenied and throttling become a ticket with the error text.
          const ticketed =
            result.kind === 'not_done' &&
            injectedName !== undefined &&
            result.error?.includes(injectedName) === true;
          if ((kind === 'throttling' || kind === 'access_denied') && !ticketed) {
            failures.push(`${label}: should be a ticket (not_done) with the error text, got ${result.kind}`);
          }
        }
      }
      counts.push(`${controlId} ${clean.count} calls`);

      expect({ controlId, failures, unhandled: unhandled.map(String) }).toEqual({
        controlId,
        failures: [],
        unhandled: [],
      });
    },
    LIVE ? 600_000 : 60_000,
  );
});

/** Arranges and fixes the scenario (uninstrumented), and returns the rollback record as stored (JSON). */
async function fixedRecord(scenario: RemediationScenario, access: AwsAccess): Promise<RollbackRecord> {
  const { controlId } = scenario.control;
  const resource = await scenario.arrange(access);
  const pad = padFor(controlId, resource);
  const { result } = await run(scenario.control, pad, { now: scenario.now, access });
  const beforeImage = result.kind === 'remediated' ? result.beforeImages[0] : undefined;
  return JSON.parse(JSON.stringify({ controlId, finding: pad.finding, beforeImage }));
}

/** Verification reads without waiting (a faulted or replayed read answers at once). */
const NO_WAIT = { verify: { attempts: 1, delayMs: 0 } } as const;

const reversibleScenarios = scenarios.filter((s) => s.scenario.control.reversible);
const rollbackCounts: string[] = [];
let rollbackCases = 0;

describe('Fault matrix: every AWS call of every rollback, failed with each fault kind', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    moto = await startMotoServer();
  }, 60_000);
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    console.log(
      `Rollback fault matrix (${LIVE ? 'live against moto' : 'replayed from a clean moto run'}): ${rollbackCases} ` +
        `cases over ${rollbackCounts.length} controls: ${rollbackCounts.join(', ')}`,
    );
    await moto.stop();
  });

  it.each(reversibleScenarios.map((s) => [s.file, s.scenario] as const))(
    '%s: every fault at every call of its rollback ends in a defined result, resource_gone only when not found',
    async (_file, scenario) => {
      const { control } = scenario;
      const { controlId } = control;

      // Arrange: fixed, then a clean rollback against moto, recorded
      await moto.reset();
      const cleanRecord = await fixedRecord(scenario, motoAccess(moto));
      const recording: RecordedCall[] = [];
      const clean = newLog();
      const cleanRun = await runRollback(control, cleanRecord, {
        ...NO_WAIT,
        access: instrumentedAccess(motoAccess(moto), clean, { record: recording }),
      });
      expect(cleanRun.kind).toBe('rolled_back');
      // The clean rollback already undid the fix: replays answer from the recording, live cases fix again.
      const failures: string[] = [];
      const targets = recording.map((call, index) => ({
        command: call.command,
        occurrence: recording.slice(0, index).filter((c) => c.command === call.command).length,
      }));

      // Act + assert per case: fault `kind` on each recorded call of the rollback
      for (const target of targets) {
        for (const kind of FAULT_KINDS) {
          let record = cleanRecord;
          if (LIVE) {
            await moto.reset();
            record = await fixedRecord(scenario, motoAccess(moto));
          }
          const log = newLog();
          const resourceType = scenario.control.resourceTypes[0] ?? 'AwsAccount';
          const fault: Fault = { ...target, kind, resourceType };
          const label = `${controlId} rollback ${kind} on ${target.command} #${target.occurrence}`;
          let result: Awaited<ReturnType<typeof runRollback>> | undefined;
          try {
            result = await runRollback(control, record, {
              ...NO_WAIT,
              access: instrumentedAccess(
                motoAccess(moto),
                log,
                LIVE ? { fault } : { fault, replay: recording },
              ),
            });
          } catch (error) {
            failures.push(`${label}: rollback rejected: ${String(error)}`);
          }
          await new Promise((resolve) => setImmediate(resolve)); // let a stray rejection surface
          rollbackCases += 1;
          misses.push(...log.replayMisses.map((m) => `${label}: ${m}`));
          if (result === undefined) continue;
          const injectedName = log.injected?.split(' ')[0];
          if (injectedName === undefined) failures.push(`${label}: the fault was never injected`);
          if (!ROLLBACK_KINDS.includes(result.kind))
            failures.push(`${label}: undefined result ${result.kind}`);
          if (result.kind === 'resource_gone' && kind !== 'not_found') {
            failures.push(`${label}: resource_gone after a ${kind} fault`);
          }
          const ticketed =
            result.kind === 'not_done' &&
            injectedName !== undefined &&
            result.error?.includes(injectedName) === true;
          if ((kind === 'throttling' || kind === 'access_denied') && !ticketed) {
            failures.push(`${label}: should be not_done with the error text, got ${result.kind}`);
          }
        }
      }
      rollbackCounts.push(`${controlId} ${clean.count} calls`);

      expect({ controlId, failures, unhandled: unhandled.map(String) }).toEqual({
        controlId,
        failures: [],
        unhandled: [],
      });
    },
    LIVE ? 600_000 : 60_000,
  );
});
