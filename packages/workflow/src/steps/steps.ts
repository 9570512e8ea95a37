import { suppressUpdate, notifiedUpdate, resolvedUpdate, ticketClosedUpdate } from '@soar/security-hub';
import type { Scratchpad } from '@soar/scratchpad';
import { InvalidStepInputError } from '../errors';
import type {
  CloseTicketPorts,
  NotifyFixedPorts,
  RecordFailurePorts,
  RemediatePorts,
  SuppressPorts,
  TicketPorts,
} from '../ports';
import { SILENT_LOGGER, describeError } from '@soar/common';
import type { FlowState, RemediationSummary } from '../state';

/** Security Hub notes are at most 512 characters; longer text is cut with an ellipsis. */
const NOTE_MAX = 512;

function note(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= NOTE_MAX ? flat : `${flat.slice(0, NOTE_MAX - 1)}…`;
}

/**
 * Suppresses the finding in Security Hub, with the reason as its note: a decision to suppress
 * (evaluation error, a local rule), or a remediation that found the resource gone.
 *
 * @example
 * ```ts
 * const next = await suppressStep(state, { securityHub });
 * next.result; // { outcome: 'suppressed', summary: 'Suppressed: …' }
 * ```
 */
export async function suppressStep(state: FlowState, ports: SuppressPorts): Promise<FlowState> {
  const reason =
    state.remediation?.kind === 'resource_gone'
      ? (state.remediation.reason ?? 'The resource no longer exists.')
      : state.decision.reason;
  await ports.securityHub.updateFindings([suppressUpdate(state.pad.finding, note(`SOAR: ${reason}`))]);
  return { ...state, result: { outcome: 'suppressed', summary: `Suppressed: ${reason}` } };
}

/**
 * Runs the remediation of the finding's control. AWS failures do not throw: they come back as
 * `not_done` with the error text, which the workflow turns into a ticket.
 *
 * @example
 * ```ts
 * const next = await remediateStep(state, { remediator });
 * next.remediation?.kind; // 'remediated' | 'not_done' | 'resource_gone' | 'reconsider_later' | 'opted_out'
 * ```
 */
export async function remediateStep(state: FlowState, ports: RemediatePorts): Promise<FlowState> {
  const { scratchpad, result, simulated } = await ports.remediator.remediate(state.pad);
  const remediation: RemediationSummary = {
    kind: result.kind,
    ...(result.controlId === undefined ? {} : { controlId: result.controlId }),
    ...('reason' in result ? { reason: result.reason } : {}),
    ...('error' in result && result.error !== undefined ? { error: result.error } : {}),
    changes: result.kind === 'remediated' ? [...result.changes] : [],
    beforeImages: result.kind === 'remediated' ? [...result.beforeImages] : [],
    simulated,
  };
  const next: FlowState = { ...state, pad: scratchpad, remediation };
  if (result.kind === 'reconsider_later') {
    return { ...next, result: { outcome: 'reconsider_later', summary: `Not yet: ${result.reason}` } };
  }
  return next;
}

/**
 * Opens the team's ticket (or finds the one a duplicate delivery opened), which also emails the team,
 * then marks the finding NOTIFIED with the ticket id. When the remediation step itself failed (the
 * workflow caught its error into `error`), the ticket says so and carries the error.
 *
 * @throws `TicketInProgressError` while another execution opens the same ticket (the workflow retries)
 * @throws `TicketSystemError` when the ticket system fails (retried, then recorded as a failure)
 *
 * @example
 * ```ts
 * const next = await ticketStep(state, { tickets, securityHub });
 * next.ticket; // { ticketId: 'SOAR-3f9a…', status: 'opened' }
 * ```
 */
export async function ticketStep(state: FlowState, ports: TicketPorts): Promise<FlowState> {
  const pad = state.error === undefined || state.remediation !== undefined ? state.pad : withStepError(state);
  const opened = await ports.tickets.openTeamTicket(pad);
  await ports.securityHub.updateFindings([notifiedUpdate(pad.finding, { ticketId: opened.ticketId })]);
  const ticket = {
    ticketId: opened.ticketId,
    status: opened.kind,
    ...(opened.url === undefined ? {} : { url: opened.url }),
  } as const;
  const why =
    state.remediation?.kind === 'not_done' || state.remediation?.kind === 'opted_out'
      ? ` (not fixed automatically: ${state.remediation.reason ?? 'see the ticket'})`
      : state.error !== undefined
        ? ` (the remediation failed: ${state.error.Error})`
        : '';
  return {
    ...state,
    pad,
    ticket,
    result: {
      outcome: 'ticketed',
      summary:
        opened.kind === 'opened'
          ? `Ticket ${opened.ticketId} opened for the team${why}.`
          : `Ticket ${opened.ticketId} was already open for this finding; nothing was sent again.`,
    },
  };
}

/** The scratchpad of a finding whose remediation step crashed: the ticket tells the team what happened. */
function withStepError(state: FlowState): Scratchpad {
  const error = state.error;
  const detail = error === undefined ? '' : `${error.Error}${causeText(error.Cause)}`;
  return {
    ...state.pad,
    actions: { ...state.pad.actions, autoremediation_not_done: true },
    messages: {
      ...state.pad.messages,
      actions_taken:
        'SOAR tried to fix this automatically, but the remediation step failed, so nothing was changed.',
      actions_required:
        `The remediation failed with: ${detail}. Please fix the resource yourself, and the code or ` +
        'template that manages it.',
    },
  };
}

/** The message of a Step Functions error cause (`{"errorType","errorMessage"}` JSON from Lambda, or text). */
function causeText(cause: string): string {
  if (cause.trim() === '') return '';
  try {
    const parsed: unknown = JSON.parse(cause);
    if (typeof parsed === 'object' && parsed !== null && 'errorMessage' in parsed) {
      return `: ${String(parsed.errorMessage)}`;
    }
  } catch {
    // not JSON: the cause is the text itself
  }
  return `: ${cause}`;
}

/**
 * After a successful remediation: marks the finding RESOLVED with what changed as its note, then
 * tells the team what SOAR did (email and chat fail open). Security Hub first, so that a retry after
 * a failed update sends no second email.
 *
 * @example
 * ```ts
 * const next = await notifyFixedStep(state, { tickets, securityHub });
 * next.result?.outcome; // 'remediated'
 * ```
 */
export async function notifyFixedStep(state: FlowState, ports: NotifyFixedPorts): Promise<FlowState> {
  const logger = ports.logger ?? SILENT_LOGGER;
  const changes = state.remediation?.changes ?? [];
  const what = changes.length === 0 ? 'The resource already passes the check.' : changes.join(' ');
  const prefix = state.remediation?.simulated === true ? 'SOAR would fix this (simulation)' : 'Fixed by SOAR';
  await ports.securityHub.updateFindings([resolvedUpdate(state.pad.finding, note(`${prefix}: ${what}`))]);
  const notified = await ports.tickets.notifyAutoFixed(state.pad);
  for (const failed of notified.filter((n) => !n.ok)) {
    logger.warn('A notification of a fixed finding was not delivered', {
      findingId: state.pad.finding.Id,
      channel: failed.channel,
      error: failed.error === undefined ? undefined : describeError(failed.error),
    });
  }
  // The summary stays short: the changes themselves are in `remediation.changes` and in the note.
  const summary =
    changes.length === 0
      ? `${prefix}: nothing needed changing.`
      : `${prefix}: ${changes.length === 1 ? what : `${changes.length} changes (see the list)`}`;
  return { ...state, result: { outcome: 'remediated', summary } };
}

/**
 * Closes the ticket SOAR's own store holds open for a resolved finding (which emails the team), then
 * records the closure on the finding (`TicketOpen` No). Idempotent: a repeated run finds the ticket
 * closed and only writes the finding again.
 *
 * @example
 * ```ts
 * const next = await closeTicketStep(state, { tickets, securityHub });
 * next.result; // { outcome: 'ticket_closed', summary: 'Ticket SOAR-3f9a… closed: …' }
 * ```
 */
export async function closeTicketStep(state: FlowState, ports: CloseTicketPorts): Promise<FlowState> {
  const ticketId = state.decision.ticketId;
  if (ticketId === undefined) {
    throw new InvalidStepInputError('The close-ticket step needs decision.ticketId', {
      context: { step: 'close-ticket', findingId: state.pad.finding.Id },
    });
  }
  const closed = await ports.tickets.closeTicket(state.pad, ticketId);
  await ports.securityHub.updateFindings([
    ticketClosedUpdate(state.pad.finding, note(`SOAR closed ticket ${ticketId}.`)),
  ]);
  return {
    ...state,
    result:
      closed.kind === 'closed'
        ? { outcome: 'ticket_closed', summary: `Ticket ${ticketId} closed: ${state.decision.reason}` }
        : { outcome: 'ticket_not_open', summary: closed.reason },
  };
}

/** Which step a caught error came from, from what the state holds. */
export function failedStepOf(state: FlowState): string {
  switch (state.decision.route) {
    case 'suppress':
      return 'suppress';
    case 'ticket':
      return 'ticket';
    case 'close_ticket':
      return 'close-ticket';
    case 'remediate':
      if (state.remediation === undefined) return 'ticket';
      if (state.remediation.kind === 'remediated') return 'notify-fixed';
      if (state.remediation.kind === 'resource_gone') return 'suppress';
      return 'ticket';
    default:
      return state.decision.route;
  }
}

/**
 * The last resort: a step failed after its retries (and, for a remediation, its ticket too). Keeps
 * the failure with the finding and the error, so that it is looked at; the state machine then fails,
 * which raises its `INFRA-SOAR-…-SM-Failure-HIGH` alarm.
 *
 * @example
 * ```ts
 * await recordFailureStep(state, { failures });
 * ```
 */
export async function recordFailureStep(state: FlowState, ports: RecordFailurePorts): Promise<FlowState> {
  const now = ports.clock ?? (() => new Date());
  const step = failedStepOf(state);
  const error = state.error ?? { Error: 'UnknownError', Cause: 'The step failed without an error.' };
  const cause = `${error.Error}${causeText(error.Cause)}`;
  await ports.failures.record({
    key: state.key,
    findingId: state.pad.finding.Id,
    accountId: state.pad.finding.AwsAccountId,
    controlId: state.pad.finding.Compliance?.SecurityControlId,
    step,
    error: error.Error,
    cause,
    at: now().toISOString(),
  });
  return { ...state, result: { outcome: 'failed', summary: `The ${step} step failed: ${cause}` } };
}
