/**
 * The pure planning: Control Tower keys parsed into groups, archives split at the size limit with
 * deterministic keys, skipped keys reported, and sources that share a basename kept apart.
 */
import {
  accountRoots,
  archiveKeys,
  dayKeyPrefixes,
  deleteBatches,
  LogAggregationInputError,
  ManifestSchema,
  parseAggregationOptions,
  parseSourceKey,
  partCount,
  planArchives,
  type SourceObject,
} from '../src';

const ORG = 'o-abcdef1234';
const ACCT = '111122223333';
const MIB = 1024 * 1024;

const ct = (acct: string, type: string, region: string, date: string, file: string): string =>
  `${ORG}/AWSLogs/${ORG}/${acct}/${type}/${region}/${date}/${file}`;
const src = (key: string, size = 10): SourceObject => ({ key, size, etag: `"${key.length}"` });

const base = {
  orgId: ORG,
  sourceBucket: 'ct-logs',
  archiveBucket: 'archive',
  archivePrefix: 'archives',
  date: '2024-06-09',
  partSizeBytes: 5 * MIB,
  maxArchiveBytes: 100,
};

describe('parseSourceKey', () => {
  it.each([
    [
      ct(ACCT, 'CloudTrail', 'eu-west-1', '2024/06/09', 'a.json.gz'),
      { accountId: ACCT, logType: 'CloudTrail', region: 'eu-west-1', date: '2024-06-09' },
    ],
    [
      `${ORG}/AWSLogs/${ACCT}/Config/us-east-1/2024/6/9/ConfigHistory/b.json.gz`,
      { accountId: ACCT, logType: 'Config', region: 'us-east-1', date: '2024-06-09' },
    ],
    [
      ct(ACCT, 'CloudTrail-Digest', 'eu-north-1', '2024/12/31', 'd.json.gz'),
      { accountId: ACCT, logType: 'CloudTrail-Digest', region: 'eu-north-1', date: '2024-12-31' },
    ],
    [`${ORG}/AWSLogs/${ORG}/`, undefined],
    [`${ORG}/AWSLogs/12345/CloudTrail/eu-west-1/2024/06/09/a.gz`, undefined],
    [`other/AWSLogs/${ACCT}/CloudTrail/eu-west-1/2024/06/09/a.gz`, undefined],
    [`${ORG}/AWSLogs/${ACCT}/CloudTrail/eu-west-1/2024/06/09/`, undefined],
    [`${ORG}/AWSLogs/${ACCT}/CloudTrail/eu-west-1/24/06/09/a.gz`, undefined],
  ])('%s', (key, expected) => {
    expect(parseSourceKey(ORG, key)).toEqual(expected);
  });
});

describe('planArchives', () => {
  it('groups per account / type / region / day with deterministic keys, independent of listing order', () => {
    const sources = [
      src(ct(ACCT, 'CloudTrail', 'eu-west-1', '2024/06/09', 'b.json.gz')),
      src(ct(ACCT, 'CloudTrail', 'eu-west-1', '2024/06/09', 'a.json.gz')),
      src(ct(ACCT, 'CloudTrail', 'us-east-1', '2024/06/09', 'c.json.gz')),
      src(ct('444455556666', 'CloudTrail', 'eu-west-1', '2024/06/09', 'e.json.gz')),
    ];
    const plan = planArchives({ ...base, sources });
    const reversed = planArchives({ ...base, sources: [...sources].reverse() });
    expect(reversed).toEqual(plan);
    expect(plan.archives.map((a) => a.archiveKey)).toEqual([
      `archives/2024/06/09/${ACCT}/CloudTrail/eu-west-1/${ACCT}_CloudTrail_eu-west-1_20240609_0000.gz`,
      `archives/2024/06/09/${ACCT}/CloudTrail/us-east-1/${ACCT}_CloudTrail_us-east-1_20240609_0000.gz`,
      'archives/2024/06/09/444455556666/CloudTrail/eu-west-1/444455556666_CloudTrail_eu-west-1_20240609_0000.gz',
    ]);
    const first = plan.archives[0];
    expect(first?.manifestKey).toBe(first?.archiveKey.replace(/\.gz$/, '.manifest.json'));
    expect(first?.markerKey).toBe(first?.archiveKey.replace(/\.gz$/, '.verified.json'));
    expect(first?.manifest.entries.map((e) => [e.key.split('/').pop(), e.offset])).toEqual([
      ['a.json.gz', 0],
      ['b.json.gz', 10],
    ]);
    expect(first?.manifest.totalBytes).toBe(20);
    for (const archive of plan.archives)
      expect(ManifestSchema.parse(archive.manifest)).toEqual(archive.manifest);
  });

  it.each([
    { name: 'all fit', sizes: [30, 30, 40], limit: 100, split: [[0, 1, 2]] },
    { name: 'split before exceeding', sizes: [60, 30, 20], limit: 100, split: [[0, 1], [2]] },
    {
      name: 'an oversized source gets its own archive',
      sizes: [10, 500, 10],
      limit: 100,
      split: [[0], [1], [2]],
    },
    { name: 'empty sources still count as entries', sizes: [0, 0], limit: 100, split: [[0, 1]] },
  ])('splits at the size limit: $name', ({ sizes, limit, split }) => {
    const sources = sizes.map((size, i) =>
      src(ct(ACCT, 'Config', 'eu-west-1', '2024/06/09', `f${i}.json.gz`), size),
    );
    const plan = planArchives({ ...base, maxArchiveBytes: limit, sources });
    expect(
      plan.archives.map((a) => a.manifest.entries.map((e) => Number(/\/f(\d+)\.json\.gz$/.exec(e.key)?.[1]))),
    ).toEqual(split);
    expect(plan.archives.map((a) => a.manifest.index)).toEqual(split.map((_, i) => i));
  });

  it('numbers new archives after the verified ones of a group', () => {
    const sources = [src(ct(ACCT, 'Config', 'eu-west-1', '2024/06/09', 'x.json.gz'))];
    const plan = planArchives({
      ...base,
      sources,
      firstIndex: new Map([[`${ACCT}/Config/eu-west-1/2024-06-09`, 3]]),
    });
    expect(plan.archives[0]?.archiveKey).toMatch(/_0003\.gz$/);
  });

  it('keeps sources that share a basename apart, by full key', () => {
    const sources = [
      src(ct(ACCT, 'Config', 'eu-west-1', '2024/06/09', 'ConfigHistory/same.json.gz'), 5),
      src(ct(ACCT, 'Config', 'eu-west-1', '2024/06/09', 'ConfigSnapshot/same.json.gz'), 7),
    ];
    const plan = planArchives({ ...base, sources });
    expect(plan.archives).toHaveLength(1);
    expect(plan.archives[0]?.manifest.entries.map((e) => [e.key, e.offset, e.size])).toEqual([
      [sources[0]?.key, 0, 5],
      [sources[1]?.key, 5, 7],
    ]);
  });

  it.each([
    ['not-control-tower-layout', 'random/key.gz', 'ct-logs'],
    ['other-date', ct(ACCT, 'CloudTrail', 'eu-west-1', '2024/06/10', 'a.json.gz'), 'ct-logs'],
    ['not-gzip', ct(ACCT, 'CloudTrail', 'eu-west-1', '2024/06/09', 'a.json'), 'ct-logs'],
    ['archive-area', 'archives/2024/06/09/x.gz', 'archive'],
  ])('skips and reports %s keys (never deleted)', (reason, key, sourceBucket) => {
    const plan = planArchives({ ...base, sourceBucket, sources: [src(key)] });
    expect(plan.archives).toEqual([]);
    expect(plan.skipped).toEqual([{ key, reason }]);
  });
});

describe('helpers', () => {
  it.each([
    [0, 1],
    [1, 1],
    [5 * MIB, 1],
    [5 * MIB + 1, 2],
  ])('partCount(%d) = %d', (total, parts) => {
    expect(partCount(total, 5 * MIB)).toBe(parts);
  });

  it('batches deletes at the batch size', () => {
    expect(deleteBatches([...Array(2001).keys()], 1000).map((b) => b.length)).toEqual([1000, 1000, 1]);
  });

  it('archiveKeys pads the index', () => {
    expect(
      archiveKeys('p', { accountId: ACCT, logType: 'Config', region: 'r', date: '2024-01-02' }, 12)
        .archiveKey,
    ).toBe(`p/2024/01/02/${ACCT}/Config/r/${ACCT}_Config_r_20240102_0012.gz`);
  });
});

describe('parseAggregationOptions', () => {
  const good = {
    orgId: ORG,
    sourceBucket: 'ct-logs',
    archiveBucket: 'archive',
    archivePrefix: 'archives',
    date: '2024-06-09',
  };

  it('applies defaults', () => {
    expect(parseAggregationOptions(good)).toMatchObject({ partSizeBytes: 8 * MIB, deleteBatchSize: 1000 });
  });

  it.each([
    ['partSizeBytes', { partSizeBytes: MIB }],
    ['deleteBatchSize', { deleteBatchSize: 1001 }],
    ['date', { date: '2024-6-9' }],
    ['archivePrefix', { archivePrefix: 'archives/' }],
    ['orgId', { orgId: 'org' }],
    ['prefixes.0', { prefixes: ['  '] }],
    ['accountId', { accountId: '12345' }],
    ['', { extra: 1 }],
  ])('names the bad field %s', (field, patch) => {
    try {
      parseAggregationOptions({ ...good, ...patch });
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(LogAggregationInputError);
      expect((error as LogAggregationInputError).field).toBe(field);
    }
  });
});

describe('dayKeyPrefixes and accountRoots', () => {
  const region = `${ORG}/AWSLogs/${ACCT}/Config/eu-west-1/`;

  it('gives the padded and the unpadded day, each ending with /', () => {
    expect(dayKeyPrefixes(region, '2024-06-01')).toEqual([`${region}2024/06/01/`, `${region}2024/6/1/`]);
    expect(dayKeyPrefixes(region.slice(0, -1), '2024-11-09')).toEqual([
      `${region}2024/11/09/`,
      `${region}2024/11/9/`,
    ]);
  });

  it('gives one prefix when both forms are the same', () => {
    expect(dayKeyPrefixes(region, '2024-12-15')).toEqual([`${region}2024/12/15/`]);
  });

  it('never takes in day 10 to 19 for day 1 (the unpadded prefix ends with /)', () => {
    const prefixes = dayKeyPrefixes(region, '2024-06-01');
    const keys = [
      `${region}2024/6/1/a.json.gz`,
      `${region}2024/6/10/b.json.gz`,
      `${region}2024/6/19/c.json.gz`,
    ];
    expect(keys.filter((key) => prefixes.some((p) => key.startsWith(p)))).toEqual([keys[0]]);
  });

  it('names both Control Tower layouts', () => {
    expect(accountRoots(ORG, ACCT)).toEqual([`${ORG}/AWSLogs/${ACCT}/`, `${ORG}/AWSLogs/${ORG}/${ACCT}/`]);
  });
});

describe('planArchives scoped to one account', () => {
  it("skips another account's sources as other-account", () => {
    const mine = src(ct(ACCT, 'CloudTrail', 'eu-west-1', '2024/06/09', 'a.json.gz'));
    const theirs = src(ct('444455556666', 'CloudTrail', 'eu-west-1', '2024/06/09', 'a.json.gz'));
    const plan = planArchives({ ...base, accountId: ACCT, sources: [mine, theirs] });
    expect(plan.archives.flatMap((a) => a.manifest.entries.map((e) => e.key))).toEqual([mine.key]);
    expect(plan.skipped).toEqual([{ key: theirs.key, reason: 'other-account' }]);
  });
});
