import { lambdaHandler } from './lambda';

/** Lambda entry point of the RecordFailure function. */
export const handler = lambdaHandler('RecordFailure');
