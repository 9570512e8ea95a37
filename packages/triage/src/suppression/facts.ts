import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { Account } from '@soar/scratchpad';
import { UNKNOWN_OU, UNSPECIFIED } from '@soar/accounts';
import { isRecord } from '@soar/common';

/**
 * What a suppression rule can test about a finding: facts about its account, its region and, for
 * IAM policy findings, the policy name. A plain object, so a CLI or a test can write one by hand.
 */
export interface SuppressionFacts {
  /** Key `account_id`: the 12-digit account id. */
  readonly accountId: string;
  /** Key `region`: the region of the finding's first resource, else of the finding. */
  readonly region: string | undefined;
  /** Key `client`: tag `soar:client`. */
  readonly client: string;
  /** Key `environment`: tag `soar:environment`, free text. */
  readonly environment: string;
  /** Key `organizational_unit`: name of the account's immediate parent OU (`ROOT` under the root). */
  readonly organizationalUnit: string;
  /** Key `ou_path`: the OU names from the root down to the immediate parent. */
  readonly organizationalUnitPath: readonly string[];
  /** Key `project` (or `project_name`): tag `soar:project`. */
  readonly project: string;
  /** Key `team`: tag `soar:team`. */
  readonly team: string;
  /** Key `policy_name`: the IAM policy a finding is about; absent for every other finding. */
  readonly policyName?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** `Resources[0].Details.AwsIamPolicy.PolicyName` when it is a string. */
function policyNameOf(resource: AwsSecurityFinding['Resources'][number] | undefined): string | undefined {
  const policy: unknown = resource?.Details?.['AwsIamPolicy'];
  const name = isRecord(policy) ? policy['PolicyName'] : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Builds the facts a suppression rule is evaluated against from a finding and its account:
 * account fields as they are, the region of the first resource (else of the finding) and the IAM
 * policy name of the first resource when it is an `AwsIamPolicy`. Without account metadata (the
 * account could not be looked up), the account id comes from the finding and the other account
 * facts take the values an untagged account has: `Unspecified`, OU `UNKNOWN_OU`, an empty OU path.
 *
 * @example
 * ```ts
 * const facts = suppressionFacts(finding, account);
 * facts.environment; // 'production'
 * facts.region; // 'eu-west-1'
 * evaluateSuppressionRule(parseSuppressionRule('environment != production'), facts).matched; // false
 * ```
 */
export function suppressionFacts(
  finding: AwsSecurityFinding,
  account: Account | undefined,
): SuppressionFacts {
  const resource = Array.isArray(finding.Resources) ? finding.Resources[0] : undefined;
  const policyName = policyNameOf(resource);
  return {
    accountId: account?.Id ?? finding.AwsAccountId,
    region: nonEmpty(resource?.Region) ?? nonEmpty(finding.Region),
    client: account?.Client ?? UNSPECIFIED,
    environment: account?.Environment ?? UNSPECIFIED,
    organizationalUnit: account?.OrganizationalUnit ?? UNKNOWN_OU,
    organizationalUnitPath: Array.isArray(account?.OrganizationalUnitPath)
      ? account.OrganizationalUnitPath
      : [],
    project: account?.ProjectName ?? UNSPECIFIED,
    team: account?.Team ?? UNSPECIFIED,
    ...(policyName === undefined ? {} : { policyName }),
  };
}
