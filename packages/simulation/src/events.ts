import { eventKey } from '@soar/workflow/ordering';
import type { AwsSecurityFinding, SecurityHubFindingsImportedEvent } from '@soar/asff-schema';

/**
 * The "Security Hub Findings - Imported" EventBridge event Security Hub sends for a finding, as AWS
 * documents it (one finding per event; `resources` holds the finding Id). The event id is derived
 * from the finding Id and `UpdatedAt`, so the same import gives the same event.
 *
 * @example
 * ```ts
 * const event = findingsImportedEvent(finding, { accountId: '999988887777', time: new Date() });
 * event['detail-type']; // 'Security Hub Findings - Imported'
 * ```
 */
export function findingsImportedEvent(
  finding: AwsSecurityFinding,
  options: { readonly accountId?: string; readonly region?: string; readonly time?: Date } = {},
): SecurityHubFindingsImportedEvent {
  // The event id is the finding event's key (as intake derives it), shaped as a UUID.
  const digest = eventKey(finding);
  const id = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
  return {
    version: '0',
    id,
    'detail-type': 'Security Hub Findings - Imported',
    source: 'aws.securityhub',
    account: options.accountId ?? finding.AwsAccountId,
    time: (options.time ?? new Date(finding.UpdatedAt)).toISOString(),
    region: options.region ?? finding.Region ?? finding.Resources[0]?.Region ?? 'us-east-1',
    resources: [finding.Id],
    detail: { findings: [finding] },
  };
}
