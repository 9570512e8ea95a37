import type * as events from 'aws-cdk-lib/aws-events';

/**
 * The Security Hub "Findings - Imported" events intake handles. Two rules, disjoint so that no event
 * is delivered twice (two matching rules would mean two deliveries, and two executions to pay for),
 * each filtering out events that need no work, so they cost no invocation: re-imports of a ticketed
 * finding that still fails match neither.
 */
export const FINDING_EVENT_PATTERNS = {
  /** New active findings: decide, then suppress, remediate or ticket. */
  newFindings: {
    source: ['aws.securityhub'],
    detailType: ['Security Hub Findings - Imported'],
    detail: { findings: { Workflow: { Status: ['NEW'] }, RecordState: ['ACTIVE'] } },
  },
  /** Findings with a SOAR ticket that are now resolved: close the ticket. */
  resolvedTicketedFindings: {
    source: ['aws.securityhub'],
    detailType: ['Security Hub Findings - Imported'],
    detail: {
      findings: {
        UserDefinedFields: { TicketOpen: ['Yes'] },
        $or: [
          { RecordState: ['ARCHIVED'] },
          { Workflow: { Status: ['RESOLVED', 'SUPPRESSED'] } },
          { Workflow: { Status: ['NOTIFIED'] }, Compliance: { Status: ['PASSED'] } },
        ],
      },
    },
  },
} as const satisfies Record<string, events.EventPattern>;
