import { lambdaHandler } from './lambda';

/** Lambda entry point of the NotifyFixed function. */
export const handler = lambdaHandler('NotifyFixed');
