/**
 * Fault tests: for every route, a failure is injected at each function the route runs (intake and
 * every task state of the finding processor) for good, and at every task once (transiently). Each case must end
 * in a ticket or in a recorded failure with a FAILED execution (which raises the
 * INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH alarm) or, for intake, a dead-lettered event (which
 * raises INFRA-SOAR-Intake-DLQ-Failure-HIGH); never a finding left silently unhandled, and never a
 * suppression caused by a fault. Transient failures are retried and end as the clean run does.
 */
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { aControlFinding } from '@soar/testing';
import { internalTicketId } from '@soar/ticket-systems';
import type { FunctionId } from '../src/stack/soar-core-stack';
import type { SimulatedFinding } from '@soar/simulation';
import { DEV, PROD, resolvedWithTicket, rootMfaMissing, run, sshOpenToTheWorld } from './workflow-support';

interface Scenario {
  readonly name: string;
  /** Findings to run first (e.g. to open the ticket a close needs); their results are not checked. */
  readonly before?: readonly AwsSecurityFinding[];
  readonly finding: AwsSecurityFinding;
  /** The functions the clean run calls. */
  readonly functions: readonly FunctionId[];
}

const ticketed = rootMfaMissing(PROD);
const scenarios: Scenario[] = [
  {
    name: 'suppress',
    finding: aControlFinding({ controlId: 'Config.1', accountId: PROD, status: 'WARNING' }),
    functions: ['Intake', 'Suppress'],
  },
  { name: 'team ticket', finding: rootMfaMissing(DEV), functions: ['Intake', 'Ticket'] },
  { name: 'remediation', finding: sshOpenToTheWorld(DEV), functions: ['Intake', 'Remediate', 'NotifyFixed'] },
  {
    name: 'close ticket',
    before: [ticketed],
    finding: resolvedWithTicket(ticketed, internalTicketId(ticketed.Id)),
    functions: ['Intake', 'CloseTicket'],
  },
];

/** A persistent failure: not a name any Retry lists, so it goes straight to the Catch. */
const fatal = () => Object.assign(new Error('Injected failure'), { name: 'InjectedFault' });
/** A transient failure: Lambda's own, retried with a bounded delay. */
const transient = () =>
  Object.assign(new Error('Injected service exception'), { name: 'Lambda.ServiceException' });

/** Runs the scenario with every call of `targets` failing (`fatal`) or only the first (`transient`). */
async function runWithFaults(
  scenario: Scenario,
  targets: readonly FunctionId[],
  mode: 'fatal' | 'transient',
): Promise<SimulatedFinding> {
  let calls = 0;
  const results = await run([...(scenario.before ?? []), scenario.finding], {
    interceptStep: ({ functionId, input, run: real }) => {
      if (!(targets as readonly string[]).includes(functionId) || !belongsTo(input, scenario.finding)) {
        return real();
      }
      calls += 1;
      if (mode === 'fatal') return Promise.reject(fatal());
      return calls === 1 ? Promise.reject(transient()) : real();
    },
  });
  const result = results.at(-1);
  if (result === undefined) throw new Error('no result');
  return result;
}

/** Whether a function's input (an event for intake, the flow state for the steps) is about this import of the finding. */
function belongsTo(input: unknown, finding: AwsSecurityFinding): boolean {
  const candidate = input as {
    pad?: { finding?: AwsSecurityFinding };
    detail?: { findings?: AwsSecurityFinding[] };
  } | null;
  const seen = candidate?.pad?.finding ?? candidate?.detail?.findings?.[0];
  return seen?.Id === finding.Id && seen.UpdatedAt === finding.UpdatedAt;
}

/** A fault case ended safely: ticketed, or recorded and alarmed; never suppressed by the fault. */
function handledSafely(result: SimulatedFinding, target: FunctionId): string[] {
  const problems: string[] = [];
  const ticketed =
    result.ticket !== undefined || result.securityHub.some((c) => c.changes?.workflowStatus === 'NOTIFIED');
  const failedExecution = result.execution?.status === 'FAILED';
  const recorded = result.failures.length > 0;
  if (target === 'Intake') {
    if (!recorded || result.failures[0]?.step !== 'intake') problems.push('intake failure not dead-lettered');
    return problems;
  }
  if (!ticketed && !(failedExecution && (recorded || target === 'RecordFailure'))) {
    problems.push(
      `neither ticketed nor a recorded, failed execution (status ${result.execution?.status ?? 'none'})`,
    );
  }
  if (ticketed && failedExecution) problems.push('ticketed but the execution failed');
  if (
    result.securityHub.some((c) => c.changes?.workflowStatus === 'SUPPRESSED') &&
    !result.decision?.route.startsWith('suppress')
  ) {
    problems.push('a fault led to a suppression');
  }
  return problems;
}

const cases = scenarios.flatMap((scenario) =>
  [...scenario.functions, 'RecordFailure' as const].map(
    (target) => [scenario.name, target, scenario] as const,
  ),
);

describe('Faults: a failure at each function of each route', () => {
  let count = 0;
  afterAll(() => {
    const transient = cases.filter(([, target]) => target !== 'RecordFailure' && target !== 'Intake').length;
    console.log(
      `Fault tests: ${count} cases: ${cases.length} fatal (every function of every route), ${transient} ` +
        'transient (every task), and a remediation whose ticket fails too',
    );
  });

  it.each(cases)(
    '%s, %s fails for good: ticket or recorded, alarmed failure',
    async (_name, target, scenario) => {
      // RecordFailure runs only after another failure: fault the route's last step too.
      const targets: FunctionId[] =
        target === 'RecordFailure' ? [scenario.functions.at(-1) ?? 'Suppress', target] : [target];
      const result = await runWithFaults(scenario, targets, 'fatal');
      count += 1;

      expect({ target, problems: handledSafely(result, target) }).toEqual({ target, problems: [] });
    },
  );

  it('remediation fails and then its ticket fails too: the failure is recorded and the execution fails', async () => {
    const scenario = scenarios[2];
    if (scenario === undefined) throw new Error('no remediation scenario');

    const result = await runWithFaults(scenario, ['Remediate', 'Ticket'], 'fatal');
    count += 1;

    expect(result.execution?.states).toEqual([
      'Route',
      'Remediate',
      'TicketTeam',
      'RecordFailure',
      'FindingNotHandled',
    ]);
    expect(result.execution?.status).toBe('FAILED');
    expect(result.failures).toEqual([expect.objectContaining({ step: 'ticket', error: 'InjectedFault' })]);
  });

  it.each(cases.filter(([, target]) => target !== 'RecordFailure' && target !== 'Intake'))(
    '%s, %s fails once: retried, same outcome as a clean run',
    async (_name, target, scenario) => {
      const clean = (await run([...(scenario.before ?? []), scenario.finding])).at(-1);
      const retried = await runWithFaults(scenario, [target], 'transient');
      count += 1;

      expect(retried.result?.outcome).toBe(clean?.result?.outcome);
      expect(retried.execution?.retries).toBe(1);
      expect(retried.execution?.transitions).toBe((clean?.execution?.transitions ?? 0) + 1);
    },
  );
});
