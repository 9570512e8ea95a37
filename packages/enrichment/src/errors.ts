import { SoarError, type SoarErrorOptions } from '@soar/common';

/**
 * The base class of every error `@soar/enrichment` throws. Enrichment itself never throws for a
 * source that fails (the context says which failed and why); only bad input or configuration does.
 *
 * @example
 * ```ts
 * try {
 *   await enrichAlarmContext(ports, input);
 * } catch (error) {
 *   if (error instanceof EnrichmentError) logger.error(error.message);
 *   throw error;
 * }
 * ```
 */
export class EnrichmentError extends SoarError {
  public override name = 'EnrichmentError';
}

/**
 * The enrichment input or options are invalid. `field` is the path of the first bad field, such as
 * `stateChangeTime` or `logs.maxEvents`; the message names the path and never quotes the value.
 *
 * @example
 * ```ts
 * try {
 *   parseEnrichmentInput({ alarmName: '', accountId: '1', region: 'x', stateChangeTime: 'soon' });
 * } catch (error) {
 *   if (error instanceof EnrichmentInputError) error.field; // 'alarmName'
 * }
 * ```
 */
export class EnrichmentInputError extends EnrichmentError {
  public override name = 'EnrichmentInputError';
  /** Path of the first problem, such as `stateChangeTime`. */
  public readonly field: string;

  public constructor(what: string, field: string, problem: string, options: SoarErrorOptions = {}) {
    super(`Invalid ${what} at ${field === '' ? '(root)' : field}: ${problem}`, options);
    this.field = field;
  }
}

/**
 * The incident history table could not be written. Reading it never throws out of
 * `enrichAlarmContext`: a failed read is reported in the context.
 *
 * @example
 * ```ts
 * await history.record(incident).catch((error: unknown) => {
 *   if (error instanceof IncidentHistoryError) logger.warn(error.message);
 * });
 * ```
 */
export class IncidentHistoryError extends EnrichmentError {
  public override name = 'IncidentHistoryError';
}

/**
 * A source did not answer within the enrichment's time budget. It is what the abort signal handed to
 * the ports carries, so an adapter can tell a budget abort from its own errors.
 *
 * @example
 * ```ts
 * if (signal.reason instanceof BudgetExceededError) return; // enrichment gave up on this source
 * ```
 */
export class BudgetExceededError extends EnrichmentError {
  public override name = 'BudgetExceededError';
  /** The budget that ran out, in milliseconds. */
  public readonly budgetMs: number;

  public constructor(budgetMs: number) {
    super(`The enrichment's time budget of ${budgetMs} ms ran out`);
    this.budgetMs = budgetMs;
  }
}
