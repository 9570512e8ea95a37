import * as z from 'zod';

import { AwsTimestampSchema } from '../primitives';

/** Builds the schema, on its first use (see {@link ProcessDetailsSchema}). */
function processDetails() {
  const ProcessDetailsSchema = z.looseObject({
    Name: z.string().optional(),
    Path: z.string().optional(),
    Pid: z.int().optional(),
    ParentPid: z.int().optional(),
    LaunchedAt: AwsTimestampSchema.optional(),
    TerminatedAt: AwsTimestampSchema.optional(),
  });
  return ProcessDetailsSchema;
}

/**
 * The `Process` object of a finding: the operating system process involved.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_ProcessDetails.html | ProcessDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * ProcessDetailsSchema.parse({
 *   Name: 'xmrig',
 *   Path: '/tmp/.x/xmrig',
 *   Pid: 31337,
 *   ParentPid: 1,
 *   LaunchedAt: '2024-02-11T03:21:09.000Z',
 * });
 * ```
 */
export const ProcessDetailsSchema = z.lazy(processDetails);

/** A finding's `Process`; inferred from {@link ProcessDetailsSchema}. */
export type ProcessDetails = z.infer<typeof ProcessDetailsSchema>;
