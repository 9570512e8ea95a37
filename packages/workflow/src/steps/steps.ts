import { suppressUpdate, notifiedUpdate, resolvedUpdate, ticketClosedUpdate } from '@soar/security-hub';
import type { NotifyResult } from '@soar/notifications';
import type { Scratchpad } from '@soar/scratchpad';
import { InvalidStepInputError, NOTIFICATION_NOT_DELIVERED, NotificationNotDeliveredError } from '../errors';
import type {
  AiAnalyst,
  AiMessageKind,
  CloseTicketPorts,
  NotifyFixedPorts,
  NotifyIncidentPorts,
  RecordFailurePorts,
  RemediatePorts,
  SuppressPorts,
  TicketPorts,
  WorkflowPorts,
} from '../ports';
import { SILENT_LOGGER, describeError } from '@soar/common';
import { IncidentStateSchema } from '@soar/incidents/steps';
import type { FlowState, RemediationSummary } from '../state';
import { eventMarkOf, type EventMark } from '../watermark';
import { incidentLogRecordOf, remediationHistoryRecordOf } from '../history/record';

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

/** What the steps that message the team act through for their extra channels. */
type ChannelPorts = Pick<TicketPorts, 'failures' | 'exporter' | 'logger' | 'clock'>;

/**
 * Keeps a channel's failure (after its own retries) as a failure row whose step is the channel
 * (`slack`, `teams`, `sentinel`), so it is counted and alarmed, without failing the step: the email
 * is the message that must arrive. A row that cannot be written is logged as an error.
 */
async function recordChannelFailure(
  state: FlowState,
  ports: ChannelPorts,
  failure: {
    readonly channel: string;
    readonly error: unknown;
    readonly what: string;
    readonly step: string;
    /** A constant log message (for queries): the words of `what` go in the cause. */
    readonly logMessage: string;
  },
): Promise<void> {
  const logger = ports.logger ?? SILENT_LOGGER;
  const now = ports.clock ?? (() => new Date());
  const error = failure.error === undefined ? 'no error given' : describeError(failure.error);
  const context = { step: failure.step, channel: failure.channel, findingId: state.pad.finding.Id };
  logger.warn(failure.logMessage, { ...context, error });
  if (ports.failures === undefined) return;
  try {
    await ports.failures.record({
      key: state.key,
      findingId: state.pad.finding.Id,
      accountId: state.pad.finding.AwsAccountId,
      controlId: state.pad.finding.Compliance?.SecurityControlId,
      step: failure.channel,
      error: failure.error instanceof Error ? failure.error.name : 'ChannelError',
      cause: `${failure.what} was not delivered to ${failure.channel} (after its retries): ${error}`,
      at: now().toISOString(),
    });
  } catch (cause) {
    logger.error('A channel failure could not be recorded', { ...context, error: describeError(cause) });
  }
}

/**
 * Exports the finding SOAR handled (Sentinel), when an exporter is configured; a failure is
 * recorded (see {@link recordChannelFailure}) and never fails the step.
 */
async function exportHandled(
  state: FlowState,
  ports: ChannelPorts,
  handled: { readonly outcome: string; readonly ticketId?: string | undefined; readonly step: string },
): Promise<void> {
  const exporter = ports.exporter;
  if (exporter === undefined) return;
  const now = ports.clock ?? (() => new Date());
  try {
    await exporter.export(state.pad, { outcome: handled.outcome, ticketId: handled.ticketId, at: now() });
  } catch (error) {
    await recordChannelFailure(state, ports, {
      channel: exporter.name,
      error,
      what: `The ${handled.outcome} finding`,
      step: handled.step,
      logMessage: 'A finding export was not delivered',
    });
  }
}

/**
 * Checks the team's messages of a step: each chat copy that failed (they fail open) is recorded as a
 * failure of its channel, the finding is exported, and then the email (the first of
 * `notifications`) must have been delivered.
 *
 * @throws {NotificationNotDeliveredError} when the email failed after its retries
 */
async function deliverAndExport(
  state: FlowState,
  notifications: readonly NotifyResult[],
  what: string,
  handled: { readonly step: string; readonly outcome: string; readonly ticketId?: string | undefined },
  ports: ChannelPorts,
): Promise<void> {
  const [email, ...chat] = notifications;
  for (const failed of chat.filter((n) => !n.ok)) {
    await recordChannelFailure(state, ports, {
      channel: failed.channel,
      error: failed.error,
      what,
      step: handled.step,
      logMessage: 'A chat copy was not delivered',
    });
  }
  await exportHandled(state, ports, handled);
  const context = { step: handled.step, findingId: state.pad.finding.Id };
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
    // A `reconsider_later` after a change (AWS still applying it) carries what was changed and how to
    // undo it, like a fix: dropping them would leave a change no one can roll back.
    changes: 'changes' in result ? [...(result.changes ?? [])] : [],
    beforeImages: 'beforeImages' in result ? [...(result.beforeImages ?? [])] : [],
    simulated,
  };
  const next: FlowState = { ...state, pad: scratchpad, remediation };
  await recordHistory(next, ports);
  if (result.kind === 'reconsider_later') {
    return { ...next, result: { outcome: 'reconsider_later', summary: `Not yet: ${result.reason}` } };
  }
  return next;
}

/**
 * Records the remediation outcome in the history (for the weekly report, the dashboards and the
 * metrics). A stale event is not recorded: nothing was attempted, and the newer event records its own
 * outcome.
 */
async function recordHistory(state: FlowState, ports: RemediatePorts): Promise<void> {
  const history = ports.history;
  if (history === undefined) return;
  const record = remediationHistoryRecordOf(state, (ports.clock ?? (() => new Date()))());
  if (record === undefined) return;
  await keepFailOpen(state, ports, {
    step: 'remediation-history',
    what: `The ${record.outcome} outcome was not recorded in the remediation history`,
    controlId: record.controlId,
    write: () => history.record(record),
  });
}

/**
 * Writes a row SOAR keeps for its statistics (the remediation history, the incident log). It fails
 * open: what the step did is done, and failing the step would turn a fix into a ticket or tell the
 * team twice, so a row that cannot be written is logged as an error and kept as a failure row of
 * its own step (`remediation-history`, `incident-log`).
 */
async function keepFailOpen(
  state: FlowState,
  ports: Pick<RemediatePorts, 'failures' | 'logger' | 'clock'>,
  row: { step: string; what: string; controlId?: string | undefined; write: () => Promise<void> },
): Promise<void> {
  const { finding } = state.pad;
  try {
    await row.write();
  } catch (error) {
    const logger = ports.logger ?? SILENT_LOGGER;
    logger.error(`${row.what}`, { step: row.step, findingId: finding.Id, error: describeError(error) });
    await ports.failures
      ?.record({
        key: state.key,
        findingId: finding.Id,
        accountId: finding.AwsAccountId,
        controlId: row.controlId,
        step: row.step,
        error: error instanceof Error ? error.name : 'HistoryError',
        cause: `${row.what}: ${describeError(error)}`,
        at: (ports.clock ?? (() => new Date()))().toISOString(),
      })
      .catch((cause: unknown) => {
        logger.error('A history failure could not be recorded', { error: describeError(cause) });
      });
  }
}

/** Records the incident in the incident log (every incident, ticketed or not), failing open. */
async function logIncident(state: FlowState, ports: NotifyIncidentPorts, ticketId?: string): Promise<void> {
  const log = ports.incidentLog;
  if (log === undefined) return;
  const record = incidentLogRecordOf(state, (ports.clock ?? (() => new Date()))(), ticketId);
  await keepFailOpen(state, ports, {
    step: 'incident-log',
    what: 'The incident was not recorded in the incident log',
    write: () => log.record(record),
  });
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
  const failed = state.remediation?.kind === 'not_done' || state.error !== undefined;
  const base =
    state.error === undefined || state.remediation !== undefined ? state.pad : withStepError(state);
  const pad = await withAi(base, ports, failed ? 'remediation_failed' : 'ticket_opened');
  const opened = await ports.tickets.openTeamTicket(pad);
  await ports.securityHub.updateFindings([notifiedUpdate(pad.finding, { ticketId: opened.ticketId })]);
  if (opened.kind === 'opened') {
    await deliverAndExport(
      { ...state, pad },
      opened.notifications,
      `The message of new ticket ${opened.ticketId}`,
      { step: 'ticket', outcome: 'ticketed', ticketId: opened.ticketId },
      ports,
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
    pad: base,
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

/** The pad with the AI section of `kind`, for the message only: the AI text does not grow the workflow state. */
async function withAi(
  pad: Scratchpad,
  ports: { readonly ai?: AiAnalyst | undefined },
  kind: AiMessageKind,
  context?: { readonly text: string },
): Promise<Scratchpad> {
  if (ports.ai === undefined) return pad;
  return { ...pad, messages: { ...pad.messages, ai: await ports.ai.analyse(kind, pad, context) } };
}

/**
 * Opens the incident's ticket (and the SOC's copy), emails what SOAR did and an alarm's context, and
 * records the incident. @throws {NotificationNotDeliveredError} when the email failed after retries
 */
export async function notifyIncidentStep(state: FlowState, ports: NotifyIncidentPorts): Promise<FlowState> {
  const newer = await newerEventThan(state, ports);
  if (newer !== undefined) return stale(state, newer);
  const incident = IncidentStateSchema.parse(state['incident']);
  const { actionsTaken, context, kind: incidentKind } = incident;
  const told = { incidentKind, actionsTaken, ...(context === undefined ? {} : { context }) };
  // The model reads the alarm's context too (its text only: the title is ours).
  const pad = await withAi(state.pad, ports, 'incident', context);
  if (!incident.openTicket) {
    // A severity that gets no ticket: the team is told all the same.
    const results = await ports.tickets.notifyIncident(pad, told);
    await deliverAndExport(
      state,
      results,
      'The incident message',
      { step: 'notify-incident', outcome: 'told' },
      ports,
    );
    // Counted in the alarm's history all the same: the pattern analysis counts incidents, not tickets.
    await ports.incidentHistory?.record(state.pad.finding);
    await logIncident(state, ports);
    return {
      ...state,
      result: { outcome: 'suppressed', summary: `Incident: ${incident.summary}; the team told.` },
    };
  }
  const opened = await ports.tickets.openIncidentTicket(pad, told);
  const handled = { step: 'notify-incident', outcome: 'ticketed', ticketId: opened.ticketId };
  const what = `The incident ticket ${opened.ticketId}`;
  if (opened.kind === 'opened') {
    // The SOC's copy fails open (the team ticket stands), as a failure row of its own.
    if (opened.socCopy?.ok === false) {
      const { error, project } = opened.socCopy;
      await recordChannelFailure(state, ports, {
        ...handled,
        channel: `soc ${project}`,
        error,
        what,
        logMessage: 'The SOC copy was not opened',
      });
    }
    await deliverAndExport(state, opened.notifications, what, handled, ports);
  }
  await ports.incidentHistory?.record(state.pad.finding, opened.ticketId);
  await logIncident(state, ports, opened.ticketId);
  const summary = `${incident.summary}; ticket ${opened.ticketId}`;
  return {
    ...state,
    decision: { ...state.decision, reason: `Incident handled: ${summary}` },
    ticket: { ticketId: opened.ticketId, status: opened.kind, ...(opened.url ? { url: opened.url } : {}) },
    result: { outcome: 'ticketed', summary: `Incident: ${summary}.` },
  };
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
  const changes = state.remediation?.changes ?? [];
  const what = changes.length === 0 ? 'The resource already passes the check.' : changes.join(' ');
  const prefix = state.remediation?.simulated === true ? 'SOAR would fix this (simulation)' : 'Fixed by SOAR';
  await ports.securityHub.updateFindings([resolvedUpdate(state.pad.finding, note(`${prefix}: ${what}`))]);
  const notified = await ports.tickets.notifyAutoFixed(await withAi(state.pad, ports, 'remediation_done'), {
    planned: state.remediation?.simulated === true,
  });
  await deliverAndExport(
    state,
    notified,
    'The message telling the team what SOAR fixed',
    { step: 'notify-fixed', outcome: 'remediated', ticketId: undefined },
    ports,
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
  const closed = await ports.tickets.closeTicket(await withAi(state.pad, ports, 'ticket_closed'), ticketId);
  await ports.securityHub.updateFindings([
    ticketClosedUpdate(state.pad.finding, note(`SOAR closed ticket ${ticketId}.`)),
  ]);
  if (closed.kind === 'closed') {
    await deliverAndExport(
      state,
      closed.notifications,
      `The message saying that ticket ${ticketId} is closed`,
      { step: 'close-ticket', outcome: 'ticket_closed', ticketId },
      ports,
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
