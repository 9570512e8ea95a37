import { SoarError, type SoarErrorOptions } from '@soar/common';

/** The base of this package's errors. */
export class ReportingError extends SoarError {
  public override name = 'ReportingError';
}

/** A source of the report's facts (accounts, tickets, remediations, incidents) could not be read. */
export class ReportSourceError extends ReportingError {
  public override name = 'ReportSourceError';
  /** Which source failed: `accounts`, `tickets`, `remediations` or `incidents`. */
  public readonly source: string;

  public constructor(source: string, message: string, options: SoarErrorOptions = {}) {
    super(message, options);
    this.source = source;
  }
}

/** The rendered report could not be stored (S3 refused the object, for instance). */
export class ReportStoreError extends ReportingError {
  public override name = 'ReportStoreError';
  /** The object key the report was to be stored under. */
  public readonly key: string;

  public constructor(key: string, message: string, options: SoarErrorOptions = {}) {
    super(message, options);
    this.key = key;
  }
}

/** The report was stored but could not be delivered (the email was refused, for instance). */
export class ReportDeliveryError extends ReportingError {
  public override name = 'ReportDeliveryError';
  /** Where the stored report is, so it can be sent by hand. */
  public readonly uri: string;

  public constructor(uri: string, message: string, options: SoarErrorOptions = {}) {
    super(message, options);
    this.uri = uri;
  }
}

/** The options of the assembly are wrong (a clock that gives an invalid date, for instance). */
export class ReportOptionsError extends ReportingError {
  public override name = 'ReportOptionsError';
  /** The option that is wrong. */
  public readonly field: string;

  public constructor(field: string, message: string, options: SoarErrorOptions = {}) {
    super(message, options);
    this.field = field;
  }
}
