import * as path from 'node:path';

import { LogProcessingConfigError } from '../src/errors';
import { BATCH_HISTORY_BUDGET, configFromContext, loadAppConfigFile, parseAppConfig } from '../src/config';

const REQUIRED = {
  organizationId: 'o-abcdef1234',
  controlTowerBucketName: 'aws-controltower-logs-111122223333-eu-west-1',
};

describe('Function: parseAppConfig', () => {
  it('gives the documented defaults for a configuration with only the required fields', () => {
    expect(parseAppConfig(REQUIRED)).toEqual({
      ...REQUIRED,
      stackName: 'FoundationLogProcessing',
      archive: {
        prefix: 'control-tower',
        versioned: true,
        deepArchiveAfterDays: 90,
        deepArchiveMinObjectBytes: 204_800,
        expireAfterDays: 3650,
        noncurrentVersionExpirationDays: 30,
        retain: true,
      },
      partSizeMiB: 8,
      deleteVersions: false,
      schedule: 'cron(0 1 * * ? *)',
      catchUpDays: 3,
      accountsPerBatch: 25,
      batchConcurrency: 4,
      accountConcurrency: 10,
      maxHistoricalDays: 731,
      dashboardName: 'Foundation-Log-Processing',
      logRetentionDays: 30,
      retainLogs: true,
    });
  });

  it.each([
    [
      { ...REQUIRED, organisationId: 'o-abcdef1234' },
      'organisationId: unknown key; did you mean "organizationId"?',
    ],
    [{ ...REQUIRED, archive: { prefx: 'logs' } }, 'archive.prefx: unknown key; did you mean "prefix"?'],
    [{ ...REQUIRED, catchUpDay: 2 }, 'catchUpDay: unknown key; did you mean "catchUpDays"?'],
    [{ controlTowerBucketName: REQUIRED.controlTowerBucketName }, 'organizationId:'],
    [{ organizationId: REQUIRED.organizationId }, 'controlTowerBucketName:'],
    [{ ...REQUIRED, organizationId: 'org-1' }, 'organizationId: must be an organization id'],
    [
      { ...REQUIRED, controlTowerBucketName: 'Logs_Bucket' },
      'controlTowerBucketName: must be an S3 bucket name',
    ],
    [
      { ...REQUIRED, controlTowerBucketKmsKeyArn: 'alias/logs' },
      'controlTowerBucketKmsKeyArn: must be a KMS key ARN',
    ],
    [{ ...REQUIRED, archive: { prefix: '/logs/' } }, 'archive.prefix: must be a key prefix'],
    [{ ...REQUIRED, partSizeMiB: 4 }, 'partSizeMiB:'],
    [{ ...REQUIRED, schedule: 'cron(0 1 * * * *)' }, 'schedule:'],
    [
      { ...REQUIRED, dashboardName: 'CloudWatch-Default' },
      'dashboardName: CloudWatch-Default is the account',
    ],
    [{ ...REQUIRED, logRetentionDays: 10 }, 'logRetentionDays: must be one of'],
    [{ ...REQUIRED, catchUpDays: 14, accountsPerBatch: 100 }, 'accountsPerBatch: with catchUpDays 14'],
  ])('names the bad field of %j', (input, message) => {
    const parse = () => parseAppConfig(input, 'foundation-log-processing.config.yaml');
    expect(parse).toThrow(LogProcessingConfigError);
    expect(parse).toThrow(
      new RegExp(
        `^foundation-log-processing.config.yaml: invalid foundation-log-processing configuration:\\n {2}(.*\\n {2})*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
  });

  it('keeps a batch within its history budget with the defaults and at the largest accepted shape', () => {
    expect(BATCH_HISTORY_BUDGET).toBe(20_000);
    expect(() => parseAppConfig({ ...REQUIRED, catchUpDays: 14, accountsPerBatch: 8 })).not.toThrow();
  });
});

describe('Function: loadAppConfigFile', () => {
  it('reads the example configuration, which holds the defaults', () => {
    const config = loadAppConfigFile(
      path.join(__dirname, '..', 'foundation-log-processing.config.example.yaml'),
    );
    expect(config).toEqual(parseAppConfig(REQUIRED));
  });

  it('names the file it cannot read', () => {
    expect(() => loadAppConfigFile('/nonexistent/config.yaml')).toThrow(
      /^\/nonexistent\/config.yaml: cannot read/,
    );
  });
});

describe('Function: configFromContext', () => {
  const context = (values: Record<string, unknown>) => ({
    tryGetContext: (key: string): unknown => values[key],
  });

  it('takes the logProcessing context as JSON text', () => {
    expect(configFromContext(context({ logProcessing: JSON.stringify(REQUIRED) })).organizationId).toBe(
      REQUIRED.organizationId,
    );
  });

  it('says how to pass a configuration when none is given', () => {
    expect(() => configFromContext(context({}))).toThrow(/no configuration: pass -c configFile=/);
  });

  it('names the context key when it is not JSON', () => {
    expect(() => configFromContext(context({ logProcessing: '{' }))).toThrow(
      /^context "logProcessing": not valid JSON/,
    );
  });
});
