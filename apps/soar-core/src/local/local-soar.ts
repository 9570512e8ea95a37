import type { AwsSecurityFinding, SecurityHubFindingsImportedEvent } from '@soar/asff-schema';
import { createAwsAccess } from '@soar/aws-access';
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
  type ResolveContext,
} from '@soar/local-runtime';
import { CONTROLS, defaultRegistry, remediate, simulateRemediation } from '@soar/remediations';
import { InternalTicketSystem } from '@soar/ticket-systems';
import { TicketStore } from '@soar/tickets';
import { AccountMetadataService, createDynamoDbAccountCache } from '@soar/accounts';
import { createLocalSecurityHub, type LocalSecurityHub } from '@soar/security-hub';
import {
  loadGateData,
  createMemoryFailureRecorder,
  createOutbox,
  isTicketOnly,
  parseRuntimeConfig,
  RUNTIME_CONFIG_VARIABLE,
  seedWorld,
  ticketingFor,
  worldAccountSource,
  type ExecutionStarter,
  type FailureRecord,
  type FlowState,
  type IntakeResult,
  type OutboxMessage,
  type RuntimeConfig,
  type World,
  type WorkflowPorts,
} from '@soar/workflow';
import { type SoarLogger } from '@soar/common';
import { FUNCTION_STEPS, isFunctionId, type FunctionId, type StepContext } from '../handlers/functions';

/** The account SOAR runs in locally (the Security Hub administrator account). */
export const LOCAL_SECURITY_ACCOUNT = '999999999999';
const LOCAL_REGION = 'eu-west-1';

/** Options of {@link startLocalSoar}. */
export interface LocalSoarOptions {
  /** The synthesized soar-core template (see `synthTemplate`). */
  readonly template: CloudFormationTemplate;
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
   * Wraps every function's step (tests inject failures here): `run` calls the real step. Attempt
   * counts from 1 per function and execution input.
   */
  readonly interceptStep?: StepInterceptor;
}

/** Sees (and may replace) each call of a function's step: fault injection for tests. */
export type StepInterceptor = (call: {
  readonly functionId: FunctionId;
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
  /** The rules an event matches (by construct path), as EventBridge would deliver it. */
  matchingRules(event: unknown): readonly LocalEventRule[];
  /** Runs the intake function on an event (what the rules' target does). */
  intake(event: unknown): Promise<IntakeResult[]>;
  /** Events Security Hub emitted for SOAR's own changes since the last call. */
  takeFeedbackEvents(): SecurityHubFindingsImportedEvent[];
  /** Where the records of side effects stand now: give it to {@link LocalSoar.effectsSince}. */
  mark(): EffectsMark;
  /** The side effects recorded after `from` (and up to `to`, when given): those of one event. */
  effectsSince(from: EffectsMark, to?: EffectsMark): LocalEffects;
  stop(): Promise<void>;
}

/**
 * Starts SOAR locally from its synthesized template: SOAR's tables in an embedded DynamoDB (created
 * from the template, seeded from the world), the state machine run in-process with the same steps
 * the Lambda functions run, a local Security Hub that emits events for SOAR's changes, internal
 * tickets, and an outbox instead of email. Remediations are planned from the finding (nothing is
 * changed), or, with `endpointUrl`, run for real against that endpoint.
 *
 * @example
 * ```ts
 * const soar = await startLocalSoar({ template, world, findings });
 * for (const rule of soar.matchingRules(event)) await soar.intake(event);
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
  const functions = listFunctions(template, context);
  const intakeFunction = functions.find((fn) => constructId(fn.constructPath) === 'Intake');
  const raw = intakeFunction?.environment[RUNTIME_CONFIG_VARIABLE];
  if (raw === undefined) throw new Error('The template has no Intake function with SOAR_CONFIG');
  const config = parseRuntimeConfig(JSON.parse(raw), `Intake ${RUNTIME_CONFIG_VARIABLE}`);

  const dynamo: EmbeddedDynamoDb = await startEmbeddedDynamoDb();
  try {
    const dynamodb = dynamo.client();
    await createTablesFromTemplate(template, dynamodb, context);
    const findingControls = options.findings.flatMap((f) => {
      const id = f.Compliance?.SecurityControlId?.trim();
      return id === undefined || id === '' ? [] : [id];
    });
    await seedWorld(world, {
      dynamodb,
      tables: config.tables,
      allControls: [...new Set(findingControls)],
      remediableControls: CONTROLS.map((c) => c.controlId),
    });

    const clock = () => world.now ?? new Date();
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
      config: { ...config.accounts, tableName: config.tables.accounts },
      clock,
    });
    const outbox = createOutbox('email');
    const tickets = ticketingFor(config, {
      store: new TicketStore({ dynamodb, tableName: config.tables.tickets, sla: config.sla }),
      ticketSystem: new InternalTicketSystem(),
      email: outbox,
      accounts,
      clock,
    });
    const failures = createMemoryFailureRecorder();
    const traces: ExecutionTrace[] = [];
    const { optOutTag } = config.remediation;
    const { ticketOnly } = config.remediation;
    const ticketOnlyFor = (control: { controlId: string; destructive: boolean }, environment?: string) =>
      isTicketOnly(ticketOnly, control, environment);
    const access =
      options.endpointUrl === undefined
        ? undefined
        : createAwsAccess({
            endpoint: options.endpointUrl,
            defaultRegion: LOCAL_REGION,
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
            maxAttempts: 2,
            forcePathStyle: true,
          });

    const stepContext: { current?: StepContext } = {};
    const machines = extractStateMachines(template, context).map(
      (machine) =>
        new LocalStateMachine(machine, {
          handlers: (binding) => {
            const id = constructId(binding.functionConstructPath);
            if (id === undefined || !isFunctionId(id)) return undefined;
            const step = FUNCTION_STEPS[id];
            return (payload) => {
              const context = stepContext.current;
              if (context === undefined) throw new Error('local SOAR is not started');
              const run = () => step(payload, context);
              return options.interceptStep === undefined
                ? run()
                : options.interceptStep({ functionId: id, input: payload, run });
            };
          },
        }),
    );
    const processor = machines[0];
    if (processor === undefined) throw new Error('The template has no state machine');
    const started = new Set<string>();
    const executions: ExecutionStarter = {
      async start({ name, input }: { name: string; input: FlowState }) {
        const executionArn = `arn:aws:states:${LOCAL_REGION}:${LOCAL_SECURITY_ACCOUNT}:execution:FindingProcessor:${name}`;
        if (started.has(name)) return { status: 'duplicate', executionArn };
        started.add(name);
        traces.push(await processor.run(input, { executionName: name }));
        return { status: 'started', executionArn };
      },
    };

    const ports: WorkflowPorts = {
      accounts,
      gates: { load: (finding) => loadGateData(finding, { dynamodb, tables: config.tables }) },
      executions,
      failures,
      securityHub,
      tickets,
      remediator: {
        async remediate(pad) {
          const now = clock;
          const ticketOnlyRule = (
            control: { controlId: string; destructive: boolean },
            account?: { Environment?: string },
          ) => ticketOnlyFor(control, account?.Environment);
          if (access === undefined) {
            const simulated = simulateRemediation(pad, {
              registry: defaultRegistry,
              optOutTag,
              ticketOnly: ticketOnlyRule,
              now,
            });
            return { scratchpad: simulated.scratchpad, result: simulated.result, simulated: true };
          }
          const done = await remediate(pad, {
            access,
            registry: defaultRegistry,
            optOutTag,
            ticketOnly: ticketOnlyRule,
            now,
          });
          return { ...done, simulated: false };
        },
      },
      clock,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    };
    stepContext.current = { ports, config };
    const rules = extractEventRules(template, context);
    let securityHubChanges = 0;
    const intakeStep = FUNCTION_STEPS.Intake;

    return {
      config,
      rules,
      securityHub,
      matchingRules: (event) =>
        rules.filter((rule) => rule.enabled && matchesEventPattern(rule.eventPattern, event)),
      // The same step the Intake function runs; its result is what `intake` returns.
      intake: async (event) => {
        const run = () => intakeStep(event, { ports, config });
        if (options.interceptStep === undefined) return run();
        return (await options.interceptStep({ functionId: 'Intake', input: event, run })) as IntakeResult[];
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
      stop: () => dynamo.stop(),
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

/** The construct id of a function from its construct path (`SoarCore/Ticket` → `Ticket`). */
function constructId(constructPath: string | undefined): string | undefined {
  return constructPath?.split('/').at(-1);
}
