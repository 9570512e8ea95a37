import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { lambdaTask } from '@soar/constructs';
import { INCIDENT_HISTORY_KEY } from '@soar/enrichment';
import type { ForensicsConfig } from '@soar/incidents';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { SoarChannels } from './channels';
import type { SoarMonitoring } from './monitoring';
import { Construct } from 'constructs';
import {
  failureTail,
  SERVICE_TRANSIENT,
  soarStateMachine,
  TICKET_BUSY,
  TICKET_SYSTEM,
} from './finding-processor';

/** The state names of the incidents workflow (the local runtime and the tests read them). */
export const INCIDENT_STATE_NAMES = {
  handle: 'HandleIncident',
  outcome: 'IncidentOutcome',
  notify: 'NotifyIncident',
  suppress: 'SuppressIncident',
  recordFailure: 'RecordIncidentFailure',
  notHandled: 'IncidentNotHandled',
} as const;

/**
 * The two tables of incidents: the local incident suppressions (`id` = incident type, `suppress_when`
 * = a rule) and the incident history the alarm enrichment reads by Query (alarm, then time).
 */
export class IncidentTables extends Construct {
  public readonly localSuppressions: dynamodb.TableV2;
  public readonly history: dynamodb.TableV2;

  public constructor(scope: Construct, id: string, props: { readonly retainData: boolean }) {
    super(scope, id);
    const tableDefaults = {
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    } as const;
    this.localSuppressions = new dynamodb.TableV2(this, 'LocalSuppressions', {
      ...tableDefaults,
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    });
    this.history = new dynamodb.TableV2(this, 'History', {
      ...tableDefaults,
      partitionKey: { name: INCIDENT_HISTORY_KEY.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: INCIDENT_HISTORY_KEY.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: INCIDENT_HISTORY_KEY.ttlAttribute,
    });
  }

  /** The names the runtime configuration gives them (`tables` of `SOAR_CONFIG`). */
  public get names(): { readonly localIncidentSuppressions: string; readonly incidentHistory: string } {
    return {
      localIncidentSuppressions: this.localSuppressions.tableName,
      incidentHistory: this.history.tableName,
    };
  }
}

/** The functions of the incidents workflow; Suppress and RecordFailure are the finding processor's. */
export interface IncidentsWorkflowFunctions {
  readonly HandleIncident: lambda.IFunction;
  readonly NotifyIncident: lambda.IFunction & { readonly logGroup: logs.ILogGroup };
  readonly Suppress: lambda.IFunction;
  readonly RecordFailure: lambda.IFunction;
}

/** What the incident functions may use besides the workflow's own tables (granted by the construct). */
export interface IncidentsAccess {
  /** `sts:AssumeRole` on the member role: containment and the alarm's context, in the finding's account. */
  readonly memberRole: iam.PolicyStatement;
  readonly sendEmail: iam.PolicyStatement;
  readonly tickets: dynamodb.ITableV2;
  readonly failures: dynamodb.ITableV2;
  /** Every incident, ticketed or not, for the statistics and the weekly report. */
  readonly incidentLog: dynamodb.ITableV2;
  readonly ticketSecret?: secretsmanager.ISecret | undefined;
  readonly channels: SoarChannels;
  /** The forensic collection containment hands off to first, when configured. */
  readonly forensics: ForensicsConfig;
}

/**
 * SOAR's incidents: every finding that is not a control check, started by intake for route
 * `incident`:
 *
 * ```
 * HandleIncident ─▶ IncidentOutcome ─ notify ─▶ NotifyIncident ─▶ SuppressIncident
 *                                   └ suppress ────────────────▶ SuppressIncident
 * every task: bounded retries, then Catch ▶ RecordIncidentFailure ▶ IncidentNotHandled
 * ```
 *
 * Why this shape: the original entered 18 states for an alarm incident with its enrichment (26 with
 * its parent) and 20 for an EC2 incident with termination (28). Here classification, filters, local
 * suppression, containment and enrichment are one task (they are one decision over one finding, and
 * each fails on its own inside it), and ticket, history, Sentinel and email another: 4 states for
 * every handled incident, 3 for one that is filtered or suppressed.
 *
 * Its tables are {@link IncidentTables}, made before the functions that name them.
 */
export class IncidentsWorkflow extends Construct {
  public readonly stateMachine: sfn.StateMachine;

  public constructor(
    scope: Construct,
    id: string,
    props: {
      readonly functions: IncidentsWorkflowFunctions;
      readonly tables: IncidentTables;
      readonly access: IncidentsAccess;
      readonly logRetentionDays: logs.RetentionDays;
      readonly retainLogs: boolean;
      /** Watches the workflow: `INFRA-SOAR-Incidents-SM-Failure-HIGH`. */
      readonly monitoring: SoarMonitoring;
    },
  ) {
    super(scope, id);
    const { functions, tables } = props;
    const { caught } = failureTail(this, INCIDENT_STATE_NAMES, functions.RecordFailure, {
      error: 'IncidentNotHandled',
      cause: 'SOAR could not handle this incident: the failures table and the execution history say why.',
    });

    const suppress = caught(
      lambdaTask(this, INCIDENT_STATE_NAMES.suppress, functions.Suppress, Duration.seconds(60), [
        SERVICE_TRANSIENT,
      ]),
    );
    const notify = caught(
      lambdaTask(this, INCIDENT_STATE_NAMES.notify, functions.NotifyIncident, Duration.seconds(90), [
        SERVICE_TRANSIENT,
        TICKET_SYSTEM,
        TICKET_BUSY,
      ]),
    ).next(suppress);
    // Containment may wait for forensics (bounded inside the function), so the task may take minutes.
    const handle = caught(
      lambdaTask(this, INCIDENT_STATE_NAMES.handle, functions.HandleIncident, Duration.minutes(14), [
        SERVICE_TRANSIENT,
      ]),
    ).next(
      new sfn.Choice(this, INCIDENT_STATE_NAMES.outcome)
        .when(sfn.Condition.stringEquals('$.incident.action', 'notify'), notify)
        .otherwise(suppress),
    );

    ({ stateMachine: this.stateMachine } = soarStateMachine(this, handle, {
      comment: 'SOAR incidents: classify, contain, enrich, ticket and tell the team, suppress.',
      logRetentionDays: props.logRetentionDays,
      retainLogs: props.retainLogs,
    }));

    // The incident step reads the suppression rules and the history; the notify step writes it.
    functions.HandleIncident.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [tables.localSuppressions.tableArn],
      }),
    );
    functions.HandleIncident.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [tables.history.tableArn] }),
    );
    functions.NotifyIncident.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [tables.history.tableArn] }),
    );
    grantIncidentAccess(functions, props.access);
    props.monitoring.watchStateMachine(this.stateMachine, 'Incidents', 'HIGH', {
      description:
        'A SOAR incidents execution failed, timed out or was aborted: an incident was not handled.',
    });
  }
}

/** The member role, forensics, and for the notify step what the team ticket step has. */
function grantIncidentAccess(functions: IncidentsWorkflowFunctions, access: IncidentsAccess): void {
  const { HandleIncident: handle, NotifyIncident: notify } = functions;
  handle.addToRolePolicy(access.memberRole);
  const { forensics } = access;
  if (forensics.kind === 'lambda')
    handle.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [forensics.functionArn] }),
    );
  if (forensics.kind === 'state_machine') {
    const execution = forensics.stateMachineArn.replace(':stateMachine:', ':execution:');
    handle.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [forensics.stateMachineArn] }),
    );
    handle.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['states:DescribeExecution'], resources: [`${execution}:*`] }),
    );
  }
  notify.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [access.tickets.tableArn],
    }),
  );
  notify.addToRolePolicy(access.sendEmail);
  access.ticketSecret?.grantRead(notify);
  // A failed SOC copy, chat copy or Sentinel export is a failure row, counted and alarmed; every
  // incident is a row of the incident log.
  notify.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:PutItem'],
      resources: [access.failures.tableArn, access.incidentLog.tableArn],
    }),
  );
  access.channels.grantSend(notify);
  access.channels.countFailures(notify);
}
