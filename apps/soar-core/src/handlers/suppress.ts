import { lambdaHandler } from './lambda';

/** Lambda entry point of the Suppress function. */
export const handler = lambdaHandler('Suppress');
