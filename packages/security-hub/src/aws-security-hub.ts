import type {
  AwsSecurityFinding as SdkAwsSecurityFinding,
  BatchUpdateFindingsCommandInput,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { AccessScope, AwsAccess } from '@soar/aws-access';

import { sdk } from './sdk';
import { batchUpdates, MAX_FINDINGS_PER_IMPORT } from './batches';
import {
  type FindingFailure,
  FindingImportError,
  FindingUpdateError,
  type SecurityHubCallContext,
  SecurityHubRequestError,
  SecurityHubThrottlingError,
} from './errors';
import type { FindingChanges, FindingIdentifier, FindingUpdate } from './finding-update';
import {
  assertImportTarget,
  type ImportFindingsResult,
  type ImportTarget,
  type SecurityHubPort,
  type UpdateFindingsResult,
} from './port';
import { type RetryOptions, type RetryPolicy, retryPolicy } from './retry';

/** Session used for `BatchUpdateFindings` in member accounts: role session `soar-update-findings`. */
export const UPDATE_FINDINGS_SCOPE: AccessScope = {
  purpose: 'update-findings',
  actions: ['securityhub:BatchUpdateFindings'],
};

/** Session used for `BatchImportFindings` in member accounts: role session `soar-import-findings`. */
export const IMPORT_FINDINGS_SCOPE: AccessScope = {
  purpose: 'import-findings',
  actions: ['securityhub:BatchImportFindings'],
};

/**
 * `ErrorCode`s of `UnprocessedFindings` / `FailedFindings` that are worth trying again: another update
 * raced ours, or Security Hub failed internally. All others (`FindingNotFound`, `InvalidInput`,
 * `DuplicatedFindingIdentifier`, `FindingSizeExceeded`...) are reported at once.
 */
export const RETRYABLE_FINDING_ERROR_CODES: ReadonlySet<string> = new Set([
  'ConcurrentUpdateError',
  'InternalFailure',
]);

/**
 * `ErrorCode` of a finding a batch response does not account for: Security Hub did not say it was
 * done, nor that it failed (`BatchUpdateFindings` listed it in neither list, or `BatchImportFindings`
 * counted fewer successes than findings it did not name as failed).
 */
export const NOT_REPORTED = 'NotReportedBySecurityHub';

/**
 * Error names that mean "slow down". Security Hub answers throttled calls with HTTP 429
 * `TooManyRequestsException`; `ThrottlingException` is the modelled name of newer operations, and
 * `LimitExceededException` is documented for `BatchUpdateFindings` as "account or throttling limits".
 */
const THROTTLING_ERROR_NAMES: ReadonlySet<string> = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'LimitExceededException',
]);

/** Default upper bound of one `BatchImportFindings` request body, below the service's 6 MB. */
export const DEFAULT_MAX_IMPORT_REQUEST_BYTES = 5_000_000;

/** Options of {@link createAwsSecurityHub}. */
export interface AwsSecurityHubOptions extends RetryOptions {
  /** Cross-account client factory from `@soar/aws-access` (`createAwsAccess()`). */
  readonly access: Pick<AwsAccess, 'client'>;
  /** Upper bound of the JSON size of one import request. Default {@link DEFAULT_MAX_IMPORT_REQUEST_BYTES}. */
  readonly maxImportRequestBytes?: number | undefined;
}

/**
 * The `BatchUpdateFindings` request for some findings that share the same changes.
 *
 * @example
 * ```ts
 * toBatchUpdateFindingsInput([{ Id, ProductArn }], { workflowStatus: 'SUPPRESSED', note });
 * // { FindingIdentifiers: [{ Id, ProductArn }], Workflow: { Status: 'SUPPRESSED' }, Note: { Text, UpdatedBy } }
 * ```
 */
export function toBatchUpdateFindingsInput(
  findings: readonly FindingIdentifier[],
  changes: FindingChanges,
): BatchUpdateFindingsCommandInput {
  return {
    FindingIdentifiers: findings.map(({ Id, ProductArn }) => ({ Id, ProductArn })),
    ...(changes.workflowStatus === undefined ? {} : { Workflow: { Status: changes.workflowStatus } }),
    ...(changes.note === undefined
      ? {}
      : { Note: { Text: changes.note.text, UpdatedBy: changes.note.updatedBy } }),
    ...(changes.userDefinedFields === undefined
      ? {}
      : { UserDefinedFields: { ...changes.userDefinedFields } }),
    ...(changes.severity === undefined
      ? {}
      : {
          Severity: {
            Label: changes.severity.label,
            ...(changes.severity.normalized === undefined ? {} : { Normalized: changes.severity.normalized }),
          },
        }),
  };
}

/**
 * The SDK's `AwsSecurityFinding` for one of ours. Both describe the same ASFF document; ours is the
 * zod-parsed, loose form (it keeps fields newer than this SDK), which the SDK types cannot express.
 * The SDK serializer only sends the fields it knows.
 */
function toSdkFinding(finding: AwsSecurityFinding): SdkAwsSecurityFinding {
  return finding as unknown as SdkAwsSecurityFinding;
}

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return error.name;
  }
  return 'Error';
}

function isThrottling(error: unknown): boolean {
  if (THROTTLING_ERROR_NAMES.has(errorName(error))) return true;
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return false;
  const metadata: unknown = error.$metadata;
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    'httpStatusCode' in metadata &&
    metadata.httpStatusCode === 429
  );
}

const identifierKey = (id: {
  readonly Id?: string | undefined;
  readonly ProductArn?: string | undefined;
}): string => JSON.stringify([id.Id ?? null, id.ProductArn ?? null]);

/** Splits findings into import requests of at most 100 findings and `maxBytes` of JSON. */
function importChunks(findings: readonly AwsSecurityFinding[], maxBytes: number): AwsSecurityFinding[][] {
  const chunks: AwsSecurityFinding[][] = [];
  let current: AwsSecurityFinding[] = [];
  let bytes = 0;
  for (const finding of findings) {
    const size = Buffer.byteLength(JSON.stringify(finding), 'utf8');
    if (current.length > 0 && (current.length >= MAX_FINDINGS_PER_IMPORT || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(finding);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Creates the Security Hub adapter for real AWS: every update is sent to the finding's own account
 * and region (not the region the function runs in: a finding of another region would not be found),
 * through a member-account session limited to the one action it needs
 * (`securityhub:BatchUpdateFindings` or `securityhub:BatchImportFindings`).
 *
 * - Updates with the same changes in the same account and region share calls of up to 100 findings.
 * - Each finding sent is checked in the answer: only one listed in `ProcessedFindings` counts as
 *   updated, and an import counts only when `SuccessCount` covers every finding not named in
 *   `FailedFindings`. A finding the answer does not account for fails with {@link NOT_REPORTED}.
 * - `UnprocessedFindings` / `FailedFindings` with a retryable code (`ConcurrentUpdateError`,
 *   `InternalFailure`) are retried with bounded, jittered backoff; the rest, and those still failing,
 *   are reported in one {@link FindingUpdateError} / {@link FindingImportError}.
 * - Throttling that outlasts the SDK's own retries becomes {@link SecurityHubThrottlingError}; any
 *   other failure {@link SecurityHubRequestError}.
 *
 * @example
 * ```ts
 * import { createAwsAccess } from '@soar/aws-access';
 *
 * const securityHub = createAwsSecurityHub({ access: createAwsAccess() }); // module scope
 *
 * export async function suppress(finding: AwsSecurityFinding): Promise<void> {
 *   await securityHub.updateFindings([suppressUpdate(finding, 'Handled as an incident by SOAR')]);
 * }
 * ```
 */
export function createAwsSecurityHub(options: AwsSecurityHubOptions): SecurityHubPort {
  return new AwsSecurityHub(options);
}

class AwsSecurityHub implements SecurityHubPort {
  readonly #access: Pick<AwsAccess, 'client'>;
  readonly #retry: RetryPolicy;
  readonly #maxImportRequestBytes: number;
  readonly #clients = new Map<string, SecurityHubClient>();

  public constructor(options: AwsSecurityHubOptions) {
    this.#access = options.access;
    this.#retry = retryPolicy(options);
    this.#maxImportRequestBytes = options.maxImportRequestBytes ?? DEFAULT_MAX_IMPORT_REQUEST_BYTES;
  }

  public async updateFindings(updates: readonly FindingUpdate[]): Promise<UpdateFindingsResult> {
    const { BatchUpdateFindingsCommand } = await sdk.securityHub();
    const updated: FindingIdentifier[] = [];
    const failures: FindingFailure[] = [];
    const accounts = new Set<string>();
    for (const batch of batchUpdates(updates)) {
      accounts.add(batch.accountId);
      const context: SecurityHubCallContext = {
        operation: 'BatchUpdateFindings',
        accountId: batch.accountId,
        region: batch.region,
      };
      const client = await this.#client(UPDATE_FINDINGS_SCOPE, batch.accountId, batch.region);
      let pending: readonly FindingIdentifier[] = batch.findings;
      for (let attempt = 1; pending.length > 0; attempt += 1) {
        const sent = pending;
        const response = await this.#call(
          context,
          sent.map((finding) => finding.Id),
          () => client.send(new BatchUpdateFindingsCommand(toBatchUpdateFindingsInput(sent, batch.changes))),
        );
        const unprocessed = response.UnprocessedFindings ?? [];
        const notDone = new Set(unprocessed.map((item) => identifierKey(item.FindingIdentifier ?? {})));
        // Only a finding Security Hub lists as processed was updated. One it lists nowhere (or every
        // finding, when the response has no `ProcessedFindings`) may or may not have been: a failure.
        const processed = new Set((response.ProcessedFindings ?? []).map((item) => identifierKey(item)));
        for (const finding of sent) {
          const id = identifierKey(finding);
          if (processed.has(id)) updated.push(finding);
          else if (!notDone.has(id)) {
            failures.push({
              findingId: finding.Id,
              productArn: finding.ProductArn,
              errorCode: NOT_REPORTED,
              errorMessage:
                'Security Hub listed the finding neither as processed nor as unprocessed, so it may not be updated',
              attempts: attempt,
            });
          }
        }
        const retry: FindingIdentifier[] = [];
        for (const item of unprocessed) {
          const id = item.FindingIdentifier;
          const errorCode = item.ErrorCode ?? 'Unknown';
          if (
            id?.Id !== undefined &&
            id.ProductArn !== undefined &&
            RETRYABLE_FINDING_ERROR_CODES.has(errorCode) &&
            attempt < this.#retry.maxAttempts
          ) {
            retry.push({ Id: id.Id, ProductArn: id.ProductArn });
          } else {
            failures.push({
              findingId: id?.Id ?? '<not named by Security Hub>',
              productArn: id?.ProductArn,
              errorCode,
              errorMessage: item.ErrorMessage ?? 'no message',
              attempts: attempt,
            });
          }
        }
        if (retry.length > 0) await this.#retry.sleep(this.#retry.delay(attempt));
        pending = retry;
      }
    }
    if (failures.length > 0) {
      throw new FindingUpdateError(
        failures,
        updated.map((finding) => finding.Id),
        accounts.size === 1 ? [...accounts][0] : undefined,
      );
    }
    return { updated };
  }

  public async importFindings(
    target: ImportTarget,
    findings: readonly AwsSecurityFinding[],
  ): Promise<ImportFindingsResult> {
    assertImportTarget(target);
    const context: SecurityHubCallContext = {
      operation: 'BatchImportFindings',
      accountId: target.accountId,
      region: target.region,
    };
    const { BatchImportFindingsCommand } = await sdk.securityHub();
    const client = await this.#client(IMPORT_FINDINGS_SCOPE, target.accountId, target.region);
    const imported: string[] = [];
    const failures: FindingFailure[] = [];
    for (const requestFindings of importChunks(findings, this.#maxImportRequestBytes)) {
      let pending: readonly AwsSecurityFinding[] = requestFindings;
      for (let attempt = 1; pending.length > 0; attempt += 1) {
        const sent = pending;
        const response = await this.#call(
          context,
          sent.map((finding) => finding.Id),
          () => client.send(new BatchImportFindingsCommand({ Findings: sent.map(toSdkFinding) })),
        );
        const failed = response.FailedFindings ?? [];
        const failedIds = new Set(failed.map((item) => item.Id));
        const named = sent.filter((finding) => failedIds.has(finding.Id)).length;
        // Failures Security Hub counts but does not name (FailedCount above the named ones), or a
        // SuccessCount short of the findings it did not name as failed (`SuccessCount: 0` with
        // `FailedCount: 0`): we cannot tell which findings were imported, so none counts as imported.
        const undetailed =
          (response.FailedCount ?? failed.length) > failed.length ||
          (response.SuccessCount ?? 0) < sent.length - named;
        const retry: AwsSecurityFinding[] = [];
        for (const finding of sent) {
          if (!failedIds.has(finding.Id) && !undetailed) {
            imported.push(finding.Id);
            continue;
          }
          const item = failed.find((candidate) => candidate.Id === finding.Id);
          const errorCode = item?.ErrorCode ?? NOT_REPORTED;
          if (RETRYABLE_FINDING_ERROR_CODES.has(errorCode) && attempt < this.#retry.maxAttempts) {
            retry.push(finding);
          } else {
            failures.push({
              findingId: finding.Id,
              productArn: finding.ProductArn,
              errorCode,
              errorMessage:
                item?.ErrorMessage ??
                `Security Hub reported SuccessCount ${response.SuccessCount ?? 0} and FailedCount ${response.FailedCount ?? 0} for ${sent.length} finding(s) without naming the ones that failed`,
              attempts: attempt,
            });
          }
        }
        if (retry.length > 0) await this.#retry.sleep(this.#retry.delay(attempt));
        pending = retry;
      }
    }
    if (failures.length > 0) throw new FindingImportError(failures, imported, target.accountId);
    return { imported };
  }

  async #client(scope: AccessScope, accountId: string, region: string): Promise<SecurityHubClient> {
    const { SecurityHubClient } = await sdk.securityHub(); // before the cache check: no await between get and set
    const key = JSON.stringify([scope.purpose, accountId, region]);
    let client = this.#clients.get(key);
    if (client === undefined) {
      client = this.#access.client(SecurityHubClient, { accountId, region }, scope);
      this.#clients.set(key, client);
    }
    return client;
  }

  async #call<T>(
    context: SecurityHubCallContext,
    findingIds: readonly string[],
    send: () => Promise<T>,
  ): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (isThrottling(error))
        throw new SecurityHubThrottlingError(context, errorName(error), findingIds, error);
      throw new SecurityHubRequestError(context, errorName(error), findingIds, error);
    }
  }
}
