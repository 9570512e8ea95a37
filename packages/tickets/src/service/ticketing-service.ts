import { getSeverityLabel, type SeverityLabel, SeverityLabelSchema } from '@soar/asff-schema';
import type { Scratchpad } from '@soar/scratchpad';
import { type SoarLogger, SILENT_LOGGER, describeError } from '@soar/common';
import {
  type NotificationRecipients,
  type Notifier,
  notifyAll,
  type NotifyResult,
} from '@soar/notifications';
import { type OpenTicketRequest, type TicketSystem } from '@soar/ticket-systems';
import { TicketInProgressError, TicketSystemError } from '../errors';
import {
  autoFixedMessage,
  incidentMessage,
  type Message,
  overdueReminderMessage,
  teamFixMessage,
  ticketClosedMessage,
  renderMessage,
  type RenderOptions,
} from '@soar/messages';
import type { RenderedMessage } from '@soar/messages';
import type { IncidentKind } from '@soar/messages/schemas';
import { routeTicket, type TicketRoute } from '../routing/route-ticket';
import { type RoutingConfig } from '../routing/routing-config';
import { dueAt, overdueStatus, reminderDue, reminderEscalation, type SlaConfig } from '../sla';
import type { Ticket, TicketKind, TicketStore } from '../store';

/** The store operations the service uses (a `TicketStore`, or a double in tests). */
export type TicketStorePort = Pick<
  TicketStore,
  'claimOpen' | 'confirmOpen' | 'abandonClaim' | 'get' | 'close' | 'overdueTickets' | 'recordReminder'
>;

/** Where reminders go: the account's current team addresses, looked up by account id at send time. */
export type TeamEmailLookup = (
  accountId: string,
) => Promise<{ teamEmail: string; teamEmailApp?: string } | undefined>;

/** The account a message is about, as chat channel selection sees it. */
export interface ChatTarget {
  readonly environment?: string | undefined;
  readonly team?: string | undefined;
}

/** The chat channels that get a copy of a message about an account. */
export type ChatSelector = (target: ChatTarget) => readonly Notifier[];

export interface TicketingServiceOptions {
  readonly store: TicketStorePort;
  readonly ticketSystem: TicketSystem;
  /** Sends email (SES); team and SOC messages go through it. */
  readonly email: Notifier;
  /**
   * Chat channels (Slack, Teams) that get a copy of every message; they fail open. A function picks
   * them per message from the account it is about (its environment and team).
   */
  readonly chat?: readonly Notifier[] | ChatSelector;
  readonly routing: RoutingConfig;
  readonly sla: SlaConfig;
  readonly render: RenderOptions;
  /** For reminders: the team addresses of an account today (accounts are keyed by id, not name). */
  readonly teamEmailOf: TeamEmailLookup;
  readonly clock?: () => Date;
  readonly logger?: SoarLogger;
  /** How a failed email is tried again before it counts as not delivered. */
  readonly delivery?: DeliveryOptions;
}

/**
 * Retries of a failed email. Email is the channel every message must reach, so a failed send is
 * tried again (after `delayMs`, doubling) before it is reported as not delivered; chat stays fail-open.
 */
export interface DeliveryOptions {
  /** Sends in all, the first included (default 3). */
  readonly attempts?: number;
  /** Wait before the second send (default 1,000 ms), doubled before each further one. */
  readonly delayMs?: number;
  /** Waits between sends; inject a fake in tests (default: a timer). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What an incident ticket says besides the finding: the incident's family, what SOAR did, and what it found out. */
export interface IncidentTicket {
  /** Which wording to use: a GuardDuty EC2, EKS, IAM user or S3 finding, or any other incident. */
  readonly incidentKind: IncidentKind;
  /** What SOAR did, e.g. `'Terminated instance i-0abc1234def567890.'`; empty when nothing. */
  readonly actionsTaken: readonly string[];
  /** The enriched context (e.g. of an alarm), shown in the ticket and the email. */
  readonly context?: { readonly title: string; readonly text: string };
}

/**
 * The SOC's copy of an incident ticket (routing `alsoToSoc`): a second ticket in the SOC project,
 * opened once, after the team ticket is recorded. Its id is reported, never stored or closed; when
 * it cannot be opened the team ticket stands and the error is reported here.
 */
export type SocCopyResult =
  | {
      readonly ok: true;
      readonly project: string;
      readonly ticketId: string;
      readonly url?: string | undefined;
    }
  | { readonly ok: false; readonly project: string; readonly error: string };

export type OpenTicketResult =
  | {
      readonly kind: 'opened';
      readonly ticketId: string;
      readonly url?: string | undefined;
      readonly route: TicketRoute;
      readonly notifications: readonly NotifyResult[];
      /** Incidents routed `alsoToSoc` only. */
      readonly socCopy?: SocCopyResult;
    }
  /** A duplicate delivery: the finding already has this open ticket; nothing is sent again. */
  | { readonly kind: 'existing'; readonly ticketId: string; readonly url?: string | undefined };

export type CloseTicketResult =
  | { readonly kind: 'closed'; readonly ticketId: string; readonly notifications: readonly NotifyResult[] }
  /**
   * Nothing sent: the store holds no open ticket with this id for the finding, or a concurrent
   * close of the same ticket recorded the closure first (and sends the one message).
   */
  | { readonly kind: 'not_open'; readonly reason: string };

export interface ReminderSummary {
  readonly overdue: number;
  readonly reminded: readonly { findingId: string; ticketId: string; escalated: boolean }[];
  /** Tickets whose single reminder was claimed but could not be delivered, even after the retries. */
  readonly failed: readonly { findingId: string; ticketId: string; error: string }[];
  /** Tickets skipped: reminded before (and not due again), or claimed by a concurrent run. */
  readonly skipped: number;
  /** Store rows that could not be read; reported, not fatal. */
  readonly corrupt: number;
  /** Chat copies of delivered reminders that failed (they fail open; the caller records them). */
  readonly chatFailed?: readonly { findingId: string; ticketId: string; channel: string; error: string }[];
}

/**
 * The ticket lifecycle around a finding: open a ticket once per finding (however often the event is
 * delivered), close it when the finding resolves, and send one reminder when it is overdue. A failed
 * email is tried again (see {@link DeliveryOptions}); chat fails open. A message that still fails is
 * reported in the result (the email first), never a lost ticket: the caller records and alarms on it.
 *
 * @example
 * ```ts
 * const tickets = createTicketingService({ store, ticketSystem: jira, email, routing, sla, render, teamEmailOf });
 * const result = await tickets.openTeamTicket(pad);   // { kind: 'opened', ticketId: 'SEC-42', ... }
 * await tickets.closeTicket(resolvedPad, 'SEC-42');   // { kind: 'closed', ... }
 * await tickets.sendOverdueReminders();               // hourly
 * ```
 */
export function createTicketingService(options: TicketingServiceOptions) {
  const now = options.clock ?? (() => new Date());
  const logger = options.logger ?? SILENT_LOGGER;

  const attempts = Math.max(1, options.delivery?.attempts ?? 3);
  const firstDelay = options.delivery?.delayMs ?? 1000;
  const sleep =
    options.delivery?.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** The email notifier, trying a failed send again before giving up with the last error. */
  const email: Notifier = {
    name: options.email.name,
    async send(message, recipients) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await options.email.send(message, recipients);
          return;
        } catch (error) {
          if (attempt >= attempts) throw error;
          logger.warn('Email not sent; trying again', { attempt, error: describeError(error) });
          await sleep(firstDelay * 2 ** (attempt - 1));
        }
      }
    },
  };
  const chat = options.chat;
  const chatFor = (target: ChatTarget): readonly Notifier[] =>
    chat === undefined ? [] : typeof chat === 'function' ? chat(target) : chat;
  const render = (message: Message): RenderedMessage => renderMessage(message, options.render);
  /** Email first, then the chat channels of the account the message is about. */
  const notify = (message: RenderedMessage, recipients: NotificationRecipients, pad: Scratchpad) =>
    notifyAll(
      [email, ...chatFor({ environment: pad.account?.Environment, team: pad.account?.Team })],
      message,
      recipients,
    );

  return {
    /**
     * Opens the team ticket of a failed control (or returns the one it already has), then emails the
     * team with the ticket id.
     *
     * @throws {TicketInProgressError} while a concurrent execution is opening the same ticket
     * @throws {TicketSystemError} when the ticket system fails; the failure is recorded in the store
     */
    async openTeamTicket(pad: Scratchpad): Promise<OpenTicketResult> {
      const route = routeTicket(pad.finding, accountOrDefaults(pad), options.routing);
      return openTicket(pad, route, 'TEAM_FIX', (ticketId) =>
        teamFixMessage(pad, ticketId === undefined ? {} : { ticketId }),
      );
    },

    /**
     * Opens the ticket of an incident (or returns the one it already has: one per finding, however
     * often the event is delivered), then emails the team of the incident's domain (`TeamEmailApp`
     * for APP, else `TeamEmail`) with the ticket id. The ticket goes to the SOC project when the
     * finding asks for it (`ProductFields.TicketDestination = SOC`), else to the team's project; when
     * `incidentsToSoc` is `ALL` or the incident's domain, the SOC also gets a copy in its project
     * (see {@link SocCopyResult}). Incident tickets have no deadline: never reminded or closed.
     *
     * Whether an incident gets a ticket at all (its severity) is the caller's decision.
     *
     * @throws {TicketInProgressError} while a concurrent execution is opening the same ticket
     * @throws {TicketSystemError} when the ticket system fails to open the (first) ticket; the failure
     * is recorded in the store and the next delivery tries again
     *
     * @example
     * ```ts
     * const result = await tickets.openIncidentTicket(pad, {
     *   incidentKind: 'ec2',
     *   actionsTaken: ['Terminated instance i-0abc1234def567890.'],
     *   context: { title: 'Alarm context', text: enriched.text },
     * });
     * // { kind: 'opened', ticketId: 'PAY-7', route: { alsoToSoc: true, ... }, socCopy: { ok: true, ticketId: 'SOC-3', ... }, ... }
     * ```
     */
    async openIncidentTicket(pad: Scratchpad, incident: IncidentTicket): Promise<OpenTicketResult> {
      const routing = { ...options.routing, incident: true };
      const route = routeTicket(pad.finding, accountOrDefaults(pad), routing);
      return openTicket(pad, route, 'INCIDENT', (ticketId) =>
        incidentMessage(pad, {
          incidentKind: incident.incidentKind,
          actionsTaken: incident.actionsTaken,
          ...(incident.context === undefined ? {} : { context: incident.context }),
          ...(ticketId === undefined ? {} : { ticketId }),
        }),
      );
    },

    /**
     * Tells the team (INFRA or APP address, by the incident's domain) about an incident whose
     * severity gets no ticket: the same message as {@link openIncidentTicket} without a ticket id.
     * Never throws: check the results (the email first).
     */
    async notifyIncident(pad: Scratchpad, incident: IncidentTicket): Promise<readonly NotifyResult[]> {
      const route = routeTicket(pad.finding, accountOrDefaults(pad), { ...options.routing, incident: true });
      const { incidentKind, actionsTaken, context } = incident;
      const message = incidentMessage(pad, {
        incidentKind,
        actionsTaken,
        ...(context === undefined ? {} : { context }),
      });
      return notify(render(message), { to: [route.teamEmail] }, pad);
    },

    /**
     * Tells the team that SOAR fixed a finding, or with `planned` (a simulation) that it would.
     * Never throws: check the results (the email first).
     */
    async notifyAutoFixed(
      pad: Scratchpad,
      fix: { readonly planned?: boolean } = {},
    ): Promise<readonly NotifyResult[]> {
      const route = routeTicket(pad.finding, accountOrDefaults(pad), options.routing);
      const planned = fix.planned === true ? { planned: true } : {};
      return notify(render(autoFixedMessage(pad, planned)), { to: [route.teamEmail] }, pad);
    },

    /**
     * Closes the ticket SOAR's store holds open for a resolved finding, then tells the team. Ticket
     * ids are checked against the store and the ticket system's format before any external call.
     *
     * Of concurrent closes of the same ticket, only the one whose conditional write records the
     * closure in the store sends the "closed" message; the others answer `not_open`.
     *
     * @throws {TicketSystemError} when the ticket system fails; the ticket stays open in the store and
     * the next event retries
     */
    async closeTicket(pad: Scratchpad, ticketId: string): Promise<CloseTicketResult> {
      const { finding } = pad;
      const stored = await options.store.get(finding.Id);
      if (stored?.status !== 'OPEN' || stored.ticketId !== ticketId) {
        return {
          kind: 'not_open',
          reason: `SOAR holds no open ticket ${ticketId} for finding ${finding.Id}.`,
        };
      }
      if (!options.ticketSystem.isValidTicketId(ticketId)) {
        throw new TicketSystemError(
          `Refusing to close ${JSON.stringify(ticketId)}: not a ${options.ticketSystem.name} ticket id`,
          {
            context: { findingId: finding.Id, ticketId, channel: options.ticketSystem.name },
          },
        );
      }
      try {
        await options.ticketSystem.close(ticketId, {
          findingId: finding.Id,
          accountId: finding.AwsAccountId,
        });
      } catch (cause) {
        throw new TicketSystemError(
          `${options.ticketSystem.name} could not close ticket ${ticketId}: ${describeError(cause)}`,
          {
            cause,
            context: { findingId: finding.Id, ticketId, channel: options.ticketSystem.name },
          },
        );
      }
      const recorded = await options.store.close(finding.Id, { ticketId, reason: 'resolved', now: now() });
      if (recorded.kind !== 'closed') {
        return {
          kind: 'not_open',
          reason: `Ticket ${ticketId} of finding ${finding.Id} was closed by another run, which told the team; nothing was sent again.`,
        };
      }
      const route = routeTicket(finding, accountOrDefaults(pad), options.routing);
      const notifications = await notify(
        render(ticketClosedMessage(pad, { ticketId })),
        { to: [route.teamEmail] },
        pad,
      );
      return { kind: 'closed', ticketId, notifications };
    },

    /**
     * Sends the reminder of each overdue ticket that is due one (once per ticket, or again every
     * `sla.remindAgainAfterHours`), with the escalation addresses in copy for the configured
     * severities. Safe to run concurrently: each reminder is claimed in the store first.
     */
    async sendOverdueReminders(): Promise<ReminderSummary> {
      const at = now();
      const { tickets, corrupt } = await options.store.overdueTickets(at);
      const reminded: { findingId: string; ticketId: string; escalated: boolean }[] = [];
      const failed: { findingId: string; ticketId: string; error: string }[] = [];
      const chatFailed: { findingId: string; ticketId: string; channel: string; error: string }[] = [];
      let skipped = 0;
      for (const ticket of tickets) {
        // The store decides again when it records the reminder; this only saves a write.
        if (!reminderDue(ticket, at, options.sla) || ticket.ticketId === undefined) {
          skipped += 1;
          continue;
        }
        const escalation = reminderEscalation(ticket.severityLabel, options.sla);
        const won = await options.store.recordReminder(ticket.findingId, at, {
          escalated: escalation.escalated,
          ticketId: ticket.ticketId,
        });
        if (!won) {
          skipped += 1;
          continue;
        }
        try {
          const chatResults = await sendReminder(
            ticket,
            ticket.ticketId,
            escalation.cc,
            escalation.escalated,
            at,
          );
          for (const result of chatResults.filter((r) => !r.ok)) {
            chatFailed.push({
              findingId: ticket.findingId,
              ticketId: ticket.ticketId,
              channel: result.channel,
              error: result.error === undefined ? 'no error given' : describeError(result.error),
            });
          }
          reminded.push({
            findingId: ticket.findingId,
            ticketId: ticket.ticketId,
            escalated: escalation.escalated,
          });
        } catch (error) {
          logger.warn('Overdue reminder not delivered', {
            findingId: ticket.findingId,
            error: describeError(error),
          });
          failed.push({
            findingId: ticket.findingId,
            ticketId: ticket.ticketId,
            error: describeError(error),
          });
        }
      }
      return { overdue: tickets.length, reminded, failed, skipped, corrupt: corrupt.length, chatFailed };
    },
  };

  /**
   * Opens the ticket of a finding once: claims the finding in the store, opens the ticket with the
   * message (without its id), records it, opens the SOC's copy when routed so, then emails the team
   * the message with the ticket id. A redelivery finds the recorded ticket and sends nothing.
   */
  async function openTicket(
    pad: Scratchpad,
    route: TicketRoute,
    kind: TicketKind,
    messageOf: (ticketId?: string) => Message,
  ): Promise<OpenTicketResult> {
    const { finding } = pad;
    const severity = getSeverityLabel(finding.Severity) ?? 'INFORMATIONAL';
    const claim = await options.store.claimOpen(
      {
        findingId: finding.Id,
        kind,
        accountId: finding.AwsAccountId,
        accountName: pad.account?.Name ?? '',
        region: finding.Region ?? finding.Resources[0]?.Region ?? '',
        controlId: finding.Compliance?.SecurityControlId,
        title: finding.Title,
        severityLabel: severity,
        penaltyScore: pad.penalty_score ?? 0,
        environment: pad.account?.Environment,
        team: pad.account?.Team,
        project: route.project,
        destination: route.destination,
        domain: route.domain,
      },
      now(),
    );
    if (claim.kind === 'exists' && claim.ticket.ticketId !== undefined) {
      return { kind: 'existing', ticketId: claim.ticket.ticketId, url: claim.ticket.ticketUrl };
    }
    if (claim.kind !== 'claimed') {
      throw new TicketInProgressError(`Another execution is opening the ticket of finding ${finding.Id}`, {
        context: { findingId: finding.Id, accountId: finding.AwsAccountId },
      });
    }

    const request = { findingId: finding.Id, accountId: finding.AwsAccountId, severity };
    let opened;
    try {
      opened = await options.ticketSystem.open({
        ...request,
        project: route.project,
        destination: route.destination,
        message: render(messageOf()),
      });
    } catch (cause) {
      await options.store.abandonClaim(finding.Id, claim.token, cause, now());
      throw new TicketSystemError(
        `${options.ticketSystem.name} could not open the ticket of finding ${finding.Id}: ${describeError(cause)}`,
        {
          cause,
          context: {
            findingId: finding.Id,
            accountId: finding.AwsAccountId,
            channel: options.ticketSystem.name,
          },
        },
      );
    }
    await options.store.confirmOpen(
      finding.Id,
      claim.token,
      {
        ticketId: opened.ticketId,
        ticketSystem: options.ticketSystem.name,
        ...(opened.url ? { url: opened.url } : {}),
      },
      now(),
    );
    const message = render(messageOf(opened.ticketId));
    const socCopy =
      route.alsoToSoc && route.socProject !== undefined
        ? await openSocCopy({ ...request, project: route.socProject, message })
        : undefined;
    const notifications = await notify(message, { to: [route.teamEmail] }, pad);
    return {
      kind: 'opened',
      ticketId: opened.ticketId,
      url: opened.url,
      route,
      notifications,
      ...(socCopy === undefined ? {} : { socCopy }),
    };
  }

  /**
   * The SOC's copy of a ticket, in its project. A separate occurrence, so that a ticket system that
   * derives ids from the finding gives it its own id. Never throws: the team ticket is recorded by now,
   * so a failure is reported (and logged), not retried.
   */
  async function openSocCopy(
    request: Omit<OpenTicketRequest, 'destination' | 'occurrence'>,
  ): Promise<SocCopyResult> {
    try {
      const copy = await options.ticketSystem.open({ ...request, destination: 'SOC', occurrence: 'soc' });
      return { ok: true, project: request.project, ticketId: copy.ticketId, url: copy.url };
    } catch (error) {
      logger.warn('SOC copy of the ticket not opened', {
        findingId: request.findingId,
        error: describeError(error),
      });
      return { ok: false, project: request.project, error: describeError(error) };
    }
  }

  async function sendReminder(
    ticket: Ticket,
    ticketId: string,
    cc: readonly string[],
    escalate: boolean,
    at: Date,
  ): Promise<NotifyResult[]> {
    const emails = await options.teamEmailOf(ticket.accountId);
    if (emails === undefined) throw new Error(`no team email known for account ${ticket.accountId}`);
    const status = overdueStatus(
      {
        openedAt: ticket.openedAt,
        dueAt: ticket.dueAt ?? dueAt(ticket.openedAt, ticket.severityLabel, options.sla),
      },
      at,
    );
    const message = render(
      overdueReminderMessage({
        ticketId,
        findingId: ticket.findingId,
        accountId: ticket.accountId,
        accountName: ticket.accountName,
        region: ticket.region,
        controlId: ticket.controlId,
        title: ticket.title,
        severity: asSeverityLabel(ticket.severityLabel),
        openedAt: ticket.openedAt,
        ageSeconds: status.ageSeconds,
        overdueBySeconds: status.overdueSeconds,
        environment: ticket.environment,
        team: ticket.team,
        escalate,
      }),
    );
    const to = ticket.domain === 'APP' && emails.teamEmailApp ? emails.teamEmailApp : emails.teamEmail;
    // The reminder is the only message of its ticket: it must reach the team, so email failures count.
    await email.send(message, { to: [to], cc });
    return notifyAll(chatFor({ environment: ticket.environment, team: ticket.team }), message, {
      to: [to],
      cc,
    });
  }
}

export type TicketingService = ReturnType<typeof createTicketingService>;

/** Routing needs ticket projects and team addresses; without account metadata, defaults route to SOC. */
function accountOrDefaults(pad: Scratchpad) {
  return (
    pad.account ?? {
      ProjectId: 'Unspecified',
      ProjectIdApp: 'Unspecified',
      TeamEmail: '',
      TeamEmailApp: '',
    }
  );
}

/** A stored severity label, as a label (the store keeps it as text). */
function asSeverityLabel(text: string): SeverityLabel {
  const parsed = SeverityLabelSchema.safeParse(text.trim().toUpperCase());
  return parsed.success ? parsed.data : 'INFORMATIONAL';
}
