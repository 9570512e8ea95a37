import type { Message } from '../model/message';
import { oneLine, singleLine } from './text';

/** Longest subject (and Jira summary) we produce. */
export const MAX_SUBJECT_LENGTH = 255;

function prefixOf(message: Message): string {
  const severity = `[${message.severity}]`;
  switch (message.kind) {
    case 'team_fix':
      return `${severity} Action needed:`;
    case 'auto_fixed':
      return message.planned === true
        ? `${severity} Would be fixed automatically (simulation):`
        : `${severity} Fixed automatically:`;
    case 'ticket_closed':
      return 'Closed:';
    case 'overdue_reminder': {
      const control = singleLine(message.controlId ?? '');
      return control === '' ? 'Overdue:' : `Overdue (${control}):`;
    }
    case 'incident':
      return `${severity} Incident:`;
    case 'generic':
      return severity;
  }
}

/**
 * The subject line of a message: a prefix by kind plus the title, on one line (CR, LF and every
 * other control character become spaces, so no header can be injected) and at most
 * {@link MAX_SUBJECT_LENGTH} characters, cut with an ellipsis.
 *
 * @example
 * ```ts
 * subjectOf(teamFix);  // '[HIGH] Action needed: VPC default security groups should not allow inbound or outbound traffic'
 * subjectOf(overdue);  // 'Overdue (EC2.2): VPC default security groups should not allow inbound or outbound traffic'
 * ```
 */
export function subjectOf(message: Message, max = MAX_SUBJECT_LENGTH): string {
  return oneLine(`${prefixOf(message)} ${singleLine(message.title)}`, max);
}
