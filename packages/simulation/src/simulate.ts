import { getSeverityLabel } from '@soar/asff-schema';
import type { ExecutionTrace, CloudFormationTemplate } from '@soar/local-runtime';
import type { Decision } from '@soar/triage';
import type { LocalSecurityHubChange } from '@soar/security-hub';
import { describeError, type SoarLogger } from '@soar/common';
import { findingsImportedEvent } from './events';
import { FlowStateSchema } from '@soar/workflow/schemas';
import {
  type FailureRecord,
  type FlowOutcome,
  IntakeRetryError,
  type IntakeResult,
  type RemediationSummary,
  type TicketRef,
} from '@soar/workflow';
import { type InputFinding, type InputProblem } from './inputs';
import { type HourlyRun } from './hourly';
import type { WeeklyReportSummary } from '@soar/reporting';
import { type OutboxMessage } from './outbox';
import { type World } from './world';
import {
  LOCAL_SECURITY_ACCOUNT,
  startLocalSoar,
  type LocalEffects,
  type StepInterceptor,
} from './local-soar';

/** One execution of the finding processor, as the report shows it. */
export interface SimulatedExecution {
  readonly name: string;
  readonly status: ExecutionTrace['status'];
  /** State names in the order they were entered. */
  readonly states: readonly string[];
  readonly statesEntered: number;
  readonly transitions: number;
  readonly lambdaInvocations: number;
  readonly retries: number;
  readonly durationMs: number;
  readonly error?: { readonly Error: string; readonly Cause: string };
}

/**
 * An event SOAR's own change to a finding made Security Hub send (the feedback loop: SOAR sees its own updates come back): which
 * rules it matched and what intake did with it.
 */
export interface SimulatedFollowUp {
  readonly workflowStatus?: string;
  readonly ticketOpen?: string;
  readonly rules: readonly string[];
  readonly intake: readonly IntakeResult[];
}

/** Everything a simulation says about one finding. */
export interface SimulatedFinding {
  readonly source: string;
  readonly findingId: string;
  readonly title: string;
  readonly controlId?: string;
  readonly accountId: string;
  readonly severity: string;
  /** The rules of the stack the finding's event matched (empty: EventBridge would deliver it nowhere). */
  readonly rules: readonly string[];
  readonly intake: readonly IntakeResult[];
  readonly decision?: Decision;
  readonly execution?: SimulatedExecution;
  readonly remediation?: RemediationSummary;
  readonly ticket?: TicketRef;
  readonly result?: FlowOutcome;
  /** What happened, in one line, whatever the route. */
  readonly summary: string;
  readonly securityHub: readonly LocalSecurityHubChange[];
  readonly messages: readonly OutboxMessage[];
  readonly failures: readonly FailureRecord[];
  readonly followUps: readonly SimulatedFollowUp[];
}

/** The whole simulation. */
export interface SimulationReport {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly mode: 'plan' | 'endpoint';
  readonly endpointUrl?: string;
  readonly world: { readonly accounts: number; readonly now?: string };
  readonly findings: readonly SimulatedFinding[];
  readonly problems: readonly InputProblem[];
  /** Findings per route, and per final outcome. */
  readonly totals: {
    readonly routes: Readonly<Record<string, number>>;
    readonly outcomes: Readonly<Record<string, number>>;
    readonly statesEntered: number;
    readonly lambdaInvocations: number;
  };
  /**
   * The hours after the findings (with `hours`): the hourly tasks run once an hour, from the world's
   * `now`, over the tickets the world and the findings opened.
   */
  readonly day?: {
    readonly hours: number;
    readonly runs: readonly HourlyRun[];
    /** The weekly report the stack would write at the end of the day, from the simulated week. */
    readonly weeklyReport?: { readonly summary: WeeklyReportSummary; readonly html: string };
  };
}

/** Options of {@link simulate}. */
export interface SimulateOptions {
  readonly template: CloudFormationTemplate;
  /** The workspace root the template's function entries are relative to (default: found from the current directory). */
  readonly workspaceRoot?: string;
  readonly world: World;
  readonly findings: readonly InputFinding[];
  readonly problems?: readonly InputProblem[];
  readonly endpointUrl?: string;
  /** How many rounds of SOAR's own update events to follow (default 2; 0 turns the feedback loop off). */
  readonly followUpRounds?: number;
  /** Called after each finding, for progress output. */
  readonly onFinding?: (done: number, total: number, finding: SimulatedFinding) => void;
  readonly logger?: SoarLogger;
  /** Wraps every function's step (fault injection in tests). */
  readonly interceptStep?: StepInterceptor;
  /** `false`: start with an empty enabled-controls table, as a new deployment does (default `true`). */
  readonly seedEnabledControls?: boolean;
  /**
   * After the findings, run the stack's hourly tasks at each of the next `hours` hours (the clock
   * moves forward from the world's `now`): reminders of the tickets overdue by then, and the
   * statistics. Default 0: no hourly run.
   */
  readonly hours?: number;
}

/**
 * Runs findings through SOAR locally, in order, each as the "Findings - Imported" event Security Hub
 * would send: the stack's rules filter it, the intake function decides, the finding processor state
 * machine acts. Then the events Security Hub sends back for SOAR's own changes are followed too, as
 * in AWS. Nothing leaves the machine (remediations are planned from the finding), unless
 * `endpointUrl` points the remediations at an AWS endpoint such as moto.
 *
 * @example
 * ```ts
 * const report = await simulate({ template, world, findings });
 * report.totals.routes; // { remediate: 4, ticket: 3, suppress: 2, do_nothing: 2, close_ticket: 1 }
 * ```
 */
export async function simulate(options: SimulateOptions): Promise<SimulationReport> {
  const started = Date.now();
  const soar = await startLocalSoar({
    template: options.template,
    ...(options.workspaceRoot === undefined ? {} : { workspaceRoot: options.workspaceRoot }),
    world: options.world,
    findings: options.findings.map((f) => f.finding),
    ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.interceptStep === undefined ? {} : { interceptStep: options.interceptStep }),
    ...(options.seedEnabledControls === undefined
      ? {}
      : { seedEnabledControls: options.seedEnabledControls }),
  });
  const rounds = options.followUpRounds ?? 2;
  const results: SimulatedFinding[] = [];
  const runs: HourlyRun[] = [];
  let weeklyReport: { readonly summary: WeeklyReportSummary; readonly html: string } | undefined;
  try {
    for (const input of options.findings) {
      // Security Hub now holds this version of the finding, as after the provider's import.
      soar.securityHub.seed([input.finding]);
      const before = soar.mark();
      const event = findingsImportedEvent(input.finding, {
        accountId: LOCAL_SECURITY_ACCOUNT,
        ...(options.world.now === undefined ? {} : { time: options.world.now }),
      });
      const rules = soar.matchingRules(event).map(ruleName);
      let intake: readonly IntakeResult[] = [];
      let deadLettered: FailureRecord | undefined;
      if (rules.length > 0) {
        try {
          intake = await soar.intake(event);
        } catch (error) {
          // In AWS the invocation is retried, then lands in the dead-letter queue, which alarms.
          if (error instanceof IntakeRetryError) intake = error.results;
          deadLettered = {
            key: input.finding.Id,
            findingId: input.finding.Id,
            accountId: input.finding.AwsAccountId,
            step: 'intake',
            error: error instanceof Error ? error.name : 'Error',
            cause: `${describeError(error)} (in AWS: retried, then dead-lettered; alarm INFRA-SOAR-Intake-DLQ-Failure-HIGH)`,
            at: new Date().toISOString(),
          };
        }
      }
      const afterMain = soar.mark();

      const followUps: SimulatedFollowUp[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const events = soar.takeFeedbackEvents();
        if (events.length === 0) break;
        for (const feedback of events) {
          const matched = soar.matchingRules(feedback).map(ruleName);
          const finding = feedback.detail.findings[0];
          followUps.push({
            ...(finding?.Workflow?.Status === undefined ? {} : { workflowStatus: finding.Workflow.Status }),
            ...(finding?.UserDefinedFields?.['TicketOpen'] === undefined
              ? {}
              : { ticketOpen: finding.UserDefinedFields['TicketOpen'] }),
            rules: matched,
            intake: matched.length === 0 ? [] : await soar.intake(feedback),
          });
        }
      }
      soar.takeFeedbackEvents();
      const main = soar.effectsSince(before, afterMain);
      const all = soar.effectsSince(before);
      const simulated = describeFinding(input, rules, intake, main, all, followUps, deadLettered);
      results.push(simulated);
      options.onFinding?.(results.length, options.findings.length, simulated);
    }
    const start = (options.world.now ?? new Date(started)).getTime();
    for (let hour = 1; hour <= (options.hours ?? 0); hour += 1) {
      runs.push(await soar.hourly(new Date(start + hour * 3_600_000)));
    }
    // The day ends with the weekly report, as if its schedule came then (prose from the local model).
    if ((options.hours ?? 0) > 0) weeklyReport = await soar.weeklyReport();
  } finally {
    await soar.stop();
  }
  return {
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    mode: options.endpointUrl === undefined ? 'plan' : 'endpoint',
    ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
    world: {
      accounts: options.world.accounts.length,
      ...(options.world.now === undefined ? {} : { now: options.world.now.toISOString() }),
    },
    findings: results,
    problems: options.problems ?? [],
    totals: totalsOf(results),
    ...(options.hours === undefined || options.hours <= 0
      ? {}
      : { day: { hours: options.hours, runs, ...(weeklyReport === undefined ? {} : { weeklyReport }) } }),
  };
}

function ruleName(rule: { readonly constructPath?: string | undefined; readonly logicalId: string }): string {
  return rule.constructPath?.split('/').at(-1) ?? rule.logicalId;
}

function describeFinding(
  input: InputFinding,
  rules: readonly string[],
  intake: readonly IntakeResult[],
  main: LocalEffects,
  all: LocalEffects,
  followUps: readonly SimulatedFollowUp[],
  deadLettered: FailureRecord | undefined,
): SimulatedFinding {
  const { finding } = input;
  const first = intake[0];
  const decision = first !== undefined && 'decision' in first ? first.decision : undefined;
  const trace = main.executions[0];
  const output = trace?.output === undefined ? undefined : FlowStateSchema.safeParse(trace.output);
  const state = output?.success === true ? output.data : undefined;
  const controlId = finding.Compliance?.SecurityControlId;
  return {
    source: input.source,
    findingId: finding.Id,
    title: finding.Title,
    ...(controlId === undefined ? {} : { controlId }),
    accountId: finding.AwsAccountId,
    severity: getSeverityLabel(finding.Severity) ?? 'INFORMATIONAL',
    rules,
    intake,
    ...(decision === undefined ? {} : { decision }),
    ...(trace === undefined ? {} : { execution: executionOf(trace) }),
    ...(state?.remediation === undefined ? {} : { remediation: state.remediation }),
    ...(state?.ticket === undefined ? {} : { ticket: state.ticket }),
    ...(state?.result === undefined ? {} : { result: state.result }),
    summary:
      deadLettered === undefined
        ? summaryOf(rules, first, trace, state?.result)
        : `Intake failed: ${deadLettered.cause}`,
    securityHub: all.securityHub,
    messages: all.messages,
    failures: deadLettered === undefined ? all.failures : [...all.failures, deadLettered],
    followUps,
  };
}

function executionOf(trace: ExecutionTrace): SimulatedExecution {
  return {
    name: trace.executionName,
    status: trace.status,
    states: trace.states.map((s) => s.name),
    statesEntered: trace.statesEntered,
    transitions: trace.transitions,
    lambdaInvocations: trace.lambdaInvocations,
    retries: trace.retries.length,
    durationMs: trace.durationMs,
    ...(trace.error === undefined ? {} : { error: trace.error }),
  };
}

function summaryOf(
  rules: readonly string[],
  intake: IntakeResult | undefined,
  trace: ExecutionTrace | undefined,
  result: FlowOutcome | undefined,
): string {
  if (rules.length === 0)
    return 'No rule of the stack matches this event: EventBridge does not deliver it to SOAR.';
  if (intake === undefined) return 'Intake returned nothing for this finding.';
  switch (intake.status) {
    case 'rejected':
      return `Rejected (${intake.reason}): ${intake.error}`;
    case 'failed':
      return `Intake could not handle it: ${intake.error}`;
    case 'stale':
      return `Stale: a newer event of this finding (updated ${intake.newer.updatedAt}) was already acted on; nothing changed.`;
    case 'done':
      return `Nothing to do: ${intake.decision.reason}`;
    case 'left_for_incidents':
      return `Left for the incidents workflow (not part of this release): ${intake.decision.reason}`;
    case 'reassigned':
    case 'reclassified':
      return intake.detail;
    case 'duplicate':
      return 'A duplicate delivery: the execution for this finding event already ran.';
    case 'started':
      if (result !== undefined) return result.summary;
      return trace?.status === 'SUCCEEDED'
        ? 'The finding processor finished.'
        : `The finding processor ended ${trace?.status ?? 'without a trace'}${trace?.error === undefined ? '' : `: ${trace.error.Error}`}.`;
  }
}

function totalsOf(findings: readonly SimulatedFinding[]): SimulationReport['totals'] {
  const routes: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  let statesEntered = 0;
  let lambdaInvocations = 0;
  for (const finding of findings) {
    const route = finding.decision?.route ?? (finding.rules.length === 0 ? 'not_delivered' : 'rejected');
    routes[route] = (routes[route] ?? 0) + 1;
    const outcome =
      finding.result?.outcome ??
      (finding.intake[0]?.status === 'done'
        ? 'nothing_to_do'
        : (finding.intake[0]?.status ?? 'not_delivered'));
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    statesEntered += finding.execution?.statesEntered ?? 0;
    lambdaInvocations += (finding.intake.length > 0 ? 1 : 0) + (finding.execution?.lambdaInvocations ?? 0);
  }
  return { routes, outcomes, statesEntered, lambdaInvocations };
}
