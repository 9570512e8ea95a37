import { lambdaHandler } from './lambda';

/** Lambda entry point of the Remediate function. */
export const handler = lambdaHandler('Remediate');
