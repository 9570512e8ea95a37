import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { Account } from '@soar/scratchpad';

import { truncateUtf8 } from '@soar/common';
import { redact } from '@soar/redaction';

/**
 * Largest value the Logs Ingestion API keeps in one field (it truncates longer ones at 64 KB);
 * the record builder cuts string fields to this many UTF-8 bytes itself, and says so.
 */
export const SENTINEL_FIELD_MAX_BYTES = 64_000;

/** One row for the Sentinel custom table (the DCR stream's columns). */
export interface SentinelRecord {
  readonly TimeGenerated: string;
  readonly CreatedAt: string;
  readonly UpdatedAt: string;
  readonly FindingId: string;
  readonly GeneratorId: string;
  /** `FindingProviderFields.Types[0]`, else `Types[0]`, else `""`. */
  readonly Type: string;
  readonly ProductName: string;
  /** `Severity.Label`, else `FindingProviderFields.Severity.Label`, else `""`. */
  readonly Severity: string;
  readonly Title: string;
  readonly Description: string;
  readonly Region: string;
  readonly AwsAccountId: string;
  readonly AwsAccountName: string;
  readonly Team: string;
  /** `TeamEmailApp` for APP incidents, else `TeamEmail`. */
  readonly TeamEmail: string;
  readonly Environment: string;
  readonly OrganizationalUnit: string;
  /** `ProductFields.IncidentDomain`, default `INFRA`. */
  readonly IncidentDomain: string;
  readonly IncidentType: string;
  readonly TicketId: string;
  /** The finding as compact JSON (cut to {@link SENTINEL_FIELD_MAX_BYTES}). */
  readonly Finding: string;
  /** The account block as compact JSON (cut to {@link SENTINEL_FIELD_MAX_BYTES}). */
  readonly Account: string;
  /** Names of the fields that were cut. */
  readonly TruncatedFields: readonly string[];
  /**
   * How many values of the finding and the account block were replaced with `[redacted]` because
   * they looked like secrets (environment variable values, passwords, keys, tokens); 0 when none.
   */
  readonly RedactedValues: number;
}

/** Optional values of {@link sentinelRecord}. */
export interface SentinelRecordExtra {
  /** ISO 8601 time of the record. Default: the finding's `UpdatedAt` (keeps the function pure). */
  readonly timeGenerated?: string;
  /** SOAR's incident classification (`determine_type`). */
  readonly incidentType?: string;
  readonly ticketId?: string;
}

/**
 * Builds the Sentinel record of an incident from the finding AND the account block of the
 * scratchpad (the original read account fields from `finding.account`, which does not exist,
 * so team, email, environment and OU never reached Sentinel). Pure: same input, same record.
 * Secrets never reach Sentinel: the finding and the account block pass through `redact` of
 * `@soar/redaction` first (environment variable values in resource details, values under
 * secret-looking keys, private keys and tokens in text), and `RedactedValues` says how many values
 * were replaced. String fields are cut to {@link SENTINEL_FIELD_MAX_BYTES} UTF-8 bytes (bytes, not
 * characters), and the cut fields are listed in `TruncatedFields`.
 *
 * @example
 * ```ts
 * const record = sentinelRecord(scratchpad.finding, scratchpad.account, {
 *   timeGenerated: new Date().toISOString(),
 *   incidentType: scratchpad.incident?.type,
 *   ticketId: scratchpad.ticket?.TicketId,
 * });
 * await sentinel.export(record);
 * ```
 */
export function sentinelRecord(
  finding: AwsSecurityFinding,
  account: Account,
  extra: SentinelRecordExtra = {},
): SentinelRecord {
  const truncated: string[] = [];
  const cap = (field: string, value: string): string => {
    const cut = truncateUtf8(value, SENTINEL_FIELD_MAX_BYTES);
    if (cut !== value) truncated.push(field);
    return cut;
  };
  const domain = finding.ProductFields?.['IncidentDomain'] ?? 'INFRA';
  const safeFinding = redact(finding);
  const safeAccount = redact(account);
  // Counted once, in the finding: the title and description are part of it.
  const title = redact(finding.Title).value;
  const description = redact(finding.Description).value;
  return {
    TimeGenerated: extra.timeGenerated ?? finding.UpdatedAt,
    CreatedAt: finding.CreatedAt,
    UpdatedAt: finding.UpdatedAt,
    FindingId: cap('FindingId', finding.Id),
    GeneratorId: cap('GeneratorId', finding.GeneratorId),
    Type: cap('Type', finding.FindingProviderFields?.Types?.[0] ?? finding.Types[0] ?? ''),
    ProductName: finding.ProductName ?? '',
    Severity: finding.Severity.Label ?? finding.FindingProviderFields?.Severity?.Label ?? '',
    Title: cap('Title', title),
    Description: cap('Description', description),
    Region: finding.Region ?? finding.Resources[0]?.Region ?? '',
    AwsAccountId: finding.AwsAccountId,
    AwsAccountName: account.Name,
    Team: account.Team,
    TeamEmail: domain === 'APP' ? account.TeamEmailApp : account.TeamEmail,
    Environment: account.Environment,
    OrganizationalUnit: account.OrganizationalUnit,
    IncidentDomain: domain,
    IncidentType: extra.incidentType ?? '',
    TicketId: extra.ticketId ?? '',
    Finding: cap('Finding', JSON.stringify(safeFinding.value)),
    Account: cap('Account', JSON.stringify(safeAccount.value)),
    TruncatedFields: truncated,
    RedactedValues: safeFinding.redacted + safeAccount.redacted,
  };
}
