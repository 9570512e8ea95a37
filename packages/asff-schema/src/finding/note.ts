import * as z from 'zod';

import { ASFF_LIMITS, maxLength } from '../limits';
import { AwsTimestampSchema, NonBlankStringSchema } from '../primitives';

/**
 * The `Note` a user or an automation added to a finding.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Note.html | Note (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * NoteSchema.parse({
 *   Text: 'Ticket SEC-1234 opened for the account owner',
 *   UpdatedBy: 'soar',
 *   UpdatedAt: '2024-03-01T10:15:00.000Z',
 * });
 * ```
 */
export const NoteSchema = z.looseObject({
  Text: maxLength(NonBlankStringSchema, ASFF_LIMITS.noteTextLength),
  UpdatedBy: NonBlankStringSchema,
  UpdatedAt: AwsTimestampSchema,
});

/** A finding's `Note`; inferred from {@link NoteSchema}. */
export type Note = z.infer<typeof NoteSchema>;
