/**
 * The S3 report store against moto's S3: the object is written with its content type and
 * server-side encryption (S3-managed keys by default, the given KMS key otherwise).
 */
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { s3ReportStore } from '../src/aws';

const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const BUCKET = 'soar-reports';
const HTML = '<!DOCTYPE html><html lang="en"><body><p>Ünïcødé report</p></body></html>';

describe('s3ReportStore against moto (S3)', () => {
  let moto: MotoServer;
  let s3: S3Client;

  beforeAll(async () => {
    moto = await startMotoServer();
    s3 = new S3Client({ endpoint: moto.endpoint, region: REGION, credentials, forcePathStyle: true });
    await s3.send(
      new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }),
    );
  });
  afterAll(async () => {
    s3.destroy();
    await moto.stop();
  });

  it('writes the report as UTF-8 HTML, encrypted with S3-managed keys, and returns its s3:// URI', async () => {
    const store = s3ReportStore({ s3, bucket: BUCKET, prefix: 'weekly' });
    const { uri } = await store.put('weekly-security-report-2026-06-08.html', HTML);
    expect(uri).toBe('s3://soar-reports/weekly/weekly-security-report-2026-06-08.html');
    const object = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'weekly/weekly-security-report-2026-06-08.html' }),
    );
    expect(object.ContentType).toBe('text/html; charset=utf-8');
    expect(object.ServerSideEncryption).toBe('AES256');
    expect(await object.Body?.transformToString('utf-8')).toBe(HTML);
  });

  it('encrypts with the KMS key when one is given', async () => {
    const keyId = 'arn:aws:kms:eu-west-1:123456789012:key/0f6d2a8e-7a51-4c3b-9f1e-2b8c5d4e6a70';
    const store = s3ReportStore({ s3, bucket: BUCKET, kmsKeyId: keyId });
    await store.put('weekly-security-report-2026-06-15.html', HTML);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'weekly-security-report-2026-06-15.html' }),
    );
    expect(head.ServerSideEncryption).toBe('aws:kms');
    expect(head.SSEKMSKeyId).toContain(keyId);
    expect(head.ContentType).toBe('text/html; charset=utf-8');
  });
});
