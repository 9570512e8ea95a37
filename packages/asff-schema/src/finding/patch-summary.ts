import * as z from 'zod';

import { AwsTimestampSchema, NonBlankStringSchema } from '../primitives';

/** Builds the schema, on its first use (see {@link PatchSummarySchema}). */
function patchSummary() {
  const PatchSummarySchema = z.looseObject({
    Id: NonBlankStringSchema,
    InstalledCount: z.int().optional(),
    MissingCount: z.int().optional(),
    FailedCount: z.int().optional(),
    InstalledOtherCount: z.int().optional(),
    InstalledRejectedCount: z.int().optional(),
    InstalledPendingReboot: z.int().optional(),
    OperationStartTime: AwsTimestampSchema.optional(),
    OperationEndTime: AwsTimestampSchema.optional(),
    RebootOption: z.string().optional(),
    Operation: z.string().optional(),
  });
  return PatchSummarySchema;
}

/**
 * The `PatchSummary` object of a finding: the patch compliance of an instance, as AWS Systems
 * Manager Patch Manager reports it.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_PatchSummary.html | PatchSummary (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * PatchSummarySchema.parse({
 *   Id: 'pb-0c10e65780EXAMPLE',
 *   InstalledCount: 42,
 *   MissingCount: 3,
 *   FailedCount: 0,
 *   Operation: 'Scan',
 *   OperationStartTime: '2024-02-12T02:00:00.000Z',
 *   OperationEndTime: '2024-02-12T02:04:31.000Z',
 *   RebootOption: 'NoReboot',
 * });
 * ```
 */
export const PatchSummarySchema = z.lazy(patchSummary);

/** A finding's `PatchSummary`; inferred from {@link PatchSummarySchema}. */
export type PatchSummary = z.infer<typeof PatchSummarySchema>;
