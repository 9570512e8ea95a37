import { formatDuration, formatTimestamp } from '../model/format';
import type {
  AccountRef,
  AutoFixedMessage,
  GenericMessage,
  IncidentKind,
  IncidentMessage,
  Message,
  OverdueReminderMessage,
  TeamFixMessage,
  TicketClosedMessage,
} from '../model/message';
import { cleanText, paragraphs, singleLine } from './text';

/** A paragraph: lines shown with line breaks between them. */
export interface ViewParagraph {
  readonly lines: readonly string[];
}

/** One part of the "what happened / what we did / what you need to do" structure. */
export interface ViewSection {
  readonly heading: string;
  /** Shown first. */
  readonly paragraphs: readonly ViewParagraph[];
  /** A bullet list, shown after the paragraphs. */
  readonly items: readonly string[];
  /** Shown after the list. */
  readonly after: readonly ViewParagraph[];
}

/** The words of a message: its badge, its opening sentence and its sections. */
export interface Wording {
  readonly badge: string;
  readonly intro: string;
  readonly sections: readonly ViewSection[];
}

/** What the wording needs besides the message. */
export interface WordingContext {
  readonly productName: string;
  /** True when the remediation URL is shown as a link (its host is trusted). */
  readonly hasFixLink: boolean;
}

export const WHAT_HAPPENED = 'What happened';
export const WHAT_WE_DID = 'What we did';
export const WHAT_YOU_DO = 'What you need to do';

const NOTHING_CHANGED = 'Nothing was changed automatically.';

function toParagraphs(text: string): ViewParagraph[] {
  return paragraphs(text).map((lines) => ({ lines }));
}

function section(heading: string, text: string, items: readonly string[] = [], after = ''): ViewSection {
  return {
    heading,
    paragraphs: toParagraphs(text),
    items: items.map((item) => singleLine(item)).filter((item) => item !== ''),
    after: toParagraphs(after),
  };
}

/** `account payments-prod (111122223333) in eu-west-1` */
function where(account: AccountRef, region: string | undefined): string {
  const name = singleLine(account.name ?? '');
  const id = singleLine(account.id);
  const place = name === '' ? `account ${id}` : `account ${name} (${id})`;
  return region === undefined ? place : `${place} in ${singleLine(region)}`;
}

function orDefault(lines: readonly string[], fallback: string): readonly string[] {
  return lines.length > 0 ? lines : [fallback];
}

function happened(description: string, fallback: string): ViewSection {
  return section(WHAT_HAPPENED, cleanText(description) === '' ? fallback : description);
}

function teamFix(message: TeamFixMessage, context: WordingContext): Wording {
  const ticket =
    message.ticketId === undefined ? [] : [`Opened ticket ${message.ticketId} to track the fix.`];
  const fixLink = context.hasFixLink ? ['Follow the fix instructions linked below.'] : [];
  const closing =
    message.ticketId === undefined
      ? 'Once the check passes, this issue is closed automatically.'
      : 'Once the check passes, we close the ticket for you.';
  return {
    badge: 'Action needed',
    intro: `A security check failed in ${where(message.account, message.region)}. It needs a fix from your team.`,
    sections: [
      happened(message.description, 'Security Hub reported a failed security check.'),
      section(WHAT_WE_DID, '', [...orDefault(message.actionsTaken, NOTHING_CHANGED), ...ticket]),
      section(
        WHAT_YOU_DO,
        '',
        ['Fix the resources listed below so the check passes.', ...message.actionsRequired, ...fixLink],
        closing,
      ),
    ],
  };
}

function autoFixed(message: AutoFixedMessage, context: WordingContext): Wording {
  const ticket = message.ticketId === undefined ? [] : [`Recorded the change in ticket ${message.ticketId}.`];
  const principles = context.hasFixLink ? 'The fix follows the guidance linked below.' : '';
  if (message.planned === true)
    return {
      badge: 'Would be fixed automatically (simulation)',
      intro: `${context.productName} found a failed security check in ${where(message.account, message.region)} and would fix it for you. This is a simulation: nothing was changed.`,
      sections: [
        happened(message.description, 'Security Hub reported a failed security check.'),
        section(
          WHAT_WE_DID,
          '',
          orDefault(message.actionsTaken, 'Planned the standard automatic fix for this check.'),
        ),
        section(WHAT_YOU_DO, '', orDefault(message.actionsRequired, 'Nothing right now.')),
      ],
    };
  return {
    badge: 'Fixed automatically',
    intro: `${context.productName} found a failed security check in ${where(message.account, message.region)} and fixed it for you.`,
    sections: [
      happened(message.description, 'Security Hub reported a failed security check.'),
      section(
        WHAT_WE_DID,
        '',
        [...orDefault(message.actionsTaken, 'Applied the standard automatic fix for this check.'), ...ticket],
        principles,
      ),
      section(WHAT_YOU_DO, '', orDefault(message.actionsRequired, 'Nothing right now.')),
    ],
  };
}

function closeReasonText(message: TicketClosedMessage): string {
  const { description, code } = message.reason;
  const codeLine = code === undefined ? '' : `\nReason code: ${code}`;
  if (description !== undefined) return `Security Hub says: ${description}${codeLine}`;
  if (code !== undefined) return `Security Hub closed the check.${codeLine}`;
  return 'The check passes now. Usually that means the resource was fixed or deleted, the finding was suppressed, or the check was turned off.';
}

function ticketClosed(message: TicketClosedMessage): Wording {
  return {
    badge: 'Closed',
    intro: `Good news: this issue in ${where(message.account, message.region)} is resolved, so we closed ticket ${message.ticketId}.`,
    sections: [
      section(WHAT_HAPPENED, closeReasonText(message)),
      section(WHAT_WE_DID, '', [`Closed ticket ${message.ticketId}.`]),
      section(WHAT_YOU_DO, 'Nothing. Thank you!'),
    ],
  };
}

function overdueStory(message: OverdueReminderMessage): string {
  const opened = formatTimestamp(message.openedAt) ?? message.openedAt;
  const age = formatDuration(message.ageSeconds);
  const late = formatDuration(message.overdueBySeconds);
  const allowedSeconds = message.ageSeconds - message.overdueBySeconds;
  const deadline =
    allowedSeconds > 0
      ? `${message.severity} issues should be fixed within ${formatDuration(allowedSeconds)}, so this one is ${late} late.`
      : `It is ${late} past its deadline.`;
  return `The ticket was opened on ${opened} and has been open for ${age}. ${deadline}`;
}

function overdueReminder(message: OverdueReminderMessage): Wording {
  const escalation = message.escalate
    ? [`Sent a copy to the security escalation contacts, because the issue is ${message.severity}.`]
    : [];
  return {
    badge: 'Overdue',
    intro: `Ticket ${message.ticketId} for a ${message.severity} issue in ${where(message.account, message.region)} is past its deadline.`,
    sections: [
      section(WHAT_HAPPENED, overdueStory(message)),
      section(WHAT_WE_DID, '', [
        'Sent you this reminder. It is the only one for this ticket.',
        ...escalation,
      ]),
      section(
        WHAT_YOU_DO,
        '',
        [
          'Fix the issue as soon as you can.',
          'If you need more time, or think the issue does not apply, tell the security team.',
        ],
        'The ticket closes by itself once the check passes.',
      ),
    ],
  };
}

const INCIDENT_SUBJECT: Readonly<Record<IncidentKind, string>> = {
  ec2: 'suspicious activity involving an EC2 instance',
  eks: 'suspicious activity in an EKS cluster',
  iam_user: 'suspicious activity by an IAM user',
  s3: 'suspicious activity involving an S3 bucket',
  generic: 'a security incident',
};

const CONTAIN_HINT: Readonly<Record<IncidentKind, string>> = {
  ec2: 'If it was not expected, isolate the instance and tell the security team.',
  eks: 'If it was not expected, check the affected workload and its service account, and tell the security team.',
  iam_user: "If it was not expected, disable the user's access keys and tell the security team.",
  s3: 'If it was not expected, check who accessed the bucket and tell the security team.',
  generic: 'If it was not expected, contain it and tell the security team.',
};

function incidentRequired(message: IncidentMessage, context: WordingContext): readonly string[] {
  switch (message.requiredAction.level) {
    case 'none':
      return ['Nothing. This message is for your information.'];
    case 'optional':
      return ['Nothing is required, but you may want to check that this activity was expected.'];
    case 'investigate':
      return ['Investigate now: was this activity expected?', CONTAIN_HINT[message.incidentKind]];
    case 'recommendation':
      return [
        message.requiredAction.text,
        ...(context.hasFixLink ? ['The instructions from the provider are linked below.'] : []),
      ];
  }
}

function incident(message: IncidentMessage, context: WordingContext): Wording {
  const ticket =
    message.ticketId === undefined ? [] : [`Opened ticket ${message.ticketId} for this incident.`];
  return {
    badge: 'Incident',
    intro: `${singleLine(message.productName)} reported ${INCIDENT_SUBJECT[message.incidentKind]} in ${where(message.account, message.region)}.`,
    sections: [
      happened(message.description, `${singleLine(message.productName)} gave no description.`),
      section(WHAT_WE_DID, '', [...orDefault(message.actionsTaken, NOTHING_CHANGED), ...ticket]),
      section(WHAT_YOU_DO, '', incidentRequired(message, context)),
    ],
  };
}

function generic(message: GenericMessage, context: WordingContext): Wording {
  return {
    badge: 'For your information',
    intro:
      message.summary ??
      `${context.productName} is letting you know about a finding in ${where(message.account, message.region)}.`,
    sections: [
      happened(message.description, 'No description was given.'),
      section(WHAT_YOU_DO, 'Nothing specific. The details are below in case you need them.'),
    ],
  };
}

/**
 * The words of a message: a short badge, one opening sentence, and the "what happened / what we
 * did / what you need to do" sections. Plain text: every channel escapes it for its own format.
 *
 * @example
 * ```ts
 * wordingOf(teamFix, { productName: 'SOAR', hasFixLink: true }).badge; // 'Action needed'
 * ```
 */
export function wordingOf(message: Message, context: WordingContext): Wording {
  switch (message.kind) {
    case 'team_fix':
      return teamFix(message, context);
    case 'auto_fixed':
      return autoFixed(message, context);
    case 'ticket_closed':
      return ticketClosed(message);
    case 'overdue_reminder':
      return overdueReminder(message);
    case 'incident':
      return incident(message, context);
    case 'generic':
      return generic(message, context);
  }
}
