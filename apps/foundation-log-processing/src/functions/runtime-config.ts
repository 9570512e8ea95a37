import * as z from 'zod';

import { LogProcessingInputError } from '../errors';

/** The environment variable holding the functions' configuration (JSON). */
export const RUNTIME_CONFIG_VARIABLE = 'LOG_PROCESSING_CONFIG';

/**
 * What the functions need to know, set by the stack in {@link RUNTIME_CONFIG_VARIABLE}: where the
 * logs are, where the archives go and how a run is shaped.
 */
export const RuntimeConfigSchema = z.lazy(() =>
  z.strictObject({
    orgId: z.string().regex(/^o-[a-z0-9]{10,32}$/, 'expected an organization id such as o-abcdef1234'),
    sourceBucket: z.string().min(3),
    archiveBucket: z.string().min(3),
    archivePrefix: z.string().min(1),
    partSizeBytes: z.number().int().positive(),
    deleteVersions: z.boolean(),
    catchUpDays: z.number().int().min(0),
    accountsPerBatch: z.number().int().positive(),
    maxRoundsPerDay: z.number().int().positive(),
    maxHistoricalDays: z.number().int().positive(),
    /** AggregateAccountDay starts no new archive once less than this remains of its invocation. */
    stopMarginSeconds: z.number().int().positive(),
  }),
);
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

/** Parses `value` with `schema`, throwing {@link LogProcessingInputError} naming the first bad field. */
export function parseInput<T>(what: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined ? '' : issue.path.map(String).join('.');
  const message =
    issue?.code === 'unrecognized_keys'
      ? `unknown key ${issue.keys.join(', ')}`
      : (issue?.message ?? 'invalid');
  throw new LogProcessingInputError(what, field, message);
}

/**
 * The functions' configuration from the environment.
 *
 * @throws {LogProcessingInputError} when the variable is missing, not JSON or invalid
 */
export function runtimeConfigFromEnv(env: NodeJS.ProcessEnv): RuntimeConfig {
  const text = env[RUNTIME_CONFIG_VARIABLE];
  if (text === undefined) throw new LogProcessingInputError(RUNTIME_CONFIG_VARIABLE, '', 'is not set');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LogProcessingInputError(RUNTIME_CONFIG_VARIABLE, '', 'is not JSON');
  }
  return parseInput(RUNTIME_CONFIG_VARIABLE, RuntimeConfigSchema, value);
}
