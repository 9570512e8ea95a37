import { SoarError } from '@soar/common';

/** The base of this package's errors. */
export class LogAggregationError extends SoarError {}
