import { type Account } from '@soar/scratchpad';

import { assertAccountId } from './account-id';
import { type AccountMetadataConfig } from './config';
import { type RawAccountRecord } from './raw-account';

/** Value of every text field whose tag is absent. */
export const UNSPECIFIED = 'Unspecified';
/** `OrganizationalUnit` of an account directly under the organization root. */
export const ROOT_OU = 'ROOT';
/** `OrganizationalUnit` of an account for which Organizations reports no parent. */
export const UNKNOWN_OU = 'UNKNOWN_OU';

const HOUR_MS = 3_600_000;

/** The tag's value, trimmed; `undefined` when the tag is absent or blank. */
function tag(tags: Readonly<Record<string, string>>, key: string): string | undefined {
  const value = Object.hasOwn(tags, key) ? tags[key]?.trim() : undefined;
  return value === undefined || value === '' ? undefined : value;
}

function projectIds(
  tags: Readonly<Record<string, string>>,
  config: AccountMetadataConfig,
): { ProjectId: string; ProjectIdApp: string } {
  const keys = config.tagKeys;
  switch (config.ticketingSystem) {
    case 'JIRA': {
      const ProjectId = tag(tags, keys.jiraProjectKey) ?? config.jiraDefaultProjectKey;
      return { ProjectId, ProjectIdApp: tag(tags, keys.jiraProjectKeyApp) ?? ProjectId };
    }
    case 'SERVICE_NOW': {
      const ProjectId = tag(tags, keys.serviceNowProjectQueue) ?? config.serviceNowDefaultProjectQueue;
      return { ProjectId, ProjectIdApp: tag(tags, keys.serviceNowProjectQueueApp) ?? ProjectId };
    }
    case 'NONE':
      return { ProjectId: UNSPECIFIED, ProjectIdApp: UNSPECIFIED };
  }
}

function organizationalUnit(parents: RawAccountRecord['parents']): {
  OrganizationalUnit: string;
  OrganizationalUnitPath: string[];
} {
  const parent = parents.at(-1);
  if (parent === undefined) return { OrganizationalUnit: UNKNOWN_OU, OrganizationalUnitPath: [] };
  return {
    OrganizationalUnit: parent.type === 'ROOT' ? ROOT_OU : parent.name,
    OrganizationalUnitPath: parents.map((p) => p.name),
  };
}

/**
 * Derives the scratchpad's account metadata from what Organizations says about the account.
 * Pure: the same record, configuration and `now` always give the same result, so it runs on
 * every read and `AccountNew` is exact at the threshold.
 *
 * | Field | Derivation |
 * |---|---|
 * | `Id`, `Name`, `Email` | `DescribeAccount` |
 * | `TeamEmail` | tag `tagKeys.teamEmail`; else `defaultTeamEmail`; if that is `""` → `Email` |
 * | `TeamEmailApp` | tag `tagKeys.teamEmailApp`; else `TeamEmail` |
 * | `OrganizationalUnit` | name of the immediate parent OU; `ROOT` under the root; `UNKNOWN_OU` without a parent |
 * | `OrganizationalUnitPath` | names from the root (`Root`) down to the immediate parent; `[]` without a parent |
 * | `Client`, `ProjectName`, `Team`, `Environment` | tags `tagKeys.client`, `.project`, `.team`, `.environment`; else `Unspecified` |
 * | `ProjectId` | `JIRA`: tag `tagKeys.jiraProjectKey` else `jiraDefaultProjectKey`; `SERVICE_NOW`: tag `tagKeys.serviceNowProjectQueue` else `serviceNowDefaultProjectQueue`; `NONE`: `Unspecified` |
 * | `ProjectIdApp` | `JIRA`: tag `tagKeys.jiraProjectKeyApp` else `ProjectId`; `SERVICE_NOW`: tag `tagKeys.serviceNowProjectQueueApp` else `ProjectId`; `NONE`: `Unspecified` |
 * | `Tags` | every account tag, verbatim (all pages, not only the first 100) |
 * | `JoinedAt` | `JoinedTimestamp` as ISO 8601; absent if unknown or unparsable |
 * | `AccountNew` | `now − JoinedAt < minAgeHours` (so exactly `minAgeHours` old is not new); `false` if `JoinedAt` is unknown |
 *
 * Differences from the original: a tag whose value is blank counts as absent (the original used
 * `""` as the value), tag values are trimmed, `AccountNew` is a boolean evaluated at read time, and
 * the `Tallies` list (not consumed anywhere) is not produced.
 *
 * @throws {@link InvalidAccountIdError} (field `raw.account.Id`) if the record's id is not 12 digits.
 *
 * @example
 * ```ts
 * const account = deriveAccount(
 *   {
 *     account: { Id: '111122223333', Name: 'pay', Email: 'root@example.com', JoinedTimestamp: '2024-01-01T00:00:00Z' },
 *     tags: { 'soar:team': 'payments' },
 *     parents: [{ type: 'ROOT', name: 'Root' }, { type: 'ORGANIZATIONAL_UNIT', name: 'Workloads' }],
 *   },
 *   parseAccountMetadataConfig({}),
 *   new Date('2024-01-01T12:00:00Z'),
 * );
 * account.TeamEmail; // 'root@example.com'
 * account.OrganizationalUnit; // 'Workloads'
 * account.AccountNew; // true (12 h < 24 h)
 * ```
 */
export function deriveAccount(raw: RawAccountRecord, config: AccountMetadataConfig, now: Date): Account {
  const { account, tags } = raw;
  const keys = config.tagKeys;
  const Id = assertAccountId(account.Id, 'raw.account.Id');

  const defaultTeamEmail = config.defaultTeamEmail.trim();
  const TeamEmail = tag(tags, keys.teamEmail) ?? (defaultTeamEmail === '' ? account.Email : defaultTeamEmail);
  const TeamEmailApp = tag(tags, keys.teamEmailApp) ?? TeamEmail;

  const joinedMs = account.JoinedTimestamp === undefined ? Number.NaN : Date.parse(account.JoinedTimestamp);
  const joined = Number.isNaN(joinedMs) ? undefined : new Date(joinedMs);
  const AccountNew = joined !== undefined && now.getTime() - joined.getTime() < config.minAgeHours * HOUR_MS;

  return {
    Id,
    Name: account.Name,
    Email: account.Email,
    TeamEmail,
    TeamEmailApp,
    ...organizationalUnit(raw.parents),
    Client: tag(tags, keys.client) ?? UNSPECIFIED,
    ProjectName: tag(tags, keys.project) ?? UNSPECIFIED,
    Team: tag(tags, keys.team) ?? UNSPECIFIED,
    Environment: tag(tags, keys.environment) ?? UNSPECIFIED,
    ...projectIds(tags, config),
    Tags: { ...tags },
    ...(joined === undefined ? {} : { JoinedAt: joined.toISOString() }),
    AccountNew,
  };
}
