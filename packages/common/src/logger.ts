/** Structured attributes of a log line (Powertools merges several into the line). */
export type LogAttributes = Readonly<Record<string, unknown>>;

/**
 * Where SOAR's libraries log: the shape of Powertools' `GenericLogger` (a message, then structured
 * attributes), so a Powertools `Logger` is passed as it is in Lambda, and `console` or a collector
 * in tools and tests. Libraries never create a logger of their own: they take one, or stay silent.
 *
 * @example
 * ```ts
 * import { Logger } from '@aws-lambda-powertools/logger';
 * const logger: SoarLogger = new Logger({ serviceName: 'soar' });
 * logger.warn('Ticket system slow', { findingId, attempt: 2 });
 * ```
 */
export interface SoarLogger {
  debug(message: string, ...attributes: LogAttributes[]): void;
  info(message: string, ...attributes: LogAttributes[]): void;
  warn(message: string, ...attributes: LogAttributes[]): void;
  error(message: string, ...attributes: LogAttributes[]): void;
}

const drop = (): void => undefined;

/**
 * A logger that drops everything: the default of every library function that takes a logger.
 *
 * @example
 * ```ts
 * const logger = options.logger ?? SILENT_LOGGER;
 * ```
 */
export const SILENT_LOGGER: SoarLogger = Object.freeze({ debug: drop, info: drop, warn: drop, error: drop });

/**
 * A logger that adds the same attributes to every line, under those the caller gives: how a step
 * keeps the finding it works on (its id, the correlation id of its journey) in each line it logs.
 *
 * @example
 * ```ts
 * const findingLogger = withLogAttributes(logger, { findingId: finding.Id, correlation_id: key });
 * findingLogger.info('Decided', { route: 'ticket' }); // {..., findingId, correlation_id, route}
 * ```
 */
export function withLogAttributes(logger: SoarLogger, attributes: LogAttributes): SoarLogger {
  const merged = (extra: LogAttributes[]): LogAttributes[] => [attributes, ...extra];
  return {
    debug: (message, ...extra) => logger.debug(message, ...merged(extra)),
    info: (message, ...extra) => logger.info(message, ...merged(extra)),
    warn: (message, ...extra) => logger.warn(message, ...merged(extra)),
    error: (message, ...extra) => logger.error(message, ...merged(extra)),
  };
}
