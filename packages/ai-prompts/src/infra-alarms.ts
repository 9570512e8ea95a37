/**
 * The reference of the alarms this project creates about itself, for the incident prompt: when an
 * INFRA incident comes from one of them, the model is told what the component does, what one alarm
 * means and where to look first. The names are those of the synthesized stacks (soar-core and
 * alarms-to-sechub), which a test of the soar-core app compares with this list.
 */

/** Severities an alarm name can end with (alarms-to-sechub gives the finding this severity). */
export type InfraAlarmSeverity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** One alarm of the reference. */
export interface InfraAlarm {
  /** The exact CloudWatch alarm name. */
  readonly alarmName: string;
  /** The stack that creates it. */
  readonly stack: 'soar-core' | 'alarms-to-sechub';
  /** The component it watches, in words. */
  readonly component: string;
  /** The severity suffix of the name. */
  readonly severity: InfraAlarmSeverity;
  /** What one alarm means: what was not done, and what still works. */
  readonly meaning: string;
  /** Where to look first, in order. */
  readonly firstSteps: readonly string[];
}

/** What each of soar-core's functions does; each has an Errors and a Throttles alarm. */
const FUNCTIONS: ReadonlyArray<readonly [id: string, does: string, lost: string]> = [
  [
    'Intake',
    'reads every Security Hub findings event, decides what to do with each finding and starts its workflow',
    'the event is retried and then goes to the intake dead-letter queue, which has its own alarm',
  ],
  [
    'Suppress',
    'suppresses findings that do not apply in Security Hub',
    'the finding processor retries, then records the failure; the finding stays unsuppressed',
  ],
  [
    'Remediate',
    'applies the automatic remediation of a control in the member account',
    'the finding processor retries, then records the failure; the resource stays as it was',
  ],
  [
    'Ticket',
    "opens the ticket and sends the message to the account's team",
    'the finding processor retries, then records the failure; the team may not have been told',
  ],
  [
    'NotifyFixed',
    'tells the team that a finding was fixed automatically',
    'the finding processor retries, then records the failure; the fix itself was applied',
  ],
  [
    'CloseTicket',
    'closes the ticket of a finding whose problem is gone and tells the team',
    'the finding processor retries, then records the failure; the ticket stays open',
  ],
  [
    'RecordFailure',
    'records a failed step of the finding processor in the failures table, the last resort of every other step',
    'a failure may not have been recorded, so check the finding processor executions directly',
  ],
  [
    'HandleIncident',
    'classifies an incident, contains an EC2 instance when configured, and gathers the context of an alarm',
    'the incidents workflow retries, then fails and raises its own alarm',
  ],
  [
    'NotifyIncident',
    'tells the team about an incident and tickets it when its severity asks for one',
    'the incidents workflow retries, then fails and raises its own alarm',
  ],
  [
    'SyncControls',
    'lists the accounts and syncs the enabled Security Hub controls of each batch of accounts',
    'the sync workflow retries; accounts not synced keep their previous rows until the next run',
  ],
  [
    'HourlyTasks',
    'writes the hourly statistics and sends the reminders about overdue tickets',
    'this hour’s statistics or reminders are missing; the next run an hour later catches up',
  ],
  [
    'RefreshAccounts',
    'refreshes the cached account metadata (names, teams, emails) from AWS Organizations',
    'the cache keeps its previous rows until the next scheduled refresh',
  ],
  [
    'WeeklyReport',
    'writes the weekly AI security report, stores it in its bucket and emails it',
    "this week's report is missing until the function is run again (the schedule does not retry)",
  ],
];

const FUNCTION_LOGS =
  "Open the function's CloudWatch log group (/aws/lambda/ and the function name) around the alarm time and read the error lines.";

function functionAlarms(): InfraAlarm[] {
  return FUNCTIONS.flatMap(([id, does, lost]): InfraAlarm[] => [
    {
      alarmName: `INFRA-SOAR-${id}-Lambda-Errors-MEDIUM`,
      stack: 'soar-core',
      component: `The ${id} function, which ${does}.`,
      severity: 'MEDIUM',
      meaning: `An invocation of ${id} failed; ${lost}.`,
      firstSteps: [
        FUNCTION_LOGS,
        'Check the failures table for a row about the same finding or step.',
        'If it keeps failing, look for a missing permission or a changed cross-account role in the error.',
      ],
    },
    {
      alarmName: `INFRA-SOAR-${id}-Lambda-Throttles-MEDIUM`,
      stack: 'soar-core',
      component: `The ${id} function, which ${does}.`,
      severity: 'MEDIUM',
      meaning: `Lambda refused to run ${id} because a concurrency limit was reached; its callers retry, so work is delayed rather than lost unless the throttling lasts.`,
      firstSteps: [
        "Compare the function's concurrent executions with the account's Lambda concurrency quota and the function's reserved concurrency.",
        'Look for a burst of findings (a new standard enabled, an account joining) that explains the peak.',
        'Raise the reserved concurrency or the account quota if bursts like this are normal.',
      ],
    },
  ]);
}

const EXECUTION_STEPS = [
  'Open the failed execution in the Step Functions console (the enriched context names it) and read the error and cause of the failing state.',
  "Read the failing function's log lines for the same time.",
];

function fixedAlarms(): InfraAlarm[] {
  return [
    {
      alarmName: 'INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH',
      stack: 'soar-core',
      component:
        'The finding processor state machine: suppresses, remediates, tickets and closes one finding.',
      severity: 'HIGH',
      meaning:
        'One finding processor execution failed, timed out or was aborted, so one finding was not handled; other findings are processed as usual.',
      firstSteps: [
        ...EXECUTION_STEPS,
        'The finding is handled again the next time Security Hub updates it; check its state in Security Hub meanwhile.',
      ],
    },
    {
      alarmName: 'INFRA-SOAR-Incidents-SM-Failure-HIGH',
      stack: 'soar-core',
      component:
        'The incidents state machine: classifies, contains, enriches and reports one incident finding.',
      severity: 'HIGH',
      meaning:
        'One incidents execution failed, timed out or was aborted, so one incident may not have been contained or reported; other incidents are handled as usual.',
      firstSteps: [
        ...EXECUTION_STEPS,
        'Look at the incident finding in Security Hub and handle it by hand if nobody was told.',
      ],
    },
    {
      alarmName: 'INFRA-SOAR-Recorded-Failures-HIGH',
      stack: 'soar-core',
      component: "The finding processor's failure handling (the RecordFailure step and the failures table).",
      severity: 'HIGH',
      meaning:
        'A step of the finding processor failed after its retries and was recorded in the failures table: that finding was not handled.',
      firstSteps: [
        'Read the newest rows of the failures table: each names the step, the finding and the error.',
        ...EXECUTION_STEPS.slice(1),
      ],
    },
    {
      alarmName: 'INFRA-SOAR-Intake-DLQ-Failure-HIGH',
      stack: 'soar-core',
      component: 'The dead-letter queue of the Intake function.',
      severity: 'HIGH',
      meaning:
        'A findings event could not be processed even after retries and waits in the dead-letter queue: its findings were not handled yet.',
      firstSteps: [
        'Read the message in the queue to see which findings it carries.',
        "Read the Intake function's error lines for the same time.",
        'Once the cause is fixed, send the message back to Intake (redrive) so the findings are handled.',
      ],
    },
    {
      alarmName: 'INFRA-SOAR-Intake-Rejections-MEDIUM',
      stack: 'soar-core',
      component: 'The Intake function’s input checks.',
      severity: 'MEDIUM',
      meaning:
        'Intake refused an event or a finding (not a findings event, too large, invalid, or from a product it does not trust); the failures table has the reason.',
      firstSteps: [
        'Read the newest rows of the failures table for the reason of the refusal.',
        "If the product should be trusted, add it to SOAR's configuration; if the event is malformed, look at its source.",
      ],
    },
    {
      alarmName: 'INFRA-SOAR-Channel-Failures-MEDIUM',
      stack: 'soar-core',
      component:
        'The extra delivery channels (Slack, Teams, Microsoft Sentinel) and the remediation history.',
      severity: 'MEDIUM',
      meaning:
        'A Slack or Teams copy of a message or a Sentinel export was not delivered after its retries, or a remediation outcome was not kept in the history; the email itself went out.',
      firstSteps: [
        'Read the newest rows of the failures table: the step names the channel (slack, teams, sentinel) or remediation-history.',
        "Check the channel's webhook or credentials in Secrets Manager and whether its host is reachable.",
      ],
    },
    {
      alarmName: 'INFRA-SOAR-Sync-Enabled-Controls-Table-SM-Failure-LOW',
      stack: 'soar-core',
      component:
        'The enabled-controls sync state machine: records which Security Hub controls each account has enabled.',
      severity: 'LOW',
      meaning:
        'One sync run failed (the accounts could not be listed, or a batch kept failing); control findings are still handled, but may be decided on older rows until the next run.',
      firstSteps: [...EXECUTION_STEPS, 'Check that the next scheduled run succeeds.'],
    },
    {
      alarmName: 'INFRA-SOAR-Sync-Enabled-Controls-Account-Failure-LOW',
      stack: 'soar-core',
      component: 'The enabled-controls sync of one account.',
      severity: 'LOW',
      meaning:
        "The enabled controls of one account could not be synced; that account's rows stay as they were.",
      firstSteps: [
        'Read the failures table rows of step sync-controls: they name the account and the error.',
        'Check that the cross-account role exists in that account and that SOAR may assume it.',
      ],
    },
    {
      alarmName: 'INFRA-Alarms-To-SecHub-Failure-HIGH',
      stack: 'alarms-to-sechub',
      component: 'The alarms-to-sechub function, which turns CloudWatch alarms into Security Hub findings.',
      severity: 'HIGH',
      meaning:
        'One alarm could not be turned into a finding; it is retried and then dead-lettered, so SOAR may not have heard of that alarm.',
      firstSteps: [
        "Read the alarms-to-sechub function's log lines around the alarm time.",
        'Check that it may still import findings into Security Hub (BatchImportFindings).',
      ],
    },
    {
      alarmName: 'INFRA-Alarms-To-SecHub-DLQ-Failure-HIGH',
      stack: 'alarms-to-sechub',
      component: 'The dead-letter queue of the alarms-to-sechub function.',
      severity: 'HIGH',
      meaning:
        'An alarm event could not become a finding after its retries and waits in the dead-letter queue.',
      firstSteps: [
        'Read the message in the queue to see which alarm it was.',
        'Fix the cause from the function’s error lines, then redrive the message.',
      ],
    },
    {
      alarmName: 'INFRA-Alarms-To-SecHub-Forwarder-DLQ-Failure-HIGH',
      stack: 'alarms-to-sechub',
      component:
        'The forwarder that sends alarm events from member accounts and regions to the security account.',
      severity: 'HIGH',
      meaning:
        'An alarm event could not be forwarded to the security account and waits in the forwarder’s dead-letter queue.',
      firstSteps: [
        "Check the event bus policy of the security account's bus and the forwarder rule's role.",
        'Redrive the message once the cause is fixed.',
      ],
    },
  ];
}

let reference: readonly InfraAlarm[] | undefined;

/**
 * Every alarm the soar-core and alarms-to-sechub stacks create, with what it means and where to look
 * first. Built on first use.
 *
 * @example
 * ```ts
 * infraAlarmReference().map((alarm) => alarm.alarmName); // compare with the template's AlarmName values
 * ```
 */
export function infraAlarmReference(): readonly InfraAlarm[] {
  reference ??= [...fixedAlarms(), ...functionAlarms()];
  return reference;
}

/**
 * The reference entry of one of this project's alarms, or `undefined` for any other name.
 *
 * @example
 * ```ts
 * findInfraAlarm('INFRA-SOAR-Incidents-SM-Failure-HIGH')?.severity; // 'HIGH'
 * ```
 */
export function findInfraAlarm(alarmName: string): InfraAlarm | undefined {
  return infraAlarmReference().find((alarm) => alarm.alarmName === alarmName);
}

/** The entry as text for the prompt. */
export function describeInfraAlarm(alarm: InfraAlarm): string {
  return [
    `Alarm: ${alarm.alarmName} (severity ${alarm.severity})`,
    `Component: ${alarm.component}`,
    `What one alarm means: ${alarm.meaning}`,
    'First steps:',
    ...alarm.firstSteps.map((step, index) => `${index + 1}. ${step}`),
  ].join('\n');
}
