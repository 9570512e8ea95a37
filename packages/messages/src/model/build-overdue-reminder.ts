import { parseArn, SeverityLabelSchema } from '@soar/asff-schema';
import * as z from 'zod';
import { parseOrThrow } from '../errors';
import { accountFacts, fact, timeFact } from './finding-parts';
import { formatDuration } from './format';
import type { AccountRef, OverdueReminderMessage } from './message';

const optionalText = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/**
 * An open team ticket that is past its deadline, as the ticket store and the SLA check describe it.
 * The reminder is built from this record alone: no finding is needed.
 *
 * @example
 * ```json
 * {
 *   "ticketId": "PAY-123",
 *   "findingId": "arn:aws:securityhub:eu-west-1:111122223333:security-control/EC2.2/finding/0f4c...",
 *   "accountId": "111122223333",
 *   "accountName": "payments-prod",
 *   "region": "eu-west-1",
 *   "controlId": "EC2.2",
 *   "title": "VPC default security groups should not allow inbound or outbound traffic",
 *   "severity": "HIGH",
 *   "openedAt": "2026-11-18T09:00:00.000Z",
 *   "ageSeconds": 176400,
 *   "overdueBySeconds": 147600,
 *   "environment": "production",
 *   "team": "payments",
 *   "escalate": true
 * }
 * ```
 */
export const OverdueTicketInputSchema = z.lazy(() =>
  z.object({
    ticketId: z.string().trim().min(1),
    /** The finding the ticket is for; its ARN also gives the region when `region` is absent. */
    findingId: z.string().trim().min(1),
    accountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    accountName: optionalText(),
    region: optionalText(),
    controlId: optionalText(),
    /** Display only: a blank title becomes `Untitled finding` rather than blocking the reminder. */
    title: z
      .string()
      .trim()
      .transform((value) => (value === '' ? 'Untitled finding' : value)),
    severity: SeverityLabelSchema,
    /** When the ticket was opened (ISO 8601). */
    openedAt: z.string().trim().min(1),
    /** How long the ticket has been open. */
    ageSeconds: z.number().nonnegative(),
    /** How far past its deadline the ticket is. */
    overdueBySeconds: z.number().nonnegative(),
    environment: optionalText(),
    team: optionalText(),
    organizationalUnit: optionalText(),
    /** True when the reminder also goes to the escalation contacts (severity in the escalation list). */
    escalate: z.boolean().default(false),
  }),
);

/** An overdue ticket record as a caller writes it (`escalate` may be left out). */
export type OverdueTicketInput = z.input<typeof OverdueTicketInputSchema>;

function accountOf(record: z.infer<typeof OverdueTicketInputSchema>): AccountRef {
  return {
    id: record.accountId,
    ...(record.accountName === undefined ? {} : { name: record.accountName }),
    ...(record.organizationalUnit === undefined ? {} : { organizationalUnit: record.organizationalUnit }),
    ...(record.environment === undefined ? {} : { environment: record.environment }),
    ...(record.team === undefined ? {} : { team: record.team }),
  };
}

/**
 * The reminder for an open team ticket past its deadline: how old it is, how late, and who else is
 * told (escalation).
 *
 * @throws {MessageValidationError} naming each invalid field of the record
 *
 * @example
 * ```ts
 * const message = overdueReminderMessage({
 *   ticketId: 'PAY-123', findingId, accountId: '111122223333', title: 'S3 buckets should block public access',
 *   severity: 'HIGH', openedAt: '2026-11-18T09:00:00Z', ageSeconds: 176_400, overdueBySeconds: 147_600,
 * });
 * ```
 */
export function overdueReminderMessage(input: OverdueTicketInput): OverdueReminderMessage {
  const record = parseOrThrow(OverdueTicketInputSchema, input, 'Invalid overdue ticket record', {
    ...(typeof input.ticketId === 'string' ? { ticketId: input.ticketId } : {}),
    ...(typeof input.findingId === 'string' ? { findingId: input.findingId } : {}),
  });
  const arnRegion = parseArn(record.findingId)?.region;
  const region = record.region ?? (arnRegion === '' ? undefined : arnRegion);
  const account = accountOf(record);
  return {
    kind: 'overdue_reminder',
    severity: record.severity,
    title: record.title,
    description: '',
    account,
    ...(region === undefined ? {} : { region }),
    findingId: record.findingId,
    ...(record.controlId === undefined ? {} : { controlId: record.controlId }),
    resources: [],
    resourceCount: 0,
    facts: [
      ...fact('Severity', record.severity),
      ...fact('Control', record.controlId),
      ...accountFacts(account),
      ...fact('Region', region),
      ...timeFact('Opened', record.openedAt),
      ...fact('Open for', formatDuration(record.ageSeconds)),
      ...fact('Overdue by', formatDuration(record.overdueBySeconds)),
      ...fact('Ticket', record.ticketId, true),
      ...fact('Finding ID', record.findingId, true),
    ],
    ticketId: record.ticketId,
    openedAt: record.openedAt,
    ageSeconds: record.ageSeconds,
    overdueBySeconds: record.overdueBySeconds,
    escalate: record.escalate,
  };
}
