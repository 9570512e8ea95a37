import { lambdaHandler } from './lambda';

/** Lambda entry point of the Ticket function. */
export const handler = lambdaHandler('Ticket');
