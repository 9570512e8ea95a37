import * as z from 'zod';
import { IncidentDomainSchema } from '../routing/routing-config';
import { TicketDestinationSchema } from '@soar/ticket-systems';
import { fromItem, type Item, type StoredValue } from './attribute-values';
import { TicketRowError } from '../errors';

/** Lifecycle of a ticket row: claimed while the external ticket is created, then open, then closed. */
export const TicketStatusSchema = z.enum(['OPENING', 'OPEN', 'CLOSED']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/**
 * What a ticket is for: a failed control the team must fix (reminded when overdue, closed when the
 * check passes), or an incident (a record: never overdue, reminded or closed by SOAR).
 */
export const TicketKindSchema = z.enum(['TEAM_FIX', 'INCIDENT']);
export type TicketKind = z.infer<typeof TicketKindSchema>;

const timestamp = z.iso.datetime({ offset: true });
const text = z.string();
// One instance each, reused by every field: every `.optional()` or `.min()` call builds a new schema.
const optionalText = text.optional();
const optionalTimestamp = timestamp.optional();
const nonEmpty = z.string().min(1);

/** An earlier ticket of the same finding, kept when the finding regresses and is ticketed again. */
export const TicketHistoryEntrySchema = z
  .object({
    ticket_id: nonEmpty,
    ticket_system: text,
    ticket_url: optionalText,
    opened_at: timestamp,
    closed_at: timestamp,
    close_reason: optionalText,
  })
  .transform((entry) => ({
    ticketId: entry.ticket_id,
    ticketSystem: entry.ticket_system,
    ticketUrl: entry.ticket_url,
    openedAt: entry.opened_at,
    closedAt: entry.closed_at,
    closeReason: entry.close_reason,
  }));

/** An earlier ticket of the same finding. */
export type TicketHistoryEntry = z.infer<typeof TicketHistoryEntrySchema>;

/**
 * The shape of a row of the tickets table (attribute names as stored), parsed into a
 * {@link Ticket}. See `table.ts` for the meaning of every attribute.
 */
export const TicketRowSchema = z
  .object({
    id: nonEmpty,
    status: TicketStatusSchema,
    // Rows written before incidents were ticketed have no kind: they are all team fixes.
    kind: TicketKindSchema.default('TEAM_FIX'),
    ticket_id: nonEmpty.optional(),
    ticket_system: optionalText,
    ticket_url: optionalText,
    account_id: nonEmpty,
    account_name: text,
    region: text,
    control_id: optionalText,
    title: text,
    severity_label: nonEmpty,
    penalty_score: z.number(),
    environment: text,
    team: text,
    project: text,
    destination: TicketDestinationSchema,
    domain: IncidentDomainSchema,
    opened_at: timestamp,
    due_at: optionalTimestamp,
    closed_at: optionalTimestamp,
    close_reason: optionalText,
    reminder_sent_at: optionalTimestamp,
    escalated: z.boolean().optional(),
    claim_token: optionalText,
    claim_expires_at: optionalTimestamp,
    last_error: optionalText,
    last_error_at: optionalTimestamp,
    failed_attempts: z.int().min(0).optional(),
    version: z.int().min(1),
    history: z.array(TicketHistoryEntrySchema).default([]),
    expires_at: z.int().optional(),
  })
  .superRefine((row, context) => {
    if (row.status !== 'OPENING' && row.ticket_id === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['ticket_id'],
        message: `required when status is ${row.status}`,
      });
    }
    if (row.status === 'CLOSED' && row.closed_at === undefined) {
      context.addIssue({ code: 'custom', path: ['closed_at'], message: 'required when status is CLOSED' });
    }
  })
  .transform((row) => ({
    findingId: row.id,
    status: row.status,
    kind: row.kind,
    ticketId: row.ticket_id,
    ticketSystem: row.ticket_system,
    ticketUrl: row.ticket_url,
    accountId: row.account_id,
    accountName: row.account_name,
    region: row.region,
    controlId: row.control_id,
    title: row.title,
    severityLabel: row.severity_label,
    penaltyScore: row.penalty_score,
    environment: row.environment,
    team: row.team,
    project: row.project,
    destination: row.destination,
    domain: row.domain,
    openedAt: row.opened_at,
    dueAt: row.due_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    reminderSentAt: row.reminder_sent_at,
    escalated: row.escalated,
    claimToken: row.claim_token,
    claimExpiresAt: row.claim_expires_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    failedAttempts: row.failed_attempts,
    version: row.version,
    history: row.history,
    expiresAt: row.expires_at,
  }));

/**
 * A finding's ticket as stored: its current ticket (or the claim to create one) plus the history of
 * its earlier tickets. Optional fields are `undefined` when absent.
 */
export type Ticket = z.infer<typeof TicketRowSchema>;

/**
 * Parses a raw DynamoDB item of the tickets table.
 *
 * @throws {TicketRowError} naming the finding id and every attribute that is missing or wrong
 *
 * @example
 * ```ts
 * const { Item } = await dynamodb.send(new GetItemCommand({ TableName, Key: { id: { S: findingId } } }));
 * const ticket = Item && parseTicketRow(Item);
 * ```
 */
export function parseTicketRow(item: Item): Ticket {
  const raw = fromItem(item);
  const parsed = TicketRowSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const findingId = typeof raw['id'] === 'string' && raw['id'] !== '' ? raw['id'] : undefined;
  const accountId = typeof raw['account_id'] === 'string' ? raw['account_id'] : undefined;
  const problems = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(row)',
    message: issue.message,
  }));
  const fields = [...new Set(problems.map((problem) => problem.field))];
  const details = problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
  throw new TicketRowError(`Ticket row ${findingId ?? '(without id)'} is corrupt: ${details}`, {
    fields,
    cause: parsed.error,
    context: {
      ...(findingId === undefined ? {} : { findingId }),
      ...(accountId === undefined ? {} : { accountId }),
    },
  });
}

/**
 * The stored attributes of a ticket (every attribute of {@link TicketRowSchema} but the key `id`),
 * the inverse of {@link parseTicketRow}: absent fields are `undefined`, so a writer can remove them.
 *
 * @example
 * ```ts
 * ticketAttributes(ticket).status; // 'OPEN'
 * ```
 */
export function ticketAttributes(ticket: Ticket): Record<string, StoredValue | undefined> {
  return {
    status: ticket.status,
    kind: ticket.kind,
    ticket_id: ticket.ticketId,
    ticket_system: ticket.ticketSystem,
    ticket_url: ticket.ticketUrl,
    account_id: ticket.accountId,
    account_name: ticket.accountName,
    region: ticket.region,
    control_id: ticket.controlId,
    title: ticket.title,
    severity_label: ticket.severityLabel,
    penalty_score: ticket.penaltyScore,
    environment: ticket.environment,
    team: ticket.team,
    project: ticket.project,
    destination: ticket.destination,
    domain: ticket.domain,
    opened_at: ticket.openedAt,
    due_at: ticket.dueAt,
    closed_at: ticket.closedAt,
    close_reason: ticket.closeReason,
    reminder_sent_at: ticket.reminderSentAt,
    escalated: ticket.escalated,
    claim_token: ticket.claimToken,
    claim_expires_at: ticket.claimExpiresAt,
    last_error: ticket.lastError,
    last_error_at: ticket.lastErrorAt,
    failed_attempts: ticket.failedAttempts,
    version: ticket.version,
    history: ticket.history.map((entry) => ({
      ticket_id: entry.ticketId,
      ticket_system: entry.ticketSystem,
      ticket_url: entry.ticketUrl,
      opened_at: entry.openedAt,
      closed_at: entry.closedAt,
      close_reason: entry.closeReason,
    })),
    expires_at: ticket.expiresAt,
  };
}
