import { lambdaHandler } from './lambda';

/** Lambda entry point of the Intake function. */
export const handler = lambdaHandler('Intake');
