/** Facts about the alarm an error is about, when they are known: for logs, never the whole event. */
export interface AlarmsErrorContext {
  /** The account the alarm belongs to (the event's `account`). */
  readonly accountId?: string | undefined;
  /** The alarm's name (`detail.alarmName`). */
  readonly alarmName?: string | undefined;
  /** The EventBridge event id. */
  readonly eventId?: string | undefined;
}

/**
 * The base class of every error `@soar/alarms` throws. Catch it to handle them all.
 *
 * @example
 * ```ts
 * try {
 *   await handleAlarmEvent(event, deps);
 * } catch (error) {
 *   if (error instanceof AlarmsError) logger.error(error.message, { alarmName: error.alarmName });
 *   throw error;
 * }
 * ```
 */
export class AlarmsError extends Error {
  public override name = 'AlarmsError';
  public readonly accountId?: string;
  public readonly alarmName?: string;
  public readonly eventId?: string;

  public constructor(message: string, options: { cause?: unknown; context?: AlarmsErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { accountId, alarmName, eventId } = options.context ?? {};
    if (accountId !== undefined) this.accountId = accountId;
    if (alarmName !== undefined) this.alarmName = alarmName;
    if (eventId !== undefined) this.eventId = eventId;
  }
}

/** One reason an event was rejected. */
export interface AlarmEventIssue {
  /** Where, written like `detail.state.timestamp`; `''` for the event itself. */
  readonly path: string;
  /** What is wrong, without the offending value. */
  readonly message: string;
}

/**
 * The input is not a `CloudWatch Alarm State Change` event that can become a finding: a field is
 * missing or has the wrong type, or a value breaks a limit (an alarm name longer than CloudWatch
 * allows, a timestamp outside the years 0000-9999). `field` is the path of the first problem and
 * `issues` lists them all; the message names the paths and never quotes the event.
 *
 * @example
 * ```ts
 * try {
 *   alarmToFinding({ ...event, detail: { ...event.detail, alarmName: undefined } });
 * } catch (error) {
 *   if (error instanceof AlarmEventError) error.field; // 'detail.alarmName'
 * }
 * ```
 */
export class AlarmEventError extends AlarmsError {
  public override name = 'AlarmEventError';
  /** Path of the first problem, such as `detail.alarmName`. */
  public readonly field: string;
  /** Every problem found. */
  public readonly issues: readonly AlarmEventIssue[];

  public constructor(
    issues: readonly [AlarmEventIssue, ...AlarmEventIssue[]],
    options: { cause?: unknown; context?: AlarmsErrorContext } = {},
  ) {
    super(AlarmEventError.describe(issues), options);
    this.field = issues[0].path;
    this.issues = [...issues];
  }

  private static describe(issues: readonly AlarmEventIssue[]): string {
    const shown = issues
      .slice(0, 3)
      .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
    const hidden = issues.length - shown.length;
    const more = hidden > 0 ? `; and ${hidden} more issue${hidden === 1 ? '' : 's'}` : '';
    return `Not a CloudWatch alarm state change event that can become a finding: ${shown.join('; ')}${more}`;
  }
}

/**
 * The configuration of the conversion is invalid. The message names the source and every bad field,
 * such as `ALARMS_CONFIG: finding.defaultSeverity: Invalid option`.
 */
export class AlarmConfigError extends AlarmsError {
  public override name = 'AlarmConfigError';
}
