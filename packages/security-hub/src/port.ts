import type { AwsSecurityFinding } from '@soar/asff-schema';

import { InvalidFindingUpdateError } from './errors';
import type { FindingIdentifier, FindingUpdate } from './finding-update';

/** The account and region to import findings into. */
export interface ImportTarget {
  readonly accountId: string;
  readonly region: string;
}

/**
 * Checks an import target before any call, the same way in every adapter.
 *
 * @throws {InvalidFindingUpdateError} naming `target.accountId` or `target.region`
 */
export function assertImportTarget(target: ImportTarget): void {
  if (!/^\d{12}$/.test(target.accountId)) {
    throw new InvalidFindingUpdateError(
      'target.accountId',
      `"${target.accountId}" is not a 12-digit account id`,
    );
  }
  if (target.region.trim().length === 0) {
    throw new InvalidFindingUpdateError('target.region', 'the region is blank', undefined, target.accountId);
  }
}

/** What {@link SecurityHubPort.updateFindings} did. */
export interface UpdateFindingsResult {
  /** Every finding that was updated. */
  readonly updated: readonly FindingIdentifier[];
}

/** What {@link SecurityHubPort.importFindings} did. */
export interface ImportFindingsResult {
  /** `Id` of every finding that was imported. */
  readonly imported: readonly string[];
}

/**
 * The writes SOAR makes to Security Hub. Two adapters implement it: {@link createAwsSecurityHub}
 * (real Security Hub, across accounts) and {@link createLocalSecurityHub} (in memory, for local runs
 * and tests: moto has no Security Hub `BatchUpdateFindings`).
 *
 * Both resolve only when every finding was written, and otherwise reject with a typed error that names
 * the findings: {@link FindingUpdateError}, {@link FindingImportError},
 * {@link SecurityHubThrottlingError} or {@link SecurityHubRequestError}. Nothing is dropped silently.
 */
export interface SecurityHubPort {
  /**
   * Applies updates (workflow status, note, ticket fields, severity) to existing findings, each in its
   * own account and region.
   */
  updateFindings(updates: readonly FindingUpdate[]): Promise<UpdateFindingsResult>;
  /** Creates or updates findings in one account and region (`BatchImportFindings`). */
  importFindings(
    target: ImportTarget,
    findings: readonly AwsSecurityFinding[],
  ): Promise<ImportFindingsResult>;
}
