/**
 * The log lines the stack's alarms count (Powertools JSON, `$.message`): each means logs were kept
 * in the Control Tower bucket that should have been archived and deleted, and someone should look.
 */
export const LOG_MESSAGES = {
  /** DeleteObjects refused some archived sources, or a source changed after it was archived. */
  sourcesKept: 'Archived sources were kept',
  /** A day did not finish within the run's rounds; the next night's catch-up continues it. */
  dayIncomplete: 'Account day left incomplete',
} as const;
