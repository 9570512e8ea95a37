import { lambdaHandler } from './lambda';

/** Lambda entry point of the CloseTicket function. */
export const handler = lambdaHandler('CloseTicket');
