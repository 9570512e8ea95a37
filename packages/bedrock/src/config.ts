import * as z from 'zod';

import { BedrockConfigError } from './errors';

/**
 * The model SOAR asks when none is configured: Anthropic Claude Sonnet 4.6 through Bedrock's
 * global cross-Region inference profile. A global profile can be called from any commercial region
 * SOAR is deployed in (a `eu.` or `us.` profile only from its own geography), spreads load over
 * every commercial region (fewer throttles) and costs less per token than a geographic one. An
 * organisation that must keep prompts in one geography sets a geographic profile (`eu.`, `us.`,
 * `apac.`, `jp.`, `au.`) instead; the README says how.
 */
export const DEFAULT_MODEL_ID = 'global.anthropic.claude-sonnet-4-6';

/**
 * A Bedrock model id or system inference profile id: dot-separated lower-case names with an optional
 * `:version` suffix (`anthropic.claude-haiku-4-5-20251001-v1:0`, `eu.anthropic.claude-sonnet-4-6`).
 * ARNs are refused: the IAM policy is derived from the id, and an ARN would hide what it routes to.
 */
const MODEL_ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+(:[a-z0-9]+)*$/;

/** A region name such as `eu-west-1` or `us-gov-west-1`. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * How SOAR calls Amazon Bedrock. Every field has a default, so `{}` is valid; unknown fields are
 * errors, so a misspelt key never falls back to a default silently.
 *
 * @example
 * ```json
 * { "modelId": "eu.anthropic.claude-sonnet-4-6", "region": "eu-west-1", "timeoutMs": 90000 }
 * ```
 *
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
export const BedrockConfigSchema = z.lazy(() =>
  z
    .strictObject({
      /** Model id or inference profile id. Default {@link DEFAULT_MODEL_ID}. */
      modelId: z
        .string()
        .trim()
        .max(200)
        .regex(
          MODEL_ID,
          'must be a Bedrock model id or inference profile id, such as eu.anthropic.claude-sonnet-4-6 (not an ARN)',
        )
        .default(DEFAULT_MODEL_ID),
      /** Region of the Bedrock endpoint (the inference profile's source region). Default: the function's. */
      region: z.string().trim().regex(REGION, 'must be a region name such as eu-west-1').optional(),
      /** Time allowed for one attempt, in milliseconds. Default 60 s: a long answer takes tens of seconds. */
      timeoutMs: z.int().min(1_000).max(900_000).default(60_000),
      /** Attempts in total when Bedrock throttles or is briefly unavailable (1 = no retry). Default 3. */
      maxAttempts: z.int().min(1).max(10).default(3),
      /** Longest answer, in tokens. Default 4,096: a full analysis with snippets fits. */
      maxTokens: z.int().min(1).max(128_000).default(4_096),
      /** Sampling temperature, 0 to 1. Default 0.3: factual and steady, not creative. */
      temperature: z.number().min(0).max(1).default(0.3),
    })
    .prefault({}),
);

/** The Bedrock configuration, defaults applied; inferred from {@link BedrockConfigSchema}. */
export type BedrockConfig = z.infer<typeof BedrockConfigSchema>;
/** The Bedrock configuration as written; every field optional. */
export type BedrockConfigInput = z.input<typeof BedrockConfigSchema>;

/**
 * Parses the Bedrock configuration, trimming strings and applying defaults.
 *
 * @param source - where the configuration came from, for the error message (`soar.config.json at ai.bedrock`).
 * @throws {BedrockConfigError} naming the first bad field and the source.
 *
 * @example
 * ```ts
 * const config = parseBedrockConfig({ region: 'eu-west-1' }, 'soar.config.json at ai.bedrock');
 * config.modelId; // 'global.anthropic.claude-sonnet-4-6'
 * ```
 */
export function parseBedrockConfig(input: unknown, source: string): BedrockConfig {
  const parsed = BedrockConfigSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = [...(issue?.path ?? []), ...(unknownKey === undefined ? [] : [unknownKey])];
  const problem = unknownKey === undefined ? (issue?.message ?? 'is invalid') : 'is not a known setting';
  throw new BedrockConfigError(source, path.map(String).join('.'), problem, { cause: parsed.error });
}
