import type { ArchiveGroup, Manifest, ManifestEntry } from './schemas';

/** One listed source object. */
export interface SourceObject {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
}

/** A listed key that is not archived, and why; it is never deleted either. */
export interface SkippedSource {
  readonly key: string;
  readonly reason:
    | 'not-control-tower-layout'
    | 'other-date'
    | 'other-account'
    | 'not-gzip'
    | 'archive-area'
    | 'not-an-account-prefix';
}

/** Where an archive, its manifest and its verified marker live. */
export interface ArchiveKeys {
  readonly archiveKey: string;
  readonly manifestKey: string;
  readonly markerKey: string;
}

/** One planned archive: its keys and manifest. */
export interface ArchivePlan extends ArchiveKeys {
  readonly manifest: Manifest;
}

/** Inputs of {@link planArchives}. */
export interface PlanInput {
  readonly orgId: string;
  readonly sourceBucket: string;
  readonly archiveBucket: string;
  readonly archivePrefix: string;
  readonly date: string;
  /**
   * When set, only this account's sources are planned; another account's are skipped
   * (`other-account`), since a per-account run reads only that account's earlier archives and could
   * otherwise number over another account's verified ones.
   */
  readonly accountId?: string;
  readonly partSizeBytes: number;
  readonly maxArchiveBytes: number;
  /** The day's listing (any order). */
  readonly sources: readonly SourceObject[];
  /**
   * Per group (see {@link groupId}), the first archive index free for new archives: the one after
   * the group's last verified archive, so a rerun never overwrites a verified archive. Default 0.
   */
  readonly firstIndex?: ReadonlyMap<string, number>;
}

/** The result of {@link planArchives}. */
export interface Plan {
  readonly archives: readonly ArchivePlan[];
  readonly skipped: readonly SkippedSource[];
}

const pad2 = (value: string): string => value.padStart(2, '0');

/**
 * Reads the account, log type, region and day from a Control Tower log key. Two layouts exist:
 * `{org}/AWSLogs/{org}/{acct}/{type}/{region}/{YYYY}/{MM}/{DD}/…` (CloudTrail since Control Tower
 * 3.0) and `{org}/AWSLogs/{acct}/{type}/{region}/{YYYY}/{M}/{D}/…` (Config, whose month and day are
 * not zero-padded, and older CloudTrail). The date is returned zero-padded.
 *
 * @example
 * ```ts
 * parseSourceKey('o-abcdef1234', 'o-abcdef1234/AWSLogs/111122223333/Config/eu-west-1/2024/6/9/ConfigHistory/x.json.gz');
 * // { accountId: '111122223333', logType: 'Config', region: 'eu-west-1', date: '2024-06-09' }
 * ```
 */
export function parseSourceKey(orgId: string, key: string): ArchiveGroup | undefined {
  const root = `${orgId}/AWSLogs/`;
  if (!key.startsWith(root)) return undefined;
  let rest = key.slice(root.length).split('/');
  if (rest[0] === orgId) rest = rest.slice(1);
  const [accountId, logType, region, year, month, day, ...file] = rest;
  if (accountId === undefined || !/^\d{12}$/.test(accountId)) return undefined;
  if (logType === undefined || region === undefined || logType === '' || region === '') return undefined;
  if (year === undefined || !/^\d{4}$/.test(year)) return undefined;
  if (month === undefined || !/^\d{1,2}$/.test(month) || day === undefined || !/^\d{1,2}$/.test(day)) {
    return undefined;
  }
  if (file.length === 0 || file[file.length - 1] === '') return undefined;
  return { accountId, logType, region, date: `${year}-${pad2(month)}-${pad2(day)}` };
}

/**
 * The two roots an account's logs live under in a Control Tower bucket: `{org}/AWSLogs/{acct}/`
 * (Config, older CloudTrail) and `{org}/AWSLogs/{org}/{acct}/` (CloudTrail since Control Tower 3.0).
 *
 * @example
 * ```ts
 * accountRoots('o-abcdef1234', '111122223333');
 * // ['o-abcdef1234/AWSLogs/111122223333/', 'o-abcdef1234/AWSLogs/o-abcdef1234/111122223333/']
 * ```
 */
export function accountRoots(orgId: string, accountId: string): string[] {
  return [`${orgId}/AWSLogs/${accountId}/`, `${orgId}/AWSLogs/${orgId}/${accountId}/`];
}

/**
 * The key prefixes of one day under a region prefix (`…/{type}/{region}/`): the zero-padded
 * `{YYYY}/{MM}/{DD}/` and, when it differs, the unpadded `{YYYY}/{M}/{D}/` that Config writes. Both
 * end with `/`, so the unpadded `2024/6/1/` never matches the keys of `2024/6/10/`…`2024/6/19/`.
 *
 * @example
 * ```ts
 * dayKeyPrefixes('o-abcdef1234/AWSLogs/111122223333/Config/eu-west-1/', '2024-06-01');
 * // ['…/eu-west-1/2024/06/01/', '…/eu-west-1/2024/6/1/']
 * ```
 */
export function dayKeyPrefixes(regionPrefix: string, date: string): string[] {
  const [year, month, day] = date.split('-') as [string, string, string];
  const base = regionPrefix.endsWith('/') ? regionPrefix : `${regionPrefix}/`;
  const padded = `${base}${year}/${month}/${day}/`;
  const unpadded = `${base}${year}/${Number(month)}/${Number(day)}/`;
  return padded === unpadded ? [padded] : [padded, unpadded];
}

/** The stable id of a group: `{accountId}/{logType}/{region}/{date}`. */
export function groupId(group: ArchiveGroup): string {
  return `${group.accountId}/${group.logType}/${group.region}/${group.date}`;
}

/**
 * The deterministic keys of a group's `index`-th archive:
 * `{prefix}/{YYYY}/{MM}/{DD}/{acct}/{type}/{region}/{acct}_{type}_{region}_{YYYYMMDD}_{nnnn}.gz`,
 * with the manifest at `….manifest.json` and the verified marker at `….verified.json`.
 */
export function archiveKeys(archivePrefix: string, group: ArchiveGroup, index: number): ArchiveKeys {
  const [year, month, day] = group.date.split('-') as [string, string, string];
  const base =
    `${archivePrefix}/${year}/${month}/${day}/${group.accountId}/${group.logType}/${group.region}/` +
    `${group.accountId}_${group.logType}_${group.region}_${year}${month}${day}_${String(index).padStart(4, '0')}`;
  return {
    archiveKey: `${base}.gz`,
    manifestKey: `${base}.manifest.json`,
    markerKey: `${base}.verified.json`,
  };
}

/**
 * Plans a day's archives: sources grouped per account / log type / region / day, sorted by full
 * key (so the plan does not depend on listing order and keys that share a basename stay distinct
 * entries), and split before an archive would exceed `maxArchiveBytes`. Keys outside the Control
 * Tower layout, of another day, not `.gz`, or inside the archive area are skipped and reported.
 *
 * @example
 * ```ts
 * const { archives, skipped } = planArchives({ orgId, sourceBucket, archiveBucket, archivePrefix: 'archives',
 *   date: '2024-06-19', partSizeBytes: 8 << 20, maxArchiveBytes: 1 << 30, sources });
 * ```
 */
export function planArchives(input: PlanInput): Plan {
  const skipped: SkippedSource[] = [];
  const groups = new Map<string, { group: ArchiveGroup; sources: SourceObject[] }>();
  const archiveArea = `${input.archivePrefix}/`;
  for (const source of input.sources) {
    if (input.sourceBucket === input.archiveBucket && source.key.startsWith(archiveArea)) {
      skipped.push({ key: source.key, reason: 'archive-area' });
      continue;
    }
    const group = parseSourceKey(input.orgId, source.key);
    if (group === undefined) skipped.push({ key: source.key, reason: 'not-control-tower-layout' });
    else if (group.date !== input.date) skipped.push({ key: source.key, reason: 'other-date' });
    else if (input.accountId !== undefined && group.accountId !== input.accountId) {
      skipped.push({ key: source.key, reason: 'other-account' });
    } else if (!source.key.endsWith('.gz')) skipped.push({ key: source.key, reason: 'not-gzip' });
    else {
      const id = groupId(group);
      const entry = groups.get(id) ?? { group, sources: [] };
      entry.sources.push(source);
      groups.set(id, entry);
    }
  }
  const archives: ArchivePlan[] = [];
  for (const id of [...groups.keys()].sort()) {
    const { group, sources } = groups.get(id) as { group: ArchiveGroup; sources: SourceObject[] };
    sources.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let index = input.firstIndex?.get(id) ?? 0;
    let entries: ManifestEntry[] = [];
    let total = 0;
    const close = (): void => {
      if (entries.length === 0) return;
      const keys = archiveKeys(input.archivePrefix, group, index);
      archives.push({
        ...keys,
        manifest: {
          version: 1,
          sourceBucket: input.sourceBucket,
          archiveBucket: input.archiveBucket,
          archiveKey: keys.archiveKey,
          group,
          index,
          partSizeBytes: input.partSizeBytes,
          totalBytes: total,
          entries,
        },
      });
      index += 1;
      entries = [];
      total = 0;
    };
    for (const source of sources) {
      if (entries.length > 0 && total + source.size > input.maxArchiveBytes) close();
      entries.push({ key: source.key, size: source.size, etag: source.etag, offset: total });
      total += source.size;
    }
    close();
  }
  return { archives, skipped };
}

/**
 * How many parts an archive of `totalBytes` has with parts of `partSizeBytes` (an empty archive
 * still has one part).
 */
export function partCount(totalBytes: number, partSizeBytes: number): number {
  return Math.max(1, Math.ceil(totalBytes / partSizeBytes));
}

/**
 * Splits keys into DeleteObjects batches of at most `batchSize` keys.
 */
export function deleteBatches<T>(items: readonly T[], batchSize: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += batchSize)
    batches.push(items.slice(start, start + batchSize));
  return batches;
}
