import * as path from 'node:path';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { CONTROLS } from '@soar/remediations';
import {
  assumeMemberRoleStatement,
  memberAccountsOf,
  DeadLetterQueue,
  deliverTo,
  LogPatternAlarm,
  sendEmailStatement,
  SoarFunction,
  TableSeed,
} from '@soar/constructs';
import {
  acknowledgeNagFindings,
  FINDING_EVENT_PATTERNS,
  FindingProcessor,
  grantFindingProcessing,
  IncidentsWorkflow,
  IncidentTables,
  ScheduledJobs,
  SoarChannels,
  SoarMonitoring,
  SoarTables,
  SYNC_WORKFLOW_ALARM,
  SyncControlsWorkflow,
  ticketingRuntime,
  ticketSystemSecret,
} from '@soar/soar-core-infra';
import { FAILURE_RECORDED_LOG_MESSAGE } from '@soar/workflow/aws';
import type { RuntimeConfigInput } from '@soar/workflow/config';
import { INTAKE_REJECTED_LOG_MESSAGE } from '@soar/workflow/limits';
import type { Construct } from 'constructs';
import type { SoarAppConfig } from '../config';

/** The workspace root: the lockfile and esbuild live there. */
const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const FUNCTIONS = path.resolve(__dirname, '..', 'functions');

/**
 * The functions of the stack: construct id → entry file under `src/functions/`. Each entry exports
 * `handler` and its business function `run`.
 */
export const FUNCTION_ENTRIES = {
  Intake: 'intake.ts',
  Suppress: 'suppress.ts',
  Remediate: 'remediate.ts',
  Ticket: 'ticket.ts',
  NotifyFixed: 'notify-fixed.ts',
  CloseTicket: 'close-ticket.ts',
  RecordFailure: 'record-failure.ts',
  SyncControls: 'sync-controls.ts',
  HourlyTasks: 'hourly.ts',
  RefreshAccounts: 'refresh-accounts.ts',
  HandleIncident: 'handle-incident.ts',
  NotifyIncident: 'notify-incident.ts',
  WeeklyReport: 'weekly-report.ts',
} as const;
export type FunctionId = keyof typeof FUNCTION_ENTRIES;

/** The JSON filter pattern of the Powertools log lines whose `message` is `message`. */
const messageIs = (message: string): logs.IFilterPattern =>
  logs.FilterPattern.stringValue('$.message', '=', message);

/** Props of {@link SoarCoreStack}. */
export interface SoarCoreStackProps extends StackProps {
  readonly config: SoarAppConfig;
}

/**
 * The SOAR app for control findings: intake on the findings bus, the finding processor state
 * machine, the functions behind it, SOAR's tables, the ticket system secret, and the alarms that
 * say when a finding was not handled.
 */
export class SoarCoreStack extends Stack {
  public readonly functions: Readonly<Record<FunctionId, SoarFunction>>;
  public readonly findingProcessor: FindingProcessor;
  public readonly deadLetterQueue: sqs.Queue;
  /** Alarms and dashboards: `watchStateMachine`, `watchQueue` for the workflows and queues added. */
  public readonly monitoring: SoarMonitoring;

  public constructor(scope: Construct, id: string, props: SoarCoreStackProps) {
    super(scope, id, props);
    const { config } = props;
    const soarTables = new SoarTables(this, 'Tables', { retainData: config.retainData });
    const { tables } = soarTables;
    const ticketSecret = ticketSystemSecret(this, config.ticketing);
    const channels = new SoarChannels(this, 'Channels', { channels: config.channels });
    this.monitoring = new SoarMonitoring(this, 'Monitoring', config);

    // Configuration every function reads from SOAR_CONFIG (tokens are resolved by CloudFormation).
    const incidentTables = new IncidentTables(this, 'IncidentTables', { retainData: config.retainData });
    const runtime: RuntimeConfigInput = {
      tables: { ...soarTables.names, ...incidentTables.names },
      incidents: config.incidents,
      decide: config.decide,
      accounts: config.accounts,
      memberRoleName: config.memberRoleName,
      ticketing: ticketingRuntime(config.ticketing, ticketSecret),
      email: config.email,
      routing: config.routing,
      sla: config.sla,
      productName: config.productName,
      ...(config.consoleBaseUrl === undefined ? {} : { consoleBaseUrl: config.consoleBaseUrl }),
      channels: channels.runtime,
      // The account SOAR runs in is the security account whose findings may belong to members.
      preprocessing: { ...config.preprocessing, securityAccountId: this.account },
      remediation: {
        ticketOnly: config.remediation.ticketOnly,
        ...(config.remediation.optOutTag === undefined ? {} : { optOutTag: config.remediation.optOutTag }),
      },
      ai: { provider: config.ai.provider, model: config.ai.bedrock, prompts: config.ai.prompts },
    };

    const intakeDeadLetters = new DeadLetterQueue(this, 'IntakeDeadLetters', {
      alarmName: 'INFRA-SOAR-Intake-DLQ-Failure-HIGH',
      description: 'SOAR intake could not process a findings event: it is in the dead-letter queue.',
    });
    this.deadLetterQueue = intakeDeadLetters.queue;
    const fn = (
      id: FunctionId,
      extra: Partial<RuntimeConfigInput>,
      options: { timeout: Duration; memory?: number; deadLetterQueue?: sqs.IQueue },
    ) =>
      new SoarFunction(this, id, {
        entry: path.join(FUNCTIONS, FUNCTION_ENTRIES[id]),
        workspaceRoot: WORKSPACE_ROOT,
        serviceName: 'soar',
        description: `SOAR ${id} step`,
        timeout: options.timeout,
        ...(options.memory === undefined ? {} : { memorySize: options.memory }),
        environment: { SOAR_CONFIG: this.toJsonString({ ...runtime, ...extra }) },
        logRetention: config.logRetentionDays,
        retainLogs: config.retainData,
        tracing: config.tracing,
        ...(options.deadLetterQueue === undefined ? {} : { deadLetterQueue: options.deadLetterQueue }),
      });

    const stepFunctions = {
      Suppress: fn('Suppress', {}, { timeout: Duration.seconds(60) }),
      Remediate: fn('Remediate', {}, { timeout: Duration.minutes(5), memory: 1024 }),
      Ticket: fn('Ticket', {}, { timeout: Duration.seconds(90) }),
      NotifyFixed: fn('NotifyFixed', {}, { timeout: Duration.seconds(60) }),
      CloseTicket: fn('CloseTicket', {}, { timeout: Duration.seconds(90) }),
      RecordFailure: fn('RecordFailure', {}, { timeout: Duration.seconds(30), memory: 256 }),
    };
    this.findingProcessor = new FindingProcessor(this, 'FindingProcessor', {
      functions: stepFunctions,
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.retainData,
    });
    const stateMachine = this.findingProcessor.stateMachine;
    const incidentFunctions = {
      // Containment may wait for forensic collection (bounded inside the step).
      HandleIncident: fn('HandleIncident', {}, { timeout: Duration.minutes(14) }),
      NotifyIncident: fn('NotifyIncident', {}, { timeout: Duration.seconds(90) }),
    };
    const memberRole = assumeMemberRoleStatement(this, config.memberRoleName, memberAccountsOf(config));
    const sendEmail = sendEmailStatement(this, config.email.from);
    const incidents = new IncidentsWorkflow(this, 'IncidentsWorkflow', {
      functions: { ...stepFunctions, ...incidentFunctions },
      tables: incidentTables,
      access: { memberRole, sendEmail, ...tables, ticketSecret, channels, ...config.incidents.containment },
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.retainData,
      monitoring: this.monitoring,
    });
    // An invocation that keeps failing lands in the dead-letter queue (and raises its alarm).
    const intake = fn(
      'Intake',
      {
        stateMachineArn: stateMachine.stateMachineArn,
        incidentsStateMachineArn: incidents.stateMachine.stateMachineArn,
      },
      { timeout: Duration.seconds(60), deadLetterQueue: this.deadLetterQueue },
    );
    incidents.stateMachine.grantStartExecution(intake);
    // The enabled-controls sync: scheduled, and inline in intake for an account never synced.
    const syncControls = fn('SyncControls', {}, { timeout: Duration.minutes(10), memory: 512 });
    const sync = new SyncControlsWorkflow(this, 'SyncControlsWorkflow', {
      function: syncControls,
      intake,
      enabledControls: tables.enabledControls,
      failures: tables.failures,
      schedule: config.schedules.syncControls,
      memberRoleName: config.memberRoleName,
      memberAccounts: memberAccountsOf(config),
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.retainData,
    });
    this.monitoring.watchStateMachine(
      sync.stateMachine,
      SYNC_WORKFLOW_ALARM.workflow,
      SYNC_WORKFLOW_ALARM.severity,
      {
        description:
          'A SOAR enabled-controls sync failed (the accounts could not be listed, or a batch kept failing): ' +
          'control findings of accounts not synced are still handled, but may be decided on old rows.',
      },
    );
    // The hourly tasks and the account cache refresh: scheduled functions, no state machine.
    const scheduled = {
      HourlyTasks: fn('HourlyTasks', {}, { timeout: Duration.minutes(10), memory: 512 }),
      RefreshAccounts: fn('RefreshAccounts', {}, { timeout: Duration.minutes(10) }),
      // Reads every account's tickets and asks the model for each section's prose.
      WeeklyReport: fn('WeeklyReport', {}, { timeout: Duration.minutes(15), memory: 1024 }),
    };
    const { weeklyReport } = config;
    new ScheduledJobs(this, 'ScheduledJobs', {
      config: config.scheduledJobs,
      hourly: scheduled.HourlyTasks,
      refreshAccounts: scheduled.RefreshAccounts,
      tables,
      metricNamespace: config.metricNamespace,
      fromAddress: sendEmailStatement(this, config.email.from),
      ...(weeklyReport.enabled
        ? {
            weeklyReport: { fn: scheduled.WeeklyReport, config: weeklyReport, retainData: config.retainData },
          }
        : {}),
    });
    this.functions = {
      Intake: intake,
      ...stepFunctions,
      ...incidentFunctions,
      SyncControls: syncControls,
      ...scheduled,
    };

    // Least privilege, per function.
    grantFindingProcessing({
      intake,
      steps: stepFunctions,
      hourlyTasks: scheduled.HourlyTasks,
      tables,
      stateMachine,
      memberRole,
      sendEmail,
      ticketSecret,
      channels,
      ...(config.ai.provider === 'bedrock'
        ? {
            ai: {
              model: config.ai.bedrock,
              functions: [
                ...[stepFunctions.Ticket, stepFunctions.NotifyFixed, stepFunctions.CloseTicket],
                ...[incidentFunctions.NotifyIncident, scheduled.WeeklyReport],
              ],
            },
          }
        : {}),
    });

    // Intake on the findings bus.
    const bus = events.EventBus.fromEventBusName(this, 'FindingsBus', config.eventBusName);
    const target = deliverTo(intake, this.deadLetterQueue);
    new events.Rule(this, 'NewFindings', {
      eventBus: bus,
      description: 'New active Security Hub findings go to SOAR intake.',
      eventPattern: FINDING_EVENT_PATTERNS.newFindings,
      targets: [target],
    });
    new events.Rule(this, 'ResolvedTicketedFindings', {
      eventBus: bus,
      description: 'Resolved Security Hub findings with an open SOAR ticket go to SOAR intake.',
      eventPattern: FINDING_EVENT_PATTERNS.resolvedTicketedFindings,
      targets: [target],
    });

    // The controls SOAR may fix on its own: reviewed with the code, written on every deployment.
    const known = CONTROLS.map((control) => control.controlId);
    new TableSeed(this, 'SeedRemediableControls', {
      tableName: tables.remediableControls.tableName,
      tableArn: tables.remediableControls.tableArn,
      ids: config.remediation.enabled.flatMap((id) => (id === '*' ? known : [id])),
      logRetention: config.logRetentionDays,
    });
    // A finding that was not handled raises an alarm named for SOAR's own alarm routing (INFRA-…-HIGH).
    this.monitoring.watchStateMachine(stateMachine, 'ASFF-Processor', 'HIGH', {
      alarmId: 'FindingProcessorFailureAlarm',
      description:
        'A SOAR finding processor execution failed, timed out or was aborted: a finding was not handled.',
    });
    // Each refusal of intake and each failure row is counted from the line its function logs for it.
    new LogPatternAlarm(this, 'IntakeRejections', {
      logGroup: intake.logGroup,
      filterPattern: messageIs(INTAKE_REJECTED_LOG_MESSAGE),
      metricName: 'IntakeRejections',
      alarmName: 'INFRA-SOAR-Intake-Rejections-MEDIUM',
      description:
        'SOAR intake refused an event or a finding (not a findings event, too large, invalid or from an ' +
        'untrusted product): the failures table has the reason.',
    });
    new LogPatternAlarm(this, 'RecordedFailures', {
      logGroup: stepFunctions.RecordFailure.logGroup,
      filterPattern: messageIs(FAILURE_RECORDED_LOG_MESSAGE),
      metricName: 'RecordedFailures',
      alarmName: 'INFRA-SOAR-Recorded-Failures-HIGH',
      description:
        'A step of the SOAR finding processor failed after its retries and was recorded in the failures ' +
        'table: a finding was not handled.',
    });
    acknowledgeNagFindings(this, {
      functions: this.functions,
      stateMachines: [stateMachine, incidents.stateMachine],
      memberRoleName: config.memberRoleName,
      ticketSecret,
    });
  }
}
