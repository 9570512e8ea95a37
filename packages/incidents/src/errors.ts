import { SoarError } from '@soar/common';

/** Base class of every error `@soar/incidents` throws. */
export class IncidentsError extends SoarError {
  public override name = 'IncidentsError';
}

/**
 * The incident configuration is invalid. The message names the source and every bad field, such as
 * `INCIDENTS_CONFIG: invalid incident configuration: notificationSeverities.ec2[1]: Invalid option …`.
 *
 * @example
 * ```ts
 * try {
 *   parseIncidentsConfig({ socTicketSeverities: ['LOW', 'URGENT'] });
 * } catch (error) {
 *   if (error instanceof IncidentConfigError) console.error(error.message);
 * }
 * ```
 */
export class IncidentConfigError extends IncidentsError {
  public override name = 'IncidentConfigError';
  /** The path of each bad field, such as `socTicketSeverities[1]`. */
  public readonly fields: readonly string[];

  public constructor(message: string, fields: readonly string[]) {
    super(message);
    this.fields = fields;
  }
}

/**
 * A containment adapter could not do its work: the instance could not be read or terminated, or the
 * forensics hand-off could not be started. Containment turns it into an outcome that says why; it is
 * thrown only by the adapters themselves.
 */
export class ContainmentError extends IncidentsError {
  public override name = 'ContainmentError';
}
