import { type AwsSecurityFinding, NORMALIZED_SEVERITY_BY_LABEL } from '@soar/asff-schema';
import type { EnvironmentNames } from './config';

/** Penalty weight of each environment class. Unknown or missing environments weigh like dev. */
export const ENVIRONMENT_FACTORS = { dev: 1, staging: 2, prod: 10, other: 1 } as const;
export type EnvironmentClass = keyof typeof ENVIRONMENT_FACTORS;

/**
 * Classifies an environment name (an account's `soar:environment` tag), ignoring case and
 * surrounding spaces.
 *
 * @example
 * ```ts
 * environmentClass(' Production ', names); // 'prod'
 * environmentClass('Unspecified', names);  // 'other'
 * ```
 */
export function environmentClass(environment: string | undefined, names: EnvironmentNames): EnvironmentClass {
  const name = (environment ?? '').trim().toUpperCase();
  if (name === '') return 'other';
  if (names.prod.includes(name)) return 'prod';
  if (names.staging.includes(name)) return 'staging';
  if (names.dev.includes(name)) return 'dev';
  return 'other';
}

/**
 * The normalized (0-100) severity of a finding: `Severity.Normalized` when present, else the value
 * Security Hub uses for its label, else 0. The original failed on findings without `Normalized`.
 */
export function normalizedSeverity(severity: AwsSecurityFinding['Severity']): number {
  if (typeof severity.Normalized === 'number' && Number.isFinite(severity.Normalized)) {
    return Math.min(100, Math.max(0, severity.Normalized));
  }
  return severity.Label === undefined ? 0 : NORMALIZED_SEVERITY_BY_LABEL[severity.Label];
}

/**
 * The risk weight of a finding in its account, as the original SOAR computed it:
 * `((normalized severity + 60) / 100)² × environment factor` (dev 1, staging 2, prod 10, other 1).
 * A MEDIUM finding in production weighs 10; the weekly report reads an average above 5 as
 * "mostly production" and up to 2.5 as "mostly dev/test".
 *
 * @example
 * ```ts
 * penaltyScore({ Label: 'HIGH', Normalized: 70 }, 'prod', names); // ≈ 16.9
 * penaltyScore({ Label: 'MEDIUM' }, 'dev', names);                  // 1
 * ```
 */
export function penaltyScore(
  severity: AwsSecurityFinding['Severity'],
  environment: string | undefined,
  names: EnvironmentNames,
): number {
  const severityFactor = ((normalizedSeverity(severity) + 60) / 100) ** 2;
  return severityFactor * ENVIRONMENT_FACTORS[environmentClass(environment, names)];
}
