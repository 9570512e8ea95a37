import { UNLIMITED_INVOCATION, type Invocation } from '@soar/lambda';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AwsSecurityFinding, SecurityHubFindingsImportedEvent } from '@soar/asff-schema';
import { AccountMetadataService } from '@soar/accounts';
import { createDynamoDbAccountCache } from '@soar/accounts/sources';
import { createAwsAccess } from '@soar/aws-access';
import { describeError, type SoarLogger } from '@soar/common';
import type { HourlyPorts, HourlySummary } from '@soar/scheduled-jobs';
import { reportEmail, weeklyReportSources } from '@soar/scheduled-jobs/weekly-aws';
import { aiOnFirstUse } from '@soar/ai-prompts/analyst';
import type { WeeklyReportPorts, WeeklyReportSummary } from '@soar/reporting';
import {
  createTablesFromTemplate,
  extractEventRules,
  extractStateMachines,
  listFunctions,
  LocalStateMachine,
  matchesEventPattern,
  startEmbeddedDynamoDb,
  type CloudFormationTemplate,
  type EmbeddedDynamoDb,
  type ExecutionTrace,
  type LocalEventRule,
  type LocalFunction,
  type ResolveContext,
} from '@soar/local-runtime';
import { CONTROLS, defaultRegistry, remediate } from '@soar/remediations';
import { simulateRemediation } from '@soar/remediations/simulation';
import { createLocalSecurityHub, type LocalSecurityHub } from '@soar/security-hub';
import { InternalTicketSystem } from '@soar/ticket-systems';
import { TicketStore } from '@soar/tickets';
import {
  createMemoryFailureRecorder,
  ticketingFor,
  type ExecutionStarter,
  type FailureRecord,
  type FlowState,
  type IntakeResult,
  type Remediator,
  type WorkflowPorts,
} from '@soar/workflow';
import { createDynamoDbWatermarks, loadGateData } from '@soar/workflow/aws';
import { createDynamoDbIncidentLog, createDynamoDbRemediationHistory, type IncidentLog } from '@soar/history';
import {
  accountMetadataConfigOf,
  isTicketOnly,
  parseRuntimeConfig,
  RUNTIME_CONFIG_VARIABLE,
  selectedChannels,
  type RuntimeConfig,
} from '@soar/workflow/config';
import { SimulationError } from './errors';
import { worldControlsSync, worldOrganization } from './world-controls';
import { loadEntries, type EntryFunction } from './entries';
import { describeHourlyRun, memoryMetricsSink, type HourlyRun } from './hourly';
import { createOutbox, type OutboxMessage } from './outbox';
import { dynamoDbLocalSuppressions, incidentHistoryRecorder } from '@soar/incidents/aws';
import type { HandleIncidentPorts } from '@soar/incidents/steps';
import { checkWorldResources, seedWorld, worldAccountSource, worldLiveState, type World } from './world';
import { seedIncidentHistory, worldAlarmContext, worldContainment } from './world-incidents';

/** The account SOAR runs in locally (the Security Hub administrator account). */
export const LOCAL_SECURITY_ACCOUNT = '999999999999';
const LOCAL_REGION = 'eu-west-1';

/** The ports of every step SOAR runs locally: the workflow's, and those of the incident steps. */
type LocalPorts = WorkflowPorts & {
  readonly incidents: HandleIncidentPorts;
  readonly incidentHistory?: ReturnType<typeof incidentHistoryRecorder>;
  readonly incidentLog?: IncidentLog;
};

/** Options of {@link startLocalSoar}. */
export interface LocalSoarOptions {
  /** The synthesized soar-core template (see `synthTemplate`). */
  readonly template: CloudFormationTemplate;
  /**
   * The workspace root the template's function entries are relative to (default: found from the
   * current directory, the nearest folder with an `nx.json`).
   */
  readonly workspaceRoot?: string;
  readonly world: World;
  /** The findings that will be simulated: their controls count as enabled where the world says `*`. */
  readonly findings: readonly AwsSecurityFinding[];
  /**
   * An AWS endpoint (e.g. a moto server): remediations then read and apply for real there, instead
   * of being planned from the finding.
   */
  readonly endpointUrl?: string;
  readonly logger?: SoarLogger;
  /**
   * Wraps every function's business function (tests inject failures here): `run` calls the real one.
   */
  readonly interceptStep?: StepInterceptor;
  /**
   * Write the world's enabled controls (and each account's synced marker) into the table before
   * anything runs (default `true`); `false` starts with an empty table, as a new deployment does.
   */
  readonly seedEnabledControls?: boolean;
  /** The enabled-controls sync: items per page of the world's answers, accounts whose sync fails. */
  readonly sync?: { readonly pageSize?: number; readonly failingAccounts?: readonly string[] };
}

/** Sees (and may replace) each call of a function's business function: fault injection for tests. */
export type StepInterceptor = (call: {
  /** The function's construct id in the stack, e.g. `Ticket`. */
  readonly functionId: string;
  readonly input: unknown;
  readonly run: () => Promise<unknown>;
}) => Promise<unknown>;

/** What happened while one event was handled: the side effects SOAR made, in order. */
export interface LocalEffects {
  readonly securityHub: ReturnType<LocalSecurityHub['history']>;
  readonly messages: readonly OutboxMessage[];
  readonly failures: readonly FailureRecord[];
  readonly executions: readonly ExecutionTrace[];
}

/** How many side effects of each kind were recorded at some moment (see {@link LocalSoar.mark}). */
export interface EffectsMark {
  readonly securityHub: number;
  readonly messages: number;
  readonly failures: number;
  readonly executions: number;
}

/** A running local SOAR: the stack's state machine, rules and functions over embedded services. */
export interface LocalSoar {
  readonly config: RuntimeConfig;
  readonly rules: readonly LocalEventRule[];
  readonly securityHub: LocalSecurityHub;
  /** The embedded DynamoDB holding SOAR's tables. */
  readonly dynamodb: EmbeddedDynamoDb;
  /** The rules an event matches (by construct path), as EventBridge would deliver it. */
  matchingRules(event: unknown): readonly LocalEventRule[];
  /**
   * Delivers an event to the function the matching rules target (the Intake function's entry), as
   * EventBridge does, and returns what it did.
   */
  intake(event: unknown): Promise<IntakeResult[]>;
  /** Events Security Hub emitted for SOAR's own changes since the last call. */
  takeFeedbackEvents(): SecurityHubFindingsImportedEvent[];
  /** Where the records of side effects stand now: give it to {@link LocalSoar.effectsSince}. */
  mark(): EffectsMark;
  /** The side effects recorded after `from` (and up to `to`, when given): those of one event. */
  effectsSince(from: EffectsMark, to?: EffectsMark): LocalEffects;
  /** Runs the enabled-controls sync state machine of the template once, as its schedule does. */
  syncControls(): Promise<ExecutionTrace>;
  /**
   * Runs the stack's hourly tasks function once, as its schedule does, at `at`: the simulation's
   * clock moves there (and stays, so that later runs go on from it); without `at`, at the clock's
   * current time (the world's `now`, else the real clock).
   */
  hourly(at?: Date): Promise<HourlyRun>;
  /**
   * Runs the stack's weekly report function once, at `at` (as `hourly` moves the clock): the week's
   * tickets, incidents and auto-remediations of the simulation, the prose from the local model. The
   * report is kept in memory (not in S3) and emailed to `recipients` through the outbox.
   */
  weeklyReport(
    at?: Date,
    options?: { readonly recipients?: readonly string[] },
  ): Promise<{ readonly summary: WeeklyReportSummary; readonly html: string }>;
  stop(): Promise<void>;
}

/**
 * Starts SOAR locally from its synthesized template: SOAR's tables in an embedded DynamoDB (created
 * from the template, seeded from the world), the state machine run in-process, each task bound to the
 * entry module its function bundles (the entry's `run`, called with local ports), a local Security
 * Hub that emits events for SOAR's changes, internal tickets, and an outbox instead of email.
 * Remediations are planned from the finding (nothing is changed), or, with `endpointUrl`, run for
 * real against that endpoint.
 *
 * @example
 * ```ts
 * const soar = await startLocalSoar({ template, world, findings });
 * if (soar.matchingRules(event).length > 0) await soar.intake(event);
 * await soar.stop();
 * ```
 */
export async function startLocalSoar(options: LocalSoarOptions): Promise<LocalSoar> {
  const { template, world } = options;
  const context: ResolveContext = {
    template,
    accountId: LOCAL_SECURITY_ACCOUNT,
    region: LOCAL_REGION,
    partition: 'aws',
    stackName: 'SoarCore',
  };
  checkWorldResources(world, defaultRegistry);
  const functions = listFunctions(template, context);
  const config = runtimeConfigOf(functions);
  const entries = await loadEntries(functions, options.workspaceRoot ?? findWorkspaceRoot(process.cwd()));

  const dynamo = await startEmbeddedDynamoDb();
  try {
    const dynamodb = dynamo.client();
    await createTablesFromTemplate(template, dynamodb, context);
    const findingControls = options.findings.flatMap((f) => {
      const id = f.Compliance?.SecurityControlId?.trim();
      return id === undefined || id === '' ? [] : [id];
    });
    const ticketStore = new TicketStore({ dynamodb, tableName: config.tables.tickets, sla: config.sla });
    await seedWorld(world, {
      dynamodb,
      tables: config.tables,
      allControls: [...new Set(findingControls)],
      remediableControls: CONTROLS.map((c) => c.controlId),
      enabledControls: options.seedEnabledControls ?? true,
      incidentSuppressionsTable: config.tables.localIncidentSuppressions,
      tickets: ticketStore,
    });

    // The hourly runs move the clock forward (`hourly(at)`): a day of SOAR passes in seconds.
    let movedTo: Date | undefined;
    const clock = () => movedTo ?? world.now ?? new Date();
    const feedback: SecurityHubFindingsImportedEvent[] = [];
    // Findings enter Security Hub as they are simulated (`securityHub.seed`), in order, as imports do.
    const securityHub = createLocalSecurityHub({
      now: clock,
      eventAccountId: LOCAL_SECURITY_ACCOUNT,
      onFindingsImported: (event) => {
        feedback.push(event);
      },
    });
    const accounts = new AccountMetadataService({
      source: worldAccountSource(world),
      cache: createDynamoDbAccountCache({ client: dynamodb, tableName: config.tables.accounts }),
      config: accountMetadataConfigOf(config),
      clock,
    });
    // Email is validated and addressed as the deployed stack's would be (configured CC/BCC included).
    const outbox = createOutbox('email', {
      email: { from: config.email.from, cc: config.email.cc, bcc: config.email.bcc },
    });
    const failures = createMemoryFailureRecorder();
    const traces: ExecutionTrace[] = [];

    /**
     * Calls an entry's `run` with `ports`, through the test's interceptor when there is one. A
     * scheduled function's ports are another part than the workflow's, which `EntryFunction` names.
     */
    const invoke = (entry: EntryFunction, input: unknown, ports: unknown): Promise<unknown> => {
      const run = () =>
        (entry.run as (input: unknown, ports: unknown, invocation: Invocation) => Promise<unknown>)(
          input,
          ports,
          UNLIMITED_INVOCATION,
        );
      return options.interceptStep === undefined
        ? run()
        : options.interceptStep({ functionId: entry.functionId, input, run });
    };
    const scheduledEntry = (functionId: string, job: string): EntryFunction => {
      const entry = [...entries.values()].find((e) => e.functionId === functionId);
      if (entry === undefined) throw new SimulationError(`The template has no ${job} function`);
      return entry;
    };
    const portsRef: { current?: LocalPorts } = {};
    const bind = (logicalId: string | undefined) => {
      const entry = logicalId === undefined ? undefined : entries.get(logicalId);
      if (entry === undefined) return undefined;
      return (input: unknown) => {
        if (portsRef.current === undefined) throw new SimulationError('The local SOAR is not started');
        return invoke(entry, input, portsRef.current);
      };
    };
    // Each state machine by the construct that defines it: the stack has several.
    const machines = extractStateMachines(template, context);
    const machineOf = (construct: string) => {
      const machine = machines.find((m) => m.constructPath?.split('/').includes(construct));
      return machine === undefined
        ? undefined
        : new LocalStateMachine(machine, { handlers: (binding) => bind(binding.functionLogicalId) });
    };
    const processor = machineOf('FindingProcessor');
    if (processor === undefined) throw new SimulationError('The template has no finding processor');
    const syncMachine = machineOf('SyncControlsWorkflow');
    const started = new Set<string>();
    const starterOf = (machine: LocalStateMachine, machineName: string): ExecutionStarter => ({
      async start({ name, input }: { name: string; input: FlowState }) {
        const executionArn = `arn:aws:states:${LOCAL_REGION}:${LOCAL_SECURITY_ACCOUNT}:execution:${machineName}:${name}`;
        if (started.has(executionArn)) return { status: 'duplicate', executionArn };
        started.add(executionArn);
        traces.push(await machine.run(input, { executionName: name }));
        return { status: 'started', executionArn };
      },
    });
    const executions = starterOf(processor, 'FindingProcessor');
    const incidentsMachine = machineOf('IncidentsWorkflow');
    const incidentTables = {
      suppressions: config.tables.localIncidentSuppressions,
      history: config.tables.incidentHistory,
    };
    if (incidentTables.history !== undefined)
      await seedIncidentHistory(world.alarmContext.history, {
        dynamodb,
        historyTableName: incidentTables.history,
      });

    const tickets = ticketingFor(config, {
      store: ticketStore,
      ticketSystem: new InternalTicketSystem(),
      email: outbox,
      // Slack and Teams, as configured per environment and team, keep their copies in the outbox.
      chat: (target) =>
        selectedChannels(config.channels, target)
          .filter((name) => name !== 'sentinel')
          .map((name) => outbox.channel(name)),
      accounts,
      clock,
    });
    // The AI section of the messages, from the local model unless the stack says `none`.
    const ai = aiOnFirstUse(config.ai);
    const ports: LocalPorts = {
      ...(ai === undefined ? {} : { ai: ai.analyst }),
      // The incidents workflow, when the stack has one: the suppression rules and history in local
      // tables, containment over the world's instances, an alarm's context from the world's alarms,
      // executions and logs.
      ...(incidentsMachine === undefined || incidentTables.suppressions === undefined
        ? {}
        : { incidentExecutions: starterOf(incidentsMachine, 'IncidentsWorkflow') }),
      incidents: {
        config: config.incidents,
        localSuppressions:
          incidentTables.suppressions === undefined
            ? { ruleFor: () => Promise.resolve(undefined) }
            : dynamoDbLocalSuppressions(dynamodb, incidentTables.suppressions),
        containment: worldContainment(world.instances),
        ...(incidentTables.history === undefined
          ? {}
          : {
              enrichment: {
                portsFor: worldAlarmContext(world.alarmContext, {
                  dynamodb,
                  historyTableName: incidentTables.history,
                  clock,
                }),
              },
            }),
      },
      ...(incidentTables.history === undefined
        ? {}
        : { incidentHistory: incidentHistoryRecorder(dynamodb, incidentTables.history) }),
      accounts,
      gates: {
        load: (finding, load) =>
          loadGateData(finding, {
            dynamodb,
            tables: config.tables,
            consistentRead: load?.consistentRead ?? false,
          }),
      },
      executions,
      failures,
      securityHub,
      // Reassignment imports into the local Security Hub, which sends the copy's event back.
      preprocess: { securityHub, config: config.preprocessing },
      tickets,
      remediator: localRemediator(config, clock, options.endpointUrl, worldLiveState(world)),
      watermarks: createDynamoDbWatermarks({ dynamodb, tableName: config.tables.watermarks }),
      ...(config.tables.remediationHistory === undefined
        ? {}
        : {
            history: createDynamoDbRemediationHistory({
              dynamodb,
              tableName: config.tables.remediationHistory,
              clock,
            }),
          }),
      ...(config.tables.incidentLog === undefined
        ? {}
        : {
            incidentLog: createDynamoDbIncidentLog({ dynamodb, tableName: config.tables.incidentLog, clock }),
          }),
      decide: config.decide,
      clock,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    };
    // The enabled-controls sync reads the world's accounts and controls as AWS would page them.
    const worldControls = {
      allControls:
        findingControls.length > 0 ? [...new Set(findingControls)] : CONTROLS.map((c) => c.controlId),
      region: LOCAL_REGION,
      pageSize: options.sync?.pageSize,
      failingAccounts: options.sync?.failingAccounts,
    };
    portsRef.current = {
      ...ports,
      organization: worldOrganization(world, worldControls),
      controls: worldControlsSync(
        world,
        { client: dynamodb, tableName: config.tables.enabledControls },
        worldControls,
      ),
    };
    const rules = extractEventRules(template, context);
    const matchingRules = (event: unknown) =>
      rules.filter((rule) => rule.enabled && matchesEventPattern(rule.eventPattern, event));
    let securityHubChanges = 0;

    return {
      config,
      rules,
      securityHub,
      dynamodb: dynamo,
      matchingRules,
      intake: async (event) => {
        const target = matchingRules(event)
          .flatMap((rule) => rule.targets)
          .find((t) => t.targetLogicalId !== undefined && entries.has(t.targetLogicalId));
        const deliver = bind(target?.targetLogicalId);
        if (deliver === undefined)
          throw new SimulationError('No rule of the template delivers this event to a function');
        const result = await deliver(event);
        // The rules target the Intake entry, whose `run` returns one result per finding.
        if (!Array.isArray(result))
          throw new SimulationError('The rules’ target did not return intake results');
        return result as IntakeResult[];
      },
      takeFeedbackEvents: () => feedback.splice(0),
      mark: () => {
        // The history only grows: count what is new since the last mark, without copying the rest.
        securityHubChanges += securityHub.history(securityHubChanges).length;
        return {
          securityHub: securityHubChanges,
          messages: outbox.messages().length,
          failures: failures.list().length,
          executions: traces.length,
        };
      },
      effectsSince: (from, to) => {
        const end = (count: number | undefined) => count ?? Number.MAX_SAFE_INTEGER;
        return {
          securityHub: securityHub
            .history(from.securityHub)
            .slice(0, end(to?.securityHub) - from.securityHub),
          messages: outbox.messages().slice(from.messages, to?.messages),
          failures: failures.list().slice(from.failures, to?.failures),
          executions: traces.slice(from.executions, to?.executions),
        };
      },
      syncControls: async () => {
        if (syncMachine === undefined)
          throw new SimulationError('The template has no enabled-controls sync state machine');
        const trace = await syncMachine.run({}, { executionName: `sync-controls-${traces.length}` });
        traces.push(trace);
        return trace;
      },
      hourly: async (at) => {
        const entry = scheduledEntry('HourlyTasks', 'hourly tasks');
        if (at !== undefined) movedTo = at;
        const now = clock();
        const messagesBefore = outbox.messages().length;
        const failuresBefore = failures.list().length;
        const open = await ticketStore.openTickets();
        const metrics = memoryMetricsSink();
        const history = ports.history;
        const incidentLog = ports.incidentLog;
        const hourlyPorts: HourlyPorts = {
          tickets,
          failures,
          openTickets: ticketStore,
          metrics,
          sla: config.sla,
          ...(history === undefined
            ? {}
            : {
                // Locally every remediation is planned, not made (unless an endpoint is given): the
                // statistics count those the history records as fixed, to show what AWS would count.
                autoRemediations: {
                  listSince: async (since: Date) =>
                    (await history.listSince(since, now)).filter((row) => row.outcome === 'remediated'),
                },
              }),
          ...(incidentLog === undefined
            ? {}
            : { incidents: { listSince: (since: Date) => incidentLog.listSince(since, now) } }),
          clock,
          ...(options.logger === undefined ? {} : { logger: options.logger }),
        };
        const input = { 'detail-type': 'Scheduled Event', time: now.toISOString() };
        let summary: HourlySummary | undefined;
        let error: string | undefined;
        try {
          summary = (await invoke(entry, input, hourlyPorts)) as HourlySummary;
        } catch (cause) {
          // In AWS the invocation fails and the function's error alarm fires; the failures are recorded.
          error = describeError(cause);
        }
        return describeHourlyRun({
          at: now,
          before: open.tickets,
          summary,
          messages: outbox.messages().slice(messagesBefore),
          failures: failures.list().slice(failuresBefore),
          metrics: metrics.points(),
          sla: config.sla,
          error,
        });
      },
      weeklyReport: async (at, reportOptions = {}) => {
        const entry = scheduledEntry('WeeklyReport', 'weekly report');
        if (at !== undefined) movedTo = at;
        const stored = new Map<string, string>();
        const history = ports.history;
        const incidentLog = ports.incidentLog;
        const recipients = reportOptions.recipients ?? [];
        const reportPorts: WeeklyReportPorts = {
          sources: weeklyReportSources({
            accounts: async () => [
              ...(await accounts.getAccounts(world.accounts.map((a) => a.id))).accounts.values(),
            ],
            tickets: ticketStore,
            ...(incidentLog === undefined
              ? {}
              : { incidents: { listSince: (since: Date) => incidentLog.listSince(since, clock()) } }),
            // Locally the fixes are planned, not made: they count as the fixes AWS would report.
            ...(history === undefined
              ? {}
              : {
                  remediations: {
                    listSince: async (since: Date) =>
                      (await history.listSince(since, clock())).map((row) => ({ ...row, simulated: false })),
                  },
                }),
          }),
          ...(ai === undefined ? {} : { prose: ai.prose }),
          store: {
            put: (key, html) => {
              stored.set(key, html);
              return Promise.resolve({ uri: `memory://${key}` });
            },
          },
          ...(recipients.length === 0
            ? {}
            : {
                deliver: (made) => outbox.send(reportEmail(made), { to: recipients }),
              }),
          productName: config.productName,
          isoWeekInTitle: true,
          clock,
          ...(options.logger === undefined ? {} : { logger: options.logger }),
        };
        const input = { 'detail-type': 'Scheduled Event', time: clock().toISOString() };
        const summary = (await invoke(entry, input, reportPorts)) as WeeklyReportSummary;
        return { summary, html: stored.get(summary.key) ?? '' };
      },
      stop: () => dynamo.stop(),
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

/** SOAR's configuration, from the environment of the function that has all of it (Intake). */
function runtimeConfigOf(functions: readonly LocalFunction[]): RuntimeConfig {
  const withConfig = functions.find(
    (fn) => fn.entry !== undefined && fn.environment[RUNTIME_CONFIG_VARIABLE]?.includes('"stateMachineArn"'),
  );
  const raw = withConfig?.environment[RUNTIME_CONFIG_VARIABLE];
  if (withConfig === undefined || raw === undefined) {
    throw new SimulationError(`The template has no function with the whole ${RUNTIME_CONFIG_VARIABLE}`);
  }
  return parseRuntimeConfig(
    JSON.parse(raw),
    `${withConfig.constructPath ?? withConfig.logicalId} ${RUNTIME_CONFIG_VARIABLE}`,
  );
}

/**
 * Remediations planned from the live state the world gives (or the finding, where it gives none), or,
 * with an endpoint, run for real against it.
 */
function localRemediator(
  config: RuntimeConfig,
  clock: () => Date,
  endpointUrl: string | undefined,
  liveState: (resource: { readonly Id: string }, controlId: string) => unknown,
): Remediator {
  const { optOutTag, ticketOnly } = config.remediation;
  const ticketOnlyRule = (
    control: { controlId: string; destructive: boolean },
    account?: { Environment?: string },
  ) => isTicketOnly(ticketOnly, control, account?.Environment);
  const access =
    endpointUrl === undefined
      ? undefined
      : createAwsAccess({
          endpoint: endpointUrl,
          defaultRegion: LOCAL_REGION,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 2,
          forcePathStyle: true,
        });
  return {
    async remediate(pad) {
      if (access === undefined) {
        const simulated = simulateRemediation(pad, {
          registry: defaultRegistry,
          optOutTag,
          ticketOnly: ticketOnlyRule,
          now: clock,
          liveState,
        });
        return { scratchpad: simulated.scratchpad, result: simulated.result, simulated: true };
      }
      const done = await remediate(pad, {
        access,
        registry: defaultRegistry,
        optOutTag,
        ticketOnly: ticketOnlyRule,
        now: clock,
      });
      return { ...done, simulated: false };
    },
  };
}

/** The nearest folder at or above `from` with an `nx.json`: the workspace root. */
export function findWorkspaceRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir)
      throw new SimulationError(`No nx.json at or above ${from}: where is the workspace?`);
  }
}
