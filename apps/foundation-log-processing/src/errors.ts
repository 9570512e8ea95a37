import { SoarError } from '@soar/common';

/**
 * The base of the app's errors: a configuration, a function input or a date range that is not
 * valid. None of them touches a log object: they are raised before anything is listed.
 *
 * @example
 * ```ts
 * if (error instanceof LogProcessingError) console.error(error.message);
 * ```
 */
export class LogProcessingError extends SoarError {
  public override name = 'LogProcessingError';
}

/**
 * The app configuration is invalid; the message names the source and every bad field (an unknown
 * key with the closest valid key).
 *
 * @example
 * ```ts
 * parseAppConfig({ organisationId: 'o-abcdef1234' }); // throws: organisationId: unknown key; did you mean "organizationId"?
 * ```
 */
export class LogProcessingConfigError extends LogProcessingError {
  public override name = 'LogProcessingConfigError';
}

/**
 * A function's input (from the state machine) or its runtime configuration (from the environment)
 * is invalid. `field` is the path of the first bad field.
 *
 * @example
 * ```ts
 * if (error instanceof LogProcessingInputError) error.field; // 'accountId'
 * ```
 */
export class LogProcessingInputError extends LogProcessingError {
  public override name = 'LogProcessingInputError';
  /** Path of the first problem, such as `accountId` or `input.date`. */
  public readonly field: string;

  public constructor(what: string, field: string, problem: string) {
    super(`Invalid ${what} at ${field === '' ? '(root)' : field}: ${problem}`);
    this.field = field;
  }
}

/**
 * A historical date range that cannot be processed: a start after its end, an end that is not in
 * the past (today's logs are still arriving), or more days than one historical execution holds.
 *
 * @example
 * ```ts
 * dateRange({ startDate: '2026-01-10', endDate: '2026-01-01' }, today); // throws DateRangeError (field startDate)
 * ```
 */
export class DateRangeError extends LogProcessingError {
  public override name = 'DateRangeError';
  /** `startDate` or `endDate`. */
  public readonly field: 'startDate' | 'endDate';

  public constructor(field: 'startDate' | 'endDate', problem: string) {
    super(`Invalid date range at ${field}: ${problem}`);
    this.field = field;
  }
}
