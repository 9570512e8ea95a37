import * as z from 'zod';
import { TicketInputError } from '../errors';
import { SlaConfigSchema } from '../sla';

/**
 * Settings of the ticket store. Every field but `tableName` has a default.
 *
 * @example
 * ```ts
 * const config = TicketStoreConfigSchema.parse({ tableName: 'soar-tickets', closedRetentionDays: 90 });
 * ```
 */
export const TicketStoreConfigSchema = z.lazy(() =>
  z.object({
    /** Physical name of the tickets table (not fixed, so several stacks can share an account and region). */
    tableName: z.string().min(3).max(255),
    /** Service levels: fix each ticket's `due_at` when it is claimed. */
    sla: SlaConfigSchema.prefault({}),
    /** Closed rows get a TTL this many days after closing (the original `ClosedTicketExpirationInDays`). */
    closedRetentionDays: z.int().min(1).default(365),
    /** Partitions of the overdue index. May only grow once rows exist. */
    openShards: z.int().min(1).max(256).default(8),
    /** How long a claim holds a finding before another execution may take over. */
    claimSeconds: z.int().min(1).max(86_400).default(300),
    /** Items per query page (`Limit`); by default DynamoDB's 1 MB pages. */
    pageSize: z.int().min(1).max(10_000).optional(),
    /** Earlier tickets kept per finding; the oldest are dropped beyond this (400 KB item limit). */
    maxHistory: z.int().min(1).max(1000).default(50),
    /** Read-and-write rounds a store write (claim, confirm, abandon, close, reminder) tries when other writers keep changing the row. */
    maxClaimAttempts: z.int().min(1).max(20).default(5),
  }),
);
export type TicketStoreConfig = z.infer<typeof TicketStoreConfigSchema>;
export type TicketStoreConfigInput = z.input<typeof TicketStoreConfigSchema>;

/**
 * Validates the ticket store's settings and fills the defaults.
 *
 * @throws {TicketInputError} naming the first invalid option
 */
export function parseTicketStoreConfig(config: TicketStoreConfigInput): TicketStoreConfig {
  const parsed = TicketStoreConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '(options)';
  throw new TicketInputError(`Invalid ticket store option ${field}: ${issue?.message ?? 'invalid'}`, {
    field,
    cause: parsed.error,
  });
}
