import { createHash } from 'node:crypto';
import { suppressUpdate, notifiedUpdate, resolvedUpdate, ticketClosedUpdate } from '@soar/security-hub';
import type { NotifyResult } from '@soar/notifications';
import type { Scratchpad } from '@soar/scratchpad';
import type { ReminderSummary } from '@soar/tickets';
import { InvalidStepInputError, NOTIFICATION_NOT_DELIVERED, NotificationNotDeliveredError } from '../errors';
import type {
  CloseTicketPorts,
  NotifyFixedPorts,
  RecordFailurePorts,
  RemediatePorts,
  RemindPorts,
  SuppressPorts,
  TicketPorts,
  WorkflowPorts,
} from '../ports';
import { SILENT_LOGGER, describeError, type SoarLogger } from '@soar/common';
import type { FlowState, RemediationSummary } from '../state';
import { eventMarkOf, type EventMark } from '../watermark';

/** Security Hub notes are at most 512 characters; longer text is cut with an ellipsis. */
const NOTE_MAX = 512;

function note(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= NOTE_MAX ? flat : `${flat.slice(0, NOTE_MAX - 1)}…`;
}

/**
 * Claims the state's event for its finding (see `decideWatermark`): `undefined` when the step may
 * act, or the newer event already acted on, when this one is stale and must change nothing.
 */
async function newerEventThan(
  state: FlowState,
  ports: Pick<WorkflowPorts, 'watermarks' | 'clock'>,
): Promise<EventMark | undefined> {
  const now = ports.clock ?? (() => new Date());
  const claim = await ports.watermarks.claim(eventMarkOf(state.key, state.pad.finding), now());
  return claim.kind === 'stale' ? claim.newer : undefined;
}

function staleSummary(newer: EventMark): string {
  return (
    `Nothing changed: a newer event of this finding (updated ${newer.updatedAt}) was already acted on, ` +
    'so this older one is left alone.'
  );
}

/** The state of a step that found its event stale: nothing was done. */
function stale(state: FlowState, newer: EventMark): FlowState {
  return { ...state, result: { outcome: 'stale', summary: staleSummary(newer) } };
}

/**
 * Checks the team's email of a step (the first of `notifications`); chat copies fail open and are
 * only logged.
 *
 * @throws {NotificationNotDeliveredError} when the email failed after its retries
 */
function requireEmail(
  notifications: readonly NotifyResult[],
  what: string,
  context: { readonly step: string; readonly findingId: string },
  logger: SoarLogger,
): void {
  const [email, ...chat] = notifications;
  for (const failed of chat.filter((n) => !n.ok)) {
    logger.warn('A chat copy was not delivered', {
      ...context,
      channel: failed.channel,
      error: failed.error === undefined ? undefined : describeError(failed.error),
    });
  }
  if (email === undefined || email.ok) return;
  throw new NotificationNotDeliveredError(
    `${what} was not delivered (${email.channel}, after its retries): ` +
      `${email.error === undefined ? 'no error given' : describeError(email.error)}. Please tell the team yourself.`,
    { cause: email.error, context },
  );
}

/**
 * Suppresses the finding in Security Hub, with the reason as its note: a decision to suppress
 * (evaluation error, a local rule), a remediation that found the resource gone, or a resource opted
 * out by its tag (the note names the tag).
 *
 * @example
 * ```ts
 * const next = await suppressStep(state, { securityHub });
 * next.result; // { outcome: 'suppressed', summary: 'Suppressed: …' }
 * ```
 */
export async function suppressStep(state: FlowState, ports: SuppressPorts): Promise<FlowState> {
  const newer = await newerEventThan(state, ports);
  if (newer !== undefined) return stale(state, newer);
  // A resource that is gone, or opted out by its tag, says why in the remediation's own words (the
  // note then names the tag); otherwise the decision to suppress does.
  const reason =
    state.remediation?.kind === 'resource_gone'
      ? (state.remediation.reason ?? 'The resource no longer exists.')
      : state.remediation?.kind === 'opted_out'
        ? (state.remediation.reason ?? 'The resource is tagged to opt out of auto-remediation.')
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
  const newer = await newerEventThan(state, ports);
  if (newer !== undefined) {
    // `reconsider_later` ends the run without a ticket: the newer event decides for the finding.
    const remediation: RemediationSummary = {
      kind: 'reconsider_later',
      reason: staleSummary(newer),
      changes: [],
      beforeImages: [],
      simulated: false,
    };
    return { ...stale(state, newer), remediation };
  }
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
 * then marks the finding NOTIFIED with the ticket id. An event older than one already acted on for
 * the finding changes nothing (outcome `stale`). When the remediation step itself failed (the
 * workflow caught its error into `error`), the ticket says so and carries the error.
 *
 * @throws `TicketInProgressError` while another execution opens the same ticket (the workflow retries)
 * @throws `TicketSystemError` when the ticket system fails (retried, then recorded as a failure)
 * @throws {NotificationNotDeliveredError} when the team's email failed after its retries (the ticket
 * is open and the finding NOTIFIED; the failure is recorded and alarmed)
 *
 * @example
 * ```ts
 * const next = await ticketStep(state, { tickets, securityHub });
 * next.ticket; // { ticketId: 'SOAR-3f9a…', status: 'opened' }
 * ```
 */
export async function ticketStep(state: FlowState, ports: TicketPorts): Promise<FlowState> {
  const newer = await newerEventThan(state, ports);
  if (newer !== undefined) return stale(state, newer);
  const pad = state.error === undefined || state.remediation !== undefined ? state.pad : withStepError(state);
  const opened = await ports.tickets.openTeamTicket(pad);
  await ports.securityHub.updateFindings([notifiedUpdate(pad.finding, { ticketId: opened.ticketId })]);
  if (opened.kind === 'opened') {
    requireEmail(
      opened.notifications,
      `The email of new ticket ${opened.ticketId}`,
      { step: 'ticket', findingId: pad.finding.Id },
      ports.logger ?? SILENT_LOGGER,
    );
  }
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
 * tells the team what SOAR did. Security Hub first, so that a retry after a failed update sends no
 * second email. Chat copies fail open; a failed email fails the step (after the finding is resolved).
 *
 * @throws {NotificationNotDeliveredError} when the team's email failed after its retries
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
  const notified = await ports.tickets.notifyAutoFixed(state.pad, {
    planned: state.remediation?.simulated === true,
  });
  requireEmail(
    notified,
    'The email telling the team what SOAR fixed',
    { step: 'notify-fixed', findingId: state.pad.finding.Id },
    logger,
  );
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
 * closed and only writes the finding again, and of two concurrent runs only one sends the message.
 * An event older than one already acted on for the finding changes nothing (outcome `stale`).
 *
 * @throws {NotificationNotDeliveredError} when the "closed" email failed after its retries
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
  const newer = await newerEventThan(state, ports);
  if (newer !== undefined) return stale(state, newer);
  const closed = await ports.tickets.closeTicket(state.pad, ticketId);
  await ports.securityHub.updateFindings([
    ticketClosedUpdate(state.pad.finding, note(`SOAR closed ticket ${ticketId}.`)),
  ]);
  if (closed.kind === 'closed') {
    requireEmail(
      closed.notifications,
      `The email saying that ticket ${ticketId} is closed`,
      { step: 'close-ticket', findingId: state.pad.finding.Id },
      ports.logger ?? SILENT_LOGGER,
    );
  }
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
      if (state.remediation.kind === 'opted_out' && state.pad.actions.suppress_finding) return 'suppress';
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
  const error = state.error ?? { Error: 'UnknownError', Cause: 'The step failed without an error.' };
  // An undelivered email gets its own row, apart from a failure of the step's own work.
  const step =
    error.Error === NOTIFICATION_NOT_DELIVERED ? `${failedStepOf(state)}-email` : failedStepOf(state);
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

/**
 * Sends the overdue reminders (one per ticket, ever). A reminder whose email still fails after its
 * retries is recorded as a failure with its own row (step `overdue-reminder-email`, keyed by finding
 * and ticket), and the step then fails so that its function's error alarm fires.
 *
 * @throws {NotificationNotDeliveredError} when any reminder was not delivered (after recording each)
 *
 * @example
 * ```ts
 * const summary = await remindOverdueStep({ tickets, failures }); // hourly
 * summary.reminded.length;
 * ```
 */
export async function remindOverdueStep(ports: RemindPorts): Promise<ReminderSummary> {
  const now = ports.clock ?? (() => new Date());
  const summary = await ports.tickets.sendOverdueReminders();
  for (const failed of summary.failed) {
    await ports.failures.record({
      key: createHash('sha256').update(`reminder\n${failed.findingId}\n${failed.ticketId}`).digest('hex'),
      findingId: failed.findingId,
      step: 'overdue-reminder-email',
      error: NOTIFICATION_NOT_DELIVERED,
      cause: `The overdue reminder of ticket ${failed.ticketId} was not delivered: ${failed.error}`,
      at: now().toISOString(),
    });
  }
  if (summary.failed.length > 0) {
    throw new NotificationNotDeliveredError(
      `${summary.failed.length} overdue reminder(s) were not delivered (recorded as failures); ` +
        'please tell those teams yourself.',
      { context: { step: 'overdue-reminder' } },
    );
  }
  return summary;
}
