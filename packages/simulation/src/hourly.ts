import type { FailureRecord } from '@soar/workflow';
import {
  summarizeMetrics,
  type HourlySummary,
  type MetricPoint,
  type MetricsSink,
} from '@soar/scheduled-jobs';
import type { Ticket } from '@soar/tickets';
import { dueAt, overdueStatus, reminderDue, type SlaConfig } from '@soar/tickets/sla';
import type { OutboxMessage } from './outbox';

/** An overdue reminder the hourly tasks sent: to whom, about which ticket, and who was copied. */
export interface SentReminder {
  readonly ticketId: string;
  readonly findingId: string;
  readonly accountId: string;
  readonly severity: string;
  readonly to: readonly string[];
  /** The escalation copies (empty when the severity does not escalate or no CC is configured). */
  readonly cc: readonly string[];
  readonly escalated: boolean;
  readonly dueAt?: string;
}

/** An open ticket the hourly tasks did not remind about, and why. */
export interface SkippedReminder {
  readonly ticketId: string;
  readonly findingId: string;
  readonly accountId: string;
  readonly severity: string;
  /**
   * `not_due`: not overdue yet (`dueAt` says when it will be); `never_due`: its severity is never
   * overdue; `already_reminded`: overdue, reminded before and not due again (`remindedAt`).
   */
  readonly reason: 'not_due' | 'never_due' | 'already_reminded';
  readonly dueAt?: string;
  readonly remindedAt?: string;
}

/** A reminder that could not be delivered (recorded as a failure, as in AWS). */
export interface FailedReminder {
  readonly findingId?: string;
  readonly cause: string;
}

/** One run of the hourly tasks, locally: what was sent, what was not, and the statistics. */
export interface HourlyRun {
  /** When the run happened (the simulation's clock), ISO 8601. */
  readonly at: string;
  readonly openTickets: number;
  readonly reminders: readonly SentReminder[];
  readonly skipped: readonly SkippedReminder[];
  readonly failed: readonly FailedReminder[];
  /** The statistics the run published, as points and as one line per metric. */
  readonly metrics: readonly MetricPoint[];
  readonly metricLines: readonly string[];
  /** The error the function ended with (a reminder not delivered), if it did not succeed. */
  readonly error?: string;
}

/**
 * The statistics sink of local runs: keeps the points instead of writing EMF lines.
 *
 * @example
 * ```ts
 * const metrics = memoryMetricsSink();
 * await hourlyTasksStep({ ...ports, metrics });
 * metrics.points(); // [{ name: 'TotalTickets', dimension: { name: 'TicketStatus', value: 'Open' }, value: 2 }, …]
 * ```
 */
export function memoryMetricsSink(): MetricsSink & { points(): readonly MetricPoint[] } {
  const published: MetricPoint[] = [];
  return {
    publish(points) {
      published.push(...points);
    },
    points: () => [...published],
  };
}

/**
 * Describes one run of the hourly tasks from what it left: the open tickets read before it, its
 * summary (absent when the function failed), the messages and failures it recorded, and the
 * statistics it published. Each open ticket is either reminded, failed, or skipped with its reason.
 *
 * @example
 * ```ts
 * const run = describeHourlyRun({ at, before: openTickets, summary, messages, failures, metrics, sla });
 * run.reminders[0]?.to; // ['payments-team@example.com']
 * ```
 */
export function describeHourlyRun(facts: {
  readonly at: Date;
  readonly before: readonly Ticket[];
  readonly summary?: HourlySummary | undefined;
  readonly messages: readonly OutboxMessage[];
  readonly failures: readonly FailureRecord[];
  readonly metrics: readonly MetricPoint[];
  readonly sla: SlaConfig;
  readonly error?: string | undefined;
}): HourlyRun {
  const { at, sla } = facts;
  const emails = facts.messages.filter((m) => m.channel === 'email');
  const failedIds = new Set(facts.failures.flatMap((f) => (f.findingId === undefined ? [] : [f.findingId])));
  const reminders: SentReminder[] = [];
  const skipped: SkippedReminder[] = [];
  for (const ticket of facts.before) {
    const ticketId = ticket.ticketId ?? ticket.findingId;
    const due = ticket.dueAt ?? dueAt(ticket.openedAt, ticket.severityLabel, sla);
    const common = {
      ticketId,
      findingId: ticket.findingId,
      accountId: ticket.accountId,
      severity: ticket.severityLabel,
      ...(due === undefined ? {} : { dueAt: due }),
    };
    if (failedIds.has(ticket.findingId)) continue;
    // The reminder's email names its ticket: that is the message of this ticket.
    const email = emails.find((m) => m.subject.includes(ticketId) || m.text.includes(ticketId));
    const reminded = facts.summary?.reminders.reminded.find((r) => r.findingId === ticket.findingId);
    if (reminded !== undefined || (facts.summary === undefined && email !== undefined)) {
      reminders.push({
        ...common,
        to: email?.to ?? [],
        cc: email?.cc ?? [],
        escalated: reminded?.escalated ?? (email?.cc.length ?? 0) > 0,
      });
      continue;
    }
    if (due === undefined) skipped.push({ ...common, reason: 'never_due' });
    else if (!overdueStatus({ openedAt: ticket.openedAt, dueAt: due }, at).overdue)
      skipped.push({ ...common, reason: 'not_due' });
    else if (!reminderDue(ticket, at, sla) && ticket.reminderSentAt !== undefined)
      skipped.push({ ...common, reason: 'already_reminded', remindedAt: ticket.reminderSentAt });
    // Overdue, due for a reminder, and yet not reminded: a concurrent run claimed it. Locally there is none.
    else skipped.push({ ...common, reason: 'already_reminded' });
  }
  return {
    at: at.toISOString(),
    openTickets: facts.before.length,
    reminders,
    skipped,
    failed: facts.failures
      .filter((f) => f.step === 'overdue-reminder-email')
      .map((f) => ({ ...(f.findingId === undefined ? {} : { findingId: f.findingId }), cause: f.cause })),
    metrics: facts.metrics,
    metricLines: summarizeMetrics(facts.metrics),
    ...(facts.error === undefined ? {} : { error: facts.error }),
  };
}
