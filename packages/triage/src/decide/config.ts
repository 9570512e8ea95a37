import * as z from 'zod';
import { TrustedProductsSchema } from './provenance';

/** Default environment names of each penalty class: those of the original SOAR. */
export const DEFAULT_ENVIRONMENT_NAMES = {
  dev: ['DEV', 'DEVELOPMENT', 'DEVINT', 'DI'],
  staging: [
    'STAGING',
    'STG',
    'PREPROD',
    'PP',
    'TEST',
    'TESTING',
    'QA',
    'UAT',
    'SIT',
    'SYSTEMTEST',
    'INTEGRATION',
  ],
  prod: ['PROD', 'PRD', 'PRODUCTION', 'LIVE'],
} as const;

const names = (defaults: readonly string[]) =>
  z
    .array(z.string().trim().min(1))
    .default([...defaults])
    .transform((list) => list.map((name) => name.toUpperCase()));

/**
 * Environment names by penalty class, compared case-insensitively with the account's
 * `soar:environment` tag.
 */
export const EnvironmentNamesSchema = z.lazy(() =>
  z.strictObject({
    dev: names(DEFAULT_ENVIRONMENT_NAMES.dev),
    staging: names(DEFAULT_ENVIRONMENT_NAMES.staging),
    prod: names(DEFAULT_ENVIRONMENT_NAMES.prod),
  }),
);
export type EnvironmentNames = z.infer<typeof EnvironmentNamesSchema>;

/**
 * What to do with a failed-control finding when a gate says "not now" for a reason that passes
 * by itself (the account is new; the hourly sync has not seen the control yet).
 * - `defer`: leave the finding alone; the next import of the finding evaluates it again.
 * - `suppress`: suppress it, as the original SOAR did. SUPPRESSED is sticky in Security Hub, so a
 *   real problem found early would never be ticketed.
 */
export const TransientGateActionSchema = z.enum(['defer', 'suppress']);
export type TransientGateAction = z.infer<typeof TransientGateActionSchema>;

/**
 * The switches that steer {@link decide}. Every field has a default; `DecideConfigSchema.parse({})`
 * is the out-of-the-box behaviour.
 *
 * @example
 * ```ts
 * const config = DecideConfigSchema.parse({ deferAutoRemediations: true, environments: { prod: ['PROD', 'LIVE'] } });
 * ```
 */
export const DecideConfigSchema = z.lazy(() =>
  z.strictObject({
    /** Master switch: when false every finding is left alone. */
    soarEnabled: z.boolean().default(true),
    /** Leave non-control findings (incidents) alone. */
    deferIncidents: z.boolean().default(false),
    /** Ticket nothing: findings that would get a team ticket are left alone. */
    deferTeamFixes: z.boolean().default(false),
    /** Remediate nothing: findings that would be remediated are left alone. */
    deferAutoRemediations: z.boolean().default(false),
    /** Failed control in an account younger than the minimum age. */
    newAccount: TransientGateActionSchema.default('defer'),
    /** Failed control that the enabled-controls table does not list for the account. */
    controlNotEnabled: TransientGateActionSchema.default('defer'),
    /**
     * Products (`<company>/<product>`, `*` wildcards) whose findings are handled as incidents besides
     * Security Hub's own control findings; findings of any other product are left alone and recorded.
     */
    trustedProducts: TrustedProductsSchema,
    /** Environment names by penalty class; each class left out takes its defaults. */
    environments: EnvironmentNamesSchema.prefault({}),
  }),
);
export type DecideConfig = z.infer<typeof DecideConfigSchema>;
export type DecideConfigInput = z.input<typeof DecideConfigSchema>;
