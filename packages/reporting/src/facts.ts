/**
 * The facts the weekly report is computed from: one row per account, ticket, remediation outcome
 * and incident, read leniently. The rows come from tables written over many releases (and by the
 * original, whose report crashed when two accounts' ticket rows had different columns), so:
 *
 * - every column but the identifying ones is optional, and `null` or an empty text counts as absent;
 * - columns we do not know are ignored;
 * - numbers stored as text (`penalty_score` was a string) are read as numbers, severities in any
 *   case, timestamps in any ISO 8601 form (normalised to UTC `…Z`);
 * - a row that still cannot be read is counted and named in the report, never thrown.
 *
 * Free text (titles) goes through `redact` as it is read, since the report leaves SOAR by email.
 */
import type { SeverityLabel } from '@soar/asff-schema';
import { redact } from '@soar/redaction';
import * as z from 'zod';

/** The severities, most severe first (the order of every table and chart). */
export const SEVERITIES: readonly SeverityLabel[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

const absent = (value: unknown): unknown => (value === null || value === '' ? undefined : value);

/** An identifying text: required, trimmed, not empty. */
const id = () => z.string().trim().min(1);

/** An optional text: `null`, empty and blank are absent. */
const text = () =>
  z.preprocess(absent, z.string().optional()).transform((value) => {
    const trimmed = value?.trim();
    return trimmed === '' ? undefined : trimmed;
  });

/** Free text from findings: optional, redacted. */
const freeText = () => text().transform((value) => (value === undefined ? undefined : redact(value).value));

/** A timestamp in any ISO 8601 form with a date (or a `Date`), normalised to UTC `…Z`. */
const timestamp = () =>
  z
    .union([z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO 8601 timestamp'), z.date()])
    .transform((value, context) => {
      const time = typeof value === 'string' ? Date.parse(value) : value.getTime();
      if (Number.isNaN(time)) {
        context.addIssue({ code: 'custom', message: 'not a valid date' });
        return z.NEVER;
      }
      return new Date(time).toISOString();
    });

const optionalTimestamp = () => z.preprocess(absent, timestamp().optional());

const severity = () =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
    z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']),
  );

const number = () =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : absent(value)),
    z.number().finite().optional(),
  );

const flag = () =>
  z.preprocess(
    (value) => (value === 'true' ? true : value === 'false' ? false : absent(value)),
    z.boolean().optional(),
  );

/**
 * An account of the organization, as the account cache knows it.
 *
 * @example
 * ```ts
 * AccountFactSchema.parse({ id: '111122223333', name: 'payments-prod', environment: 'PROD', team: 'Payments' });
 * ```
 */
export const AccountFactSchema = z.lazy(() =>
  z.object({
    id: id(),
    name: text(),
    environment: text(),
    ou: text(),
    team: text(),
    teamEmail: text(),
    isManagementAccount: flag(),
  }),
);
/** An account of the organization. */
export type AccountFact = z.infer<typeof AccountFactSchema>;

/**
 * A ticket of the tickets table (`@soar/tickets`' ticket row): `TEAM_FIX` for a failed control the
 * team must fix, `INCIDENT` for an incident's ticket (rows without a kind are team fixes).
 *
 * @example
 * ```ts
 * TicketFactSchema.parse({
 *   findingId: 'arn:aws:securityhub:…/finding/1', ticketId: 'SOAR-12', accountId: '111122223333',
 *   severity: 'HIGH', controlId: 'S3.8', openedAt: '2026-06-01T09:00:00Z', dueAt: '2026-06-08T09:00:00Z',
 * });
 * ```
 */
export const TicketFactSchema = z.lazy(() =>
  z.object({
    findingId: id(),
    ticketId: text(),
    accountId: id(),
    severity: severity(),
    controlId: text(),
    title: freeText(),
    openedAt: timestamp(),
    closedAt: optionalTimestamp(),
    dueAt: optionalTimestamp(),
    kind: z.preprocess(absent, z.enum(['TEAM_FIX', 'INCIDENT']).default('TEAM_FIX')),
    penaltyScore: number(),
  }),
);
/** A ticket, open or closed. */
export type TicketFact = z.infer<typeof TicketFactSchema>;

/**
 * One outcome of an auto-remediation (the remediation history's record); `remediated` is a fix,
 * the other outcomes (`not_done`, `resource_gone`, …) are attempts that fixed nothing.
 *
 * @example
 * ```ts
 * RemediationFactSchema.parse({ accountId: '111122223333', controlId: 'S3.8', severity: 'HIGH', at: '2026-06-02T10:00:00Z', outcome: 'remediated' });
 * ```
 */
export const RemediationFactSchema = z.lazy(() =>
  z.object({
    accountId: id(),
    controlId: text(),
    severity: severity(),
    at: timestamp(),
    outcome: id(),
  }),
);
/** One outcome of an auto-remediation. */
export type RemediationFact = z.infer<typeof RemediationFactSchema>;

/**
 * An incident of the incident history; `soarFailure` marks SOAR's own alarms in the management
 * account (the adapter decides it).
 *
 * @example
 * ```ts
 * IncidentFactSchema.parse({ accountId: '111122223333', severity: 'HIGH', title: 'EC2 instance queries a known C&C server', incidentType: 'TTPs/Command and Control', at: '2026-06-03T11:00:00Z' });
 * ```
 */
export const IncidentFactSchema = z.lazy(() =>
  z.object({
    accountId: id(),
    severity: severity(),
    title: freeText(),
    incidentType: text(),
    at: timestamp(),
    ticketId: text(),
    soarFailure: flag(),
  }),
);
/** An incident. */
export type IncidentFact = z.infer<typeof IncidentFactSchema>;

/** Every fact of one report, read. */
export interface ReportFacts {
  readonly accounts: readonly AccountFact[];
  readonly tickets: readonly TicketFact[];
  readonly remediations: readonly RemediationFact[];
  readonly incidents: readonly IncidentFact[];
}

/** Every fact of one report, as the sources gave them (rows of any shape). */
export interface RawFacts {
  readonly accounts: readonly unknown[];
  readonly tickets: readonly unknown[];
  readonly remediations: readonly unknown[];
  readonly incidents: readonly unknown[];
}

/** Which source a row came from. */
export type FactSource = keyof RawFacts;

/** A row that could not be read: not counted anywhere, and named in the report. */
export interface UnreadableRow {
  readonly source: FactSource;
  /** Its position in what the source returned. */
  readonly index: number;
  /** The row's identifying value when it has one (finding id, account id). */
  readonly id?: string | undefined;
  /** The columns that are missing or wrong, `(row)` for a row that is not an object. */
  readonly fields: readonly string[];
}

function identifying(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const record = row as Record<string, unknown>;
  for (const key of ['findingId', 'id', 'accountId']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function readRows<T>(
  source: FactSource,
  rows: readonly unknown[],
  schema: z.ZodType<T>,
  unreadable: UnreadableRow[],
): T[] {
  const read: T[] = [];
  rows.forEach((row, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      read.push(parsed.data);
      return;
    }
    const fields = [
      ...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(row)')),
    ];
    unreadable.push({ source, index, id: identifying(row), fields });
  });
  return read;
}

/**
 * Reads the rows the sources gave: the facts, and the rows that could not be read (with the
 * columns that are missing or wrong). Never throws on a row.
 *
 * @example
 * ```ts
 * const { facts, unreadable } = readFacts({ accounts, tickets, remediations, incidents });
 * unreadable; // [{ source: 'tickets', index: 3, id: 'arn:…', fields: ['openedAt'] }]
 * ```
 */
export function readFacts(raw: RawFacts): { facts: ReportFacts; unreadable: UnreadableRow[] } {
  const unreadable: UnreadableRow[] = [];
  const facts: ReportFacts = {
    accounts: readRows('accounts', raw.accounts, AccountFactSchema, unreadable),
    tickets: readRows('tickets', raw.tickets, TicketFactSchema, unreadable),
    remediations: readRows('remediations', raw.remediations, RemediationFactSchema, unreadable),
    incidents: readRows('incidents', raw.incidents, IncidentFactSchema, unreadable),
  };
  return { facts, unreadable };
}
