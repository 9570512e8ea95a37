import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { accountRoots, dayKeyPrefixes } from '../plan';

/** The S3 client the steps need (any object with the client's `send`). */
export type S3Port = Pick<S3Client, 'send'>;

/** Where to look for accounts: the Control Tower bucket and the organization id at its root. */
export interface AccountListingInput {
  readonly bucket: string;
  readonly orgId: string;
  /** Keys per ListObjectsV2 page (S3's default and maximum is 1,000); for tests of pagination. */
  readonly maxKeys?: number;
}

/** Where to look for one account's day. */
export interface DayPrefixesInput extends AccountListingInput {
  readonly accountId: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Every common prefix directly under `prefix` (`Delimiter: '/'`), following continuation tokens,
 * so a level with more than 1,000 entries is listed whole. An empty level gives `[]`.
 */
export async function listCommonPrefixes(
  s3: S3Port,
  bucket: string,
  prefix: string,
  maxKeys?: number,
): Promise<string[]> {
  const prefixes: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        Delimiter: '/',
        ...(maxKeys === undefined ? {} : { MaxKeys: maxKeys }),
        ...(token === undefined ? {} : { ContinuationToken: token }),
      }),
    );
    for (const common of page.CommonPrefixes ?? []) {
      if (common.Prefix !== undefined) prefixes.push(common.Prefix);
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return prefixes;
}

/**
 * The accounts that have logs in a Control Tower bucket: the 12-digit prefixes under
 * `{orgId}/AWSLogs/` and, for CloudTrail since Control Tower 3.0, under `{orgId}/AWSLogs/{orgId}/`.
 * Both levels are listed with a delimiter and paginated. Any other prefix is returned in `skipped`
 * (nothing under it is archived or deleted), never silently ignored. Sorted, without duplicates.
 *
 * @example
 * ```ts
 * const { accountIds, skipped } = await listAccountIds(s3, { bucket: 'aws-controltower-logs-…', orgId: 'o-abcdef1234' });
 * ```
 */
export async function listAccountIds(
  s3: S3Port,
  input: AccountListingInput,
): Promise<{ accountIds: string[]; skipped: string[] }> {
  const root = `${input.orgId}/AWSLogs/`;
  const orgLevel = `${root}${input.orgId}/`;
  const accountIds = new Set<string>();
  const skipped: string[] = [];
  const collect = (prefixes: readonly string[], parent: string): void => {
    for (const prefix of prefixes) {
      if (prefix === orgLevel) continue;
      const name = prefix.slice(parent.length, -1);
      if (ACCOUNT_ID.test(name)) accountIds.add(name);
      else skipped.push(prefix);
    }
  };
  const top = await listCommonPrefixes(s3, input.bucket, root, input.maxKeys);
  collect(top, root);
  if (top.includes(orgLevel)) {
    collect(await listCommonPrefixes(s3, input.bucket, orgLevel, input.maxKeys), orgLevel);
  }
  return { accountIds: [...accountIds].sort(), skipped: skipped.sort() };
}

/**
 * The key prefixes of one account's day: every log type under the account (both Control Tower
 * layouts), every region under each type (paginated), and under each region the day's
 * `{YYYY}/{MM}/{DD}/` and, when it differs, the unpadded `{YYYY}/{M}/{D}/` Config writes (each
 * ending in `/`, so day 1 never takes in day 10). Sorted, without duplicates.
 *
 * @example
 * ```ts
 * await dayPrefixes(s3, { bucket, orgId: 'o-abcdef1234', accountId: '111122223333', date: '2024-06-01' });
 * // ['o-abcdef1234/AWSLogs/111122223333/Config/eu-west-1/2024/06/01/', '…/Config/eu-west-1/2024/6/1/', …]
 * ```
 */
export async function dayPrefixes(s3: S3Port, input: DayPrefixesInput): Promise<string[]> {
  const result = new Set<string>();
  for (const accountRoot of accountRoots(input.orgId, input.accountId)) {
    for (const typePrefix of await listCommonPrefixes(s3, input.bucket, accountRoot, input.maxKeys)) {
      for (const regionPrefix of await listCommonPrefixes(s3, input.bucket, typePrefix, input.maxKeys)) {
        for (const prefix of dayKeyPrefixes(regionPrefix, input.date)) result.add(prefix);
      }
    }
  }
  return [...result].sort();
}
