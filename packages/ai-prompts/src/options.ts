import * as z from 'zod';

import { AiPromptInputError } from './errors';

/** The infrastructure-as-code language prevention snippets are written in; `none` asks for no code. */
export const IAC_FLAVOURS = ['cloudformation', 'cdk', 'terraform', 'none'] as const;
/** See {@link IAC_FLAVOURS}. */
export type IacFlavour = (typeof IAC_FLAVOURS)[number];

/**
 * The IAM role names SOAR acts through in member accounts: Control Tower's execution role (the
 * default), the role Organizations creates in new accounts, and SOAR's own least-privilege member role.
 */
export const DEFAULT_AUTOMATION_ROLE_PATTERNS: readonly string[] = [
  'AWSControlTowerExecution',
  'OrganizationAccountAccessRole',
  'SOAR-Member',
];

const flag = () => z.boolean().default(false);
const chars = (fallback: number) => z.int().min(0).max(1_000_000).default(fallback);

/**
 * Options of the prompt renderers. Every field has a default, so `{}` is valid; unknown fields are
 * errors, so a typo never falls back to a default silently.
 *
 * @example
 * ```yaml
 * iacFlavour: terraform
 * anonymise: { accountIds: true, arns: true }
 * automationRolePatterns: [AWSControlTowerExecution, SOAR-*]
 * maxPromptChars: 24000
 * ```
 */
export const AiPromptOptionsSchema = z.lazy(() =>
  z
    .strictObject({
      /** The language of prevention snippets. Default `cloudformation` (YAML). */
      iacFlavour: z.enum(IAC_FLAVOURS).default('cloudformation'),
      /**
       * What is replaced by placeholders before the prompt leaves SOAR, and put back in the answer by
       * `restoreAnonymised`. All off by default.
       */
      anonymise: z
        .strictObject({
          /** 12-digit AWS account ids. */
          accountIds: flag(),
          /** ARNs (a whole ARN becomes one placeholder). */
          arns: flag(),
          /** Email addresses. */
          emails: flag(),
          /** UUIDs and hexadecimal ids of 8 or more digits (`sg-0a1b2c3d…` keeps its `sg-`). */
          hexIds: flag(),
        })
        .prefault({}),
      /**
       * IAM role names (a `*` matches any run of role-name characters) of SOAR's own automation. The
       * model is told that their activity is expected, and gives no code snippets when one acts in
       * the finding. Default: Control Tower's execution role, Organizations' account access role and
       * SOAR's member role.
       */
      automationRolePatterns: z
        .array(
          z
            .string()
            .trim()
            .regex(/^[\w+=,.@*-]{1,64}$/, 'must be an IAM role name, with * as the only wildcard'),
        )
        .max(20)
        .default([...DEFAULT_AUTOMATION_ROLE_PATTERNS]),
      /** The longest prompt, system and user text together, in characters. Default 24,000. */
      maxPromptChars: z.int().min(8_000).max(1_000_000).default(24_000),
      /**
       * The longest each part of a finding prompt may be before the whole is fitted into
       * `maxPromptChars` (the least useful parts are cut first).
       */
      budgets: z
        .strictObject({
          /** Title, description, types, account, severity, actions and outcome. Default 6,000. */
          finding: chars(6_000),
          /** The enriched context of an alarm incident. Default 8,000. */
          enrichedContext: chars(8_000),
          /** The redacted resource details. Default 6,000. */
          resourceDetails: chars(6_000),
          /** Product fields and the finding's other details. Default 3,000. */
          productFields: chars(3_000),
        })
        .prefault({}),
    })
    .prefault({}),
);

/** Prompt options, defaults applied; inferred from {@link AiPromptOptionsSchema}. */
export type AiPromptOptions = z.infer<typeof AiPromptOptionsSchema>;
/** Prompt options as written by a caller; every field optional. */
export type AiPromptOptionsInput = z.input<typeof AiPromptOptionsSchema>;

/** The path and message of the first zod issue. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return {
    field: issue === undefined ? '' : issue.path.map(String).join('.'),
    message: issue?.message ?? 'is invalid',
  };
}

/**
 * Parses prompt options, applying defaults.
 *
 * @throws {AiPromptInputError} naming the first bad field, e.g. `anonymise.arns`.
 *
 * @example
 * ```ts
 * parseAiPromptOptions({ iacFlavour: 'cdk' }).maxPromptChars; // 24000
 * ```
 */
export function parseAiPromptOptions(input: unknown = {}): AiPromptOptions {
  const parsed = AiPromptOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error);
  throw new AiPromptInputError('AI prompt options', field, message, { cause: parsed.error });
}
