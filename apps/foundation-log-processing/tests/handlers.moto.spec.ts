/**
 * The three functions against moto's S3: seeded logs for three accounts, two regions and three days
 * in both Control Tower layouts. DiscoverAccounts finds the accounts and days; AggregateAccountDay
 * archives each account's day (sources gone, archives verified, nothing lost or duplicated, other
 * days untouched), stops early when its time runs short and finishes on the next call;
 * ComputeDateList validates a range.
 */
import { DeleteObjectsCommand, S3Client } from '@aws-sdk/client-s3';
import { UNLIMITED_INVOCATION } from '@soar/lambda';
import { startMotoServer, type MotoServer } from '@soar/testing';
import type { S3Port } from '@soar/log-aggregation/aws';

import { DateRangeError, LogProcessingInputError } from '../src/errors';
import { run as aggregate, type AggregateAccountDaySummary } from '../src/functions/aggregate-account-day';
import { run as computeDateList } from '../src/functions/compute-date-list';
import { run as discover } from '../src/functions/discover-accounts';
import { LOG_MESSAGES } from '../src/messages';
import {
  ACCOUNTS,
  CREDENTIALS,
  DAYS,
  expectArchived,
  keysOf,
  REGION,
  runtimeConfig,
  seededBuckets,
  seedLogs,
} from './support';

/** The runs' clock: the execution started at 01:00 UTC on the third seeded day. */
const START = '2024-06-11T01:00:00.000Z';

describe('Functions against moto (S3)', () => {
  let moto: MotoServer;
  let s3: S3Client;

  beforeAll(async () => {
    moto = await startMotoServer();
    s3 = new S3Client({
      endpoint: moto.endpoint,
      region: REGION,
      credentials: CREDENTIALS,
      forcePathStyle: true,
    });
  });
  afterAll(async () => {
    s3.destroy();
    await moto.stop();
  });

  describe('Function: DiscoverAccounts', () => {
    it('finds every account of both layouts, yesterday and the catch-up days, in batches', async () => {
      const seed = seedLogs();
      const { source, archive } = await seededBuckets(s3, seed);
      const config = runtimeConfig(source, archive, { catchUpDays: 1, accountsPerBatch: 2 });

      const output = await discover({ input: {}, startTime: START }, { s3, config });

      expect(output).toEqual({
        dates: ['2024-06-10', '2024-06-09'],
        accounts: 3,
        skippedPrefixes: 0,
        batches: [
          { accountIds: ACCOUNTS.slice(0, 2), dates: ['2024-06-10', '2024-06-09'] },
          { accountIds: ACCOUNTS.slice(2), dates: ['2024-06-10', '2024-06-09'] },
        ],
      });
    });

    it('processes only the given date of a historical run', async () => {
      const { source, archive } = await seededBuckets(s3, seedLogs());
      const output = await discover(
        {
          input: { date: '2024-06-09', AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: 'arn:parent' },
          startTime: START,
        },
        { s3, config: runtimeConfig(source, archive) },
      );
      expect(output.dates).toEqual(['2024-06-09']);
      expect(output.batches.flatMap((b) => b.accountIds)).toEqual(ACCOUNTS);
    });

    it.each([
      [{ input: { date: '2024-02-30' }, startTime: START }, 'input.date'],
      [{ input: { day: '2024-06-09' }, startTime: START }, 'input'],
      [{ input: {} }, 'startTime'],
    ])('names the bad field of %j', async (input, field) => {
      const act = discover(input, { s3, config: runtimeConfig('a-bucket', 'b-bucket') });
      await expect(act).rejects.toThrow(LogProcessingInputError);
      await expect(act).rejects.toMatchObject({ field });
    });

    it('keeps its output far below the 256 KiB state limit for 5,000 accounts', async () => {
      const accountIds = Array.from({ length: 5000 }, (_, i) => String(100000000000 + i));
      const fake: S3Port = {
        send: (async () => ({
          CommonPrefixes: accountIds.map((id) => ({ Prefix: `o-abcdef1234/AWSLogs/${id}/` })),
        })) as unknown as S3Port['send'],
      };
      const output = await discover(
        { input: {}, startTime: START },
        { s3: fake, config: runtimeConfig('a-bucket', 'b-bucket', { catchUpDays: 3, accountsPerBatch: 25 }) },
      );
      expect(output.batches).toHaveLength(200);
      expect(Buffer.byteLength(JSON.stringify(output))).toBeLessThan(256 * 1024 * 0.5);
    });
  });

  describe('Function: AggregateAccountDay', () => {
    it('archives each account’s day, deletes exactly its sources, and leaves the other days', async () => {
      const seed = seedLogs();
      const buckets = await seededBuckets(s3, seed);
      const config = runtimeConfig(buckets.source, buckets.archive);
      const processed = [DAYS[0], DAYS[1]];

      const summaries: AggregateAccountDaySummary[] = [];
      for (const accountId of ACCOUNTS)
        for (const date of processed)
          summaries.push(
            await aggregate({ accountId, date, round: 0 }, { s3, config }, UNLIMITED_INVOCATION),
          );

      for (const summary of summaries) {
        expect(summary).toMatchObject({
          round: 1,
          complete: true,
          remainingArchives: 0,
          deleted: 8, // 2 regions × (2 CloudTrail + 2 Config)
          deleteFailures: 0,
          changedSinceArchived: 0,
          skipped: 0,
        });
        expect(summary.built).toBe(4); // 2 regions × 2 log types
      }
      const { archives } = await expectArchived(s3, buckets, seed, processed);
      expect(archives).toBe(ACCOUNTS.length * processed.length * 4);
    });

    it('is a no-op when called again for a day already done', async () => {
      const seed = seedLogs();
      const buckets = await seededBuckets(s3, seed);
      const deps = { s3, config: runtimeConfig(buckets.source, buckets.archive) };
      await aggregate({ accountId: ACCOUNTS[0], date: DAYS[0], round: 0 }, deps, UNLIMITED_INVOCATION);

      const again = await aggregate(
        { accountId: ACCOUNTS[0], date: DAYS[0], round: 0 },
        deps,
        UNLIMITED_INVOCATION,
      );

      expect(again).toMatchObject({ complete: true, built: 0, deleted: 0, alreadyVerified: 4 });
    });

    it('starts no archive once its time runs short, and the next call finishes the day', async () => {
      const seed = seedLogs();
      const buckets = await seededBuckets(s3, seed);
      const config = runtimeConfig(buckets.source, buckets.archive);
      const warnings: string[] = [];
      const logger = {
        debug: () => undefined,
        info: () => undefined,
        error: () => undefined,
        warn: (m: string) => warnings.push(m),
      };
      // Plenty of time for the first archive, then less than the margin.
      let checks = 0;
      const shortening = () => (checks++ < 1 ? 600_000 : 60_000);

      const first = await aggregate(
        { accountId: ACCOUNTS[1], date: DAYS[0], round: 3 },
        { s3, config, logger },
        { remainingTimeMs: shortening },
      );
      const second = await aggregate(
        { accountId: ACCOUNTS[1], date: DAYS[0], round: first.round },
        { s3, config, logger },
        UNLIMITED_INVOCATION,
      );

      expect(first).toMatchObject({ round: 4, complete: false, built: 1, remainingArchives: 3 });
      // The fourth round of the run is the last: the day waits for the next night, with a warning.
      expect(warnings).toEqual([LOG_MESSAGES.dayIncomplete]);
      expect(second).toMatchObject({ round: 5, complete: true, built: 3, alreadyVerified: 1 });
      const left = await keysOf(s3, buckets.source);
      expect(left.filter((key) => key.includes(ACCOUNTS[1] ?? '') && key.includes('/2024/06/09/'))).toEqual(
        [],
      );
    });

    it('surfaces sources whose deletion S3 refused, and counts them', async () => {
      const seed = seedLogs();
      const buckets = await seededBuckets(s3, seed);
      const warnings: { message: string; attributes: unknown }[] = [];
      const logger = {
        debug: () => undefined,
        info: () => undefined,
        error: () => undefined,
        warn: (message: string, attributes: unknown) => warnings.push({ message, attributes }),
      };
      // DeleteObjects answers with a per-key error for every key (as S3 does when access is denied).
      const refusing: S3Port = {
        send: (async (command: unknown) => {
          if (command instanceof DeleteObjectsCommand) {
            const objects = command.input.Delete?.Objects ?? [];
            return {
              Errors: objects.map((o) => ({ Key: o.Key, Code: 'AccessDenied', Message: 'Access Denied' })),
            };
          }
          return s3.send(command as never);
        }) as unknown as S3Port['send'],
      };

      const summary = await aggregate(
        { accountId: ACCOUNTS[2], date: DAYS[1], round: 0 },
        {
          s3: refusing,
          config: runtimeConfig(buckets.source, buckets.archive),
          logger,
        },
        UNLIMITED_INVOCATION,
      );

      expect(summary).toMatchObject({ complete: true, built: 4, deleted: 0, deleteFailures: 8 });
      expect(warnings).toEqual([
        expect.objectContaining({
          message: LOG_MESSAGES.sourcesKept,
          attributes: expect.objectContaining({
            accountId: ACCOUNTS[2],
            deleteFailures: expect.arrayContaining([expect.objectContaining({ code: 'AccessDenied' })]),
          }),
        }),
      ]);
      // Nothing was deleted: every source is still in place.
      expect(await keysOf(s3, buckets.source)).toEqual([...seed.keys()].sort());
    });

    it.each([
      [{ accountId: '1234', date: DAYS[0], round: 0 }, 'accountId'],
      [{ accountId: ACCOUNTS[0], date: '2024-6-9', round: 0 }, 'date'],
      [{ accountId: ACCOUNTS[0], date: DAYS[0] }, 'round'],
      [{ accountId: ACCOUNTS[0], date: DAYS[0], round: 0, complete: false }, ''],
    ])('names the bad field of %j', async (input, field) => {
      const act = aggregate(
        input,
        { s3, config: runtimeConfig('a-bucket', 'b-bucket') },
        UNLIMITED_INVOCATION,
      );
      await expect(act).rejects.toMatchObject({ name: 'LogProcessingInputError', field });
    });
  });

  describe('Function: ComputeDateList', () => {
    it('lists the days of a range, oldest first', async () => {
      const output = await computeDateList(
        { input: { startDate: '2024-06-08', endDate: '2024-06-10' }, startTime: START },
        { config: { maxHistoricalDays: 31 } },
      );
      expect(output).toEqual({ dates: ['2024-06-08', '2024-06-09', '2024-06-10'] });
    });

    it('refuses today as the end, naming endDate', async () => {
      const act = computeDateList(
        { input: { startDate: '2024-06-08', endDate: '2024-06-11' }, startTime: START },
        { config: { maxHistoricalDays: 31 } },
      );
      await expect(act).rejects.toThrow(DateRangeError);
      await expect(act).rejects.toMatchObject({ field: 'endDate' });
    });

    it('refuses an input without its dates, naming the field', async () => {
      const act = computeDateList(
        { input: { startDate: '2024-06-08' }, startTime: START },
        { config: { maxHistoricalDays: 31 } },
      );
      await expect(act).rejects.toMatchObject({ name: 'LogProcessingInputError', field: 'input.endDate' });
    });
  });
});
