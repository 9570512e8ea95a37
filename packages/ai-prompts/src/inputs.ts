import { isRecord } from '@soar/common';
import type { Scratchpad } from '@soar/scratchpad';
import * as z from 'zod';

import { AiPromptInputError } from './errors';
import { firstIssue } from './options';

/**
 * The workflow state a step holds, its finding already checked (in full by intake, which the steps
 * after it rely on). The prompt renders it leniently and redacts it, so only its shape is checked
 * here: checking the whole finding again would make every function that may write an AI section
 * carry, and build, the ASFF schema.
 */
const ScratchpadShapeSchema = z.custom<Scratchpad>((value) => isRecord(value) && isRecord(value['finding']), {
  message: 'must be a workflow scratchpad with its finding',
});

/**
 * What a finding prompt is made of: the workflow state (finding, account, actions taken), and what
 * the state does not carry: the ticket id, the remediation outcome in words, and the enriched context
 * as `@soar/enrichment` rendered it.
 *
 * @example
 * ```ts
 * { scratchpad: pad, ticketId: 'SEC-42', enrichedContext: renderEnrichedContext(context) }
 * ```
 */
export const FindingPromptInputSchema = z.lazy(() =>
  z.strictObject({
    scratchpad: ScratchpadShapeSchema,
    /** The team's ticket, when one was opened or closed. */
    ticketId: z.string().trim().min(1).max(256).optional(),
    /** What the remediation did or why it did not apply, in words. */
    outcome: z.string().max(100_000).optional(),
    /** The alarm's context, already rendered as text. */
    enrichedContext: z.string().max(1_000_000).optional(),
  }),
);
/** See {@link FindingPromptInputSchema}. */
export type FindingPromptInput = z.input<typeof FindingPromptInputSchema>;
type FindingPromptData = z.output<typeof FindingPromptInputSchema>;

/** A table id: also its placeholder's name, so plain. */
const TABLE_ID = /^[a-z][a-z0-9_]{0,63}$/;

/** The placeholder the model writes where SOAR puts a table: `[[TABLE open_tickets]]`. */
export function tablePlaceholder(id: string): string {
  return `[[TABLE ${id}]]`;
}

/**
 * What a weekly report section's prompt is made of: the figures SOAR computed, as JSON, and the
 * tables SOAR renders itself, as CSV (fewer tokens than JSON). The model may cite only these figures
 * and places each table by its placeholder ({@link tablePlaceholder}).
 *
 * @example
 * ```ts
 * {
 *   data: { this_week: { open_tickets: 12 }, last_week: { open_tickets: 9 } },
 *   tables: [{ id: 'open_tickets', title: 'Open tickets by severity', csv: 'Severity,This week\nHIGH,3' }],
 * }
 * ```
 */
export const WeeklyPromptInputSchema = z.lazy(() =>
  z
    .strictObject({
      data: z.record(z.string(), z.json()),
      tables: z
        .array(
          z.strictObject({
            id: z.string().regex(TABLE_ID, 'must be lower-case letters, digits and _'),
            title: z.string().trim().min(1).max(200),
            csv: z.string().max(1_000_000),
          }),
        )
        .max(20)
        .default([]),
    })
    .superRefine((input, ctx) => {
      const seen = new Set<string>();
      input.tables.forEach((table, index) => {
        if (seen.has(table.id))
          ctx.addIssue({
            code: 'custom',
            message: 'is used by another table',
            path: ['tables', index, 'id'],
          });
        seen.add(table.id);
      });
    }),
);
/** See {@link WeeklyPromptInputSchema}. */
export type WeeklyPromptInput = z.input<typeof WeeklyPromptInputSchema>;
type WeeklyPromptData = z.output<typeof WeeklyPromptInputSchema>;

function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error);
  throw new AiPromptInputError(what, field, message, { cause: parsed.error });
}

/** @throws {AiPromptInputError} naming the first bad field */
export function parseFindingPromptInput(input: unknown): FindingPromptData {
  return parseWith(FindingPromptInputSchema, input, 'finding prompt input');
}

/** @throws {AiPromptInputError} naming the first bad field */
export function parseWeeklyPromptInput(input: unknown): WeeklyPromptData {
  return parseWith(WeeklyPromptInputSchema, input, 'weekly prompt input');
}

/** @throws {AiPromptInputError} naming `kind` */
export function parseKind<K extends string>(kinds: readonly K[], kind: unknown): K {
  if (typeof kind === 'string' && (kinds as readonly string[]).includes(kind)) return kind as K;
  throw new AiPromptInputError('prompt kind', 'kind', `must be one of ${kinds.join(', ')}`);
}
