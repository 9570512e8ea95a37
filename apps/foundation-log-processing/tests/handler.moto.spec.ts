/**
 * The deployed shape of AggregateAccountDay: its `handler` (the thin wrapper) with the runtime
 * configuration from the environment, S3 from the SDK's own configuration (moto through
 * `AWS_ENDPOINT_URL`), and the Lambda context's remaining time deciding when it stops.
 */
import type { Context } from 'aws-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { startMotoServer, type MotoServer } from '@soar/testing';

import { RUNTIME_CONFIG_VARIABLE } from '../src/functions/runtime-config';
import { ACCOUNTS, CREDENTIALS, DAYS, REGION, runtimeConfig, seededBuckets, seedLogs } from './support';

/** A Lambda context whose remaining time is what the test says. */
function contextWith(remainingMs: () => number): Context {
  return {
    functionName: 'AggregateAccountDay',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:AggregateAccountDay',
    memoryLimitInMB: '1024',
    awsRequestId: 'request-1',
    logGroupName: '/aws/lambda/AggregateAccountDay',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

describe('Handler: AggregateAccountDay', () => {
  let moto: MotoServer;
  const saved = { ...process.env };

  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(async () => {
    process.env = saved;
    await moto.stop();
  });

  it('stops before an archive when the invocation’s time runs short, and finishes on the next invocation', async () => {
    // Arrange: the environment the stack sets, and the SDK pointed at moto
    const s3 = new S3Client({
      endpoint: moto.endpoint,
      region: REGION,
      credentials: CREDENTIALS,
      forcePathStyle: true,
    });
    const buckets = await seededBuckets(s3, seedLogs());
    s3.destroy();
    process.env = {
      ...saved,
      [RUNTIME_CONFIG_VARIABLE]: JSON.stringify(runtimeConfig(buckets.source, buckets.archive)),
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    };
    const { handler } = await import('../src/functions/aggregate-account-day.js');
    const input = { accountId: ACCOUNTS[0], date: DAYS[0], round: 0 };

    // Act: one minute left (under the two-minute margin), then ten
    const short = await handler(
      input,
      contextWith(() => 60_000),
    );
    const long = await handler(
      { ...input, round: short.round },
      contextWith(() => 600_000),
    );

    // Assert
    expect(short).toMatchObject({ round: 1, complete: false, built: 0, remainingArchives: 4, deleted: 0 });
    expect(long).toMatchObject({ round: 2, complete: true, built: 4, remainingArchives: 0, deleted: 8 });
  });
});
