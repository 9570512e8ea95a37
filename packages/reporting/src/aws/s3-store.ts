import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Options of {@link s3ReportStore}. */
export interface S3ReportStoreOptions {
  readonly s3: Pick<S3Client, 'send'>;
  readonly bucket: string;
  /** Prepended to each key, e.g. `reports/` (a `/` is added when it has none). */
  readonly prefix?: string | undefined;
  /** Encrypts with this KMS key (`aws:kms`); without it, with S3-managed keys (`AES256`). */
  readonly kmsKeyId?: string | undefined;
}

/**
 * Stores reports in S3: one `PutObject` per report, as `text/html; charset=utf-8`, encrypted at rest
 * (`aws:kms` with the given key, else `AES256`). Needs `s3:PutObject` on the bucket (and
 * `kms:GenerateDataKey` on the key). Returns the object's `s3://` URI.
 *
 * @example
 * ```ts
 * const store = s3ReportStore({ s3: new S3Client({}), bucket: 'soar-reports', prefix: 'weekly', kmsKeyId });
 * await store.put('weekly-security-report-2026-06-08.html', html); // { uri: 's3://soar-reports/weekly/weekly-…' }
 * ```
 */
export function s3ReportStore(options: S3ReportStoreOptions): {
  put(key: string, html: string): Promise<{ uri: string }>;
} {
  const prefix =
    options.prefix === undefined || options.prefix === '' ? '' : options.prefix.replace(/\/*$/, '/');
  return {
    async put(key, html) {
      const objectKey = `${prefix}${key}`;
      await options.s3.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: objectKey,
          Body: html,
          ContentType: 'text/html; charset=utf-8',
          ...(options.kmsKeyId === undefined
            ? { ServerSideEncryption: 'AES256' as const }
            : { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: options.kmsKeyId }),
        }),
      );
      return { uri: `s3://${options.bucket}/${objectKey}` };
    },
  };
}
