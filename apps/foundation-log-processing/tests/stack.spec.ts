/**
 * Stack assertions: IAM scoped to exactly the resources the steps touch, the archive bucket's
 * protection and lifecycle, the schedule, the alarms and their metrics, the dashboard, the
 * workflows' retries, and cdk-nag AwsSolutions passing with reasoned acknowledgements (and failing
 * on a new wildcard).
 */
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { extractStateMachines, CloudFormationTemplateSchema } from '@soar/local-runtime';
import { walkStates } from '@soar/local-runtime/details';

import { createLogProcessingApp } from '../src/app';
import { type AppConfigInput, MAX_RETRIES_PER_INVOCATION, parseAppConfig } from '../src/config';
import { ALARM_NAMES, STATE_NAMES } from '../src/stack/names';
import type { LogProcessingStack } from '../src/stack/log-processing-stack';

const ORG = 'o-abcdef1234';
const CT_BUCKET = 'aws-controltower-logs-111122223333-eu-west-1';
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-4e5f';
const REQUIRED = { organizationId: ORG, controlTowerBucketName: CT_BUCKET };

function synth(config: AppConfigInput = REQUIRED) {
  const { app, stack } = createLogProcessingApp(parseAppConfig(config), { bundle: false, nag: false });
  return { app, stack, template: Template.fromStack(stack) };
}

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every IAM statement of the role of a function. */
function statementsOf(
  template: Template,
  stack: LogProcessingStack,
  role: iam.IRole | undefined,
): Statement[] {
  if (role === undefined) throw new Error('no role');
  const roleId = stack.getLogicalId(role.node.defaultChild as CfnElement);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}

const partition = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });

describe('IAM: least privilege, resource-scoped', () => {
  it('lets DiscoverAccounts list the organization’s log root only', () => {
    const { stack, template } = synth();
    const statements = statementsOf(template, stack, stack.functions.discoverAccounts.role);
    expect(statements.filter((s) => s.Sid !== undefined)).toEqual([
      {
        Sid: 'ListControlTowerLogs',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: partition(`:s3:::${CT_BUCKET}`),
        Condition: { StringLike: { 's3:prefix': [`${ORG}/AWSLogs/*`] } },
      },
    ]);
  });

  it('lets AggregateAccountDay read and delete logs under the root, and write archives under the prefix only', () => {
    const { stack, template } = synth();
    const statements = statementsOf(template, stack, stack.functions.aggregateAccountDay.role);
    const archiveArn = {
      'Fn::GetAtt': [stack.getLogicalId(stack.archiveBucket.node.defaultChild as CfnElement), 'Arn'],
    };
    expect(statements.filter((s) => s.Sid !== undefined)).toEqual([
      {
        Sid: 'ListControlTowerLogs',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: partition(`:s3:::${CT_BUCKET}`),
        Condition: { StringLike: { 's3:prefix': [`${ORG}/AWSLogs/*`] } },
      },
      {
        Sid: 'ReadAndDeleteControlTowerLogs',
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject'],
        Resource: partition(`:s3:::${CT_BUCKET}/${ORG}/AWSLogs/*`),
      },
      {
        Sid: 'ListArchives',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: archiveArn,
        Condition: { StringLike: { 's3:prefix': ['control-tower/*'] } },
      },
      {
        Sid: 'WriteArchives',
        Effect: 'Allow',
        Action: [
          's3:AbortMultipartUpload',
          's3:DeleteObject',
          's3:GetObject',
          's3:ListMultipartUploadParts',
          's3:PutObject',
        ],
        Resource: { 'Fn::Join': ['', [archiveArn, '/control-tower/*']] },
      },
    ]);
    // No KMS without a key, no version deletes without deleteVersions, no wildcard but X-Ray's.
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => a.startsWith('kms:') || a === 's3:DeleteObjectVersion')).toEqual([]);
    const wildcards = statements.filter((s) => s.Resource === '*').flatMap((s) => [s.Action].flat());
    expect(wildcards.every((a) => a.startsWith('xray:'))).toBe(true);
  });

  it('adds version deletes and the decrypt grant only when configured', () => {
    const { stack, template } = synth({
      ...REQUIRED,
      deleteVersions: true,
      controlTowerBucketKmsKeyArn: KEY,
    });
    const statements = statementsOf(template, stack, stack.functions.aggregateAccountDay.role);
    const bySid = (sid: string) => statements.find((s) => s.Sid === sid);
    expect(bySid('ListControlTowerLogs')?.Action).toEqual(['s3:ListBucket', 's3:ListBucketVersions']);
    expect(bySid('ReadAndDeleteControlTowerLogs')?.Action).toEqual([
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:GetObject',
    ]);
    expect(bySid('DecryptControlTowerLogs')).toEqual({
      Sid: 'DecryptControlTowerLogs',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: KEY,
    });
  });

  it('gives ComputeDateList no S3 access at all', () => {
    const { stack, template } = synth();
    const actions = statementsOf(template, stack, stack.functions.computeDateList.role).flatMap((s) =>
      [s.Action].flat(),
    );
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual([]);
  });
});

describe('The archive bucket', () => {
  it('is versioned, encrypted, private, TLS only and retained', () => {
    const { template } = synth();
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('moves archives to Deep Archive above the size floor, expires them, aborts uploads and expires old versions', () => {
    const { template } = synth({
      ...REQUIRED,
      archive: { deepArchiveAfterDays: 30, noncurrentVersionExpirationDays: 7 },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'ArchivesToDeepArchive',
            Status: 'Enabled',
            ObjectSizeGreaterThan: '204800',
            Transitions: [{ StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 30 }],
          },
          { Id: 'Expiration', Status: 'Enabled', ExpirationInDays: 3650 },
          {
            Id: 'AbortIncompleteUploads',
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
          { Id: 'NoncurrentVersions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 7 } },
        ],
      },
    });
  });

  it('has no noncurrent-version rule when it is not versioned', () => {
    const { template } = synth({ ...REQUIRED, archive: { versioned: false } });
    const [bucket] = Object.values(template.findResources('AWS::S3::Bucket'));
    const rules = (bucket as { Properties: { LifecycleConfiguration: { Rules: { Id: string }[] } } })
      .Properties.LifecycleConfiguration.Rules;
    expect(rules.map((r) => r.Id)).toEqual(['ArchivesToDeepArchive', 'Expiration', 'AbortIncompleteUploads']);
    expect(bucket).not.toHaveProperty('Properties.VersioningConfiguration');
  });
});

describe('Schedule, alarms and dashboard', () => {
  it('starts CombineLogFilesSM nightly at 01:00 UTC with an empty input', () => {
    const { stack, template } = synth();
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 1 * * ? *)',
      Targets: [
        Match.objectLike({
          Arn: { Ref: stack.getLogicalId(stack.workflows.combineLogFiles.node.defaultChild as CfnElement) },
          Input: '{}',
        }),
      ],
    });
  });

  it.each([
    [ALARM_NAMES.combineFailure, 'combineLogFiles'],
    [ALARM_NAMES.historicalFailure, 'processHistorical'],
  ] as const)(
    'alarms %s on failed, timed-out and aborted executions (Sum ≥ 1 in 60 s, missing data not breaching)',
    (name, machine) => {
      const { stack, template } = synth();
      const arn = { Ref: stack.getLogicalId(stack.workflows[machine].node.defaultChild as CfnElement) };
      const metric = (id: string, metricName: string) => ({
        Id: id,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/States',
            MetricName: metricName,
            Dimensions: [{ Name: 'StateMachineArn', Value: arn }],
          },
          Period: 60,
          Stat: 'Sum',
        },
        ReturnData: false,
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: name,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        Metrics: Match.arrayWith([
          Match.objectLike({ Expression: 'failed + timedOut + aborted' }),
          metric('failed', 'ExecutionsFailed'),
          metric('timedOut', 'ExecutionsTimedOut'),
          metric('aborted', 'ExecutionsAborted'),
        ]),
      });
    },
  );

  it('alarms on kept sources and unfinished days, and on every function’s errors', () => {
    const { template } = synth();
    const names = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => (alarm as { Properties: { AlarmName: string } }).Properties.AlarmName,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        ALARM_NAMES.sourcesKept,
        ALARM_NAMES.dayIncomplete,
        'INFRA-LogProcessing-AggregateAccountDay-Lambda-Errors-MEDIUM',
        'INFRA-LogProcessing-DiscoverAccounts-Lambda-Errors-MEDIUM',
        'INFRA-LogProcessing-ComputeDateList-Lambda-Errors-MEDIUM',
      ]),
    );
    expect(names.every((name) => /^INFRA-[A-Za-z-]+-(HIGH|MEDIUM)$/.test(name))).toBe(true);
  });

  it('builds the dashboard in CDK, named apart from the account default, with the bucket over every storage class', () => {
    const { template } = synth();
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const dashboard = dashboards[0] as { Properties: { DashboardName: string; DashboardBody: unknown } };
    expect(dashboard.Properties.DashboardName).toBe('Foundation-Log-Processing');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    expect(body).toContain('{AWS/S3,BucketName,StorageType} MetricName=\\\\\\"BucketSizeBytes\\\\\\"');
    expect(body).toContain('AllStorageTypes');
    expect(body).not.toContain('StandardIAStorage');
    for (const title of [
      'CombineLogFilesSM: executions',
      'CombineAccountBatchSM: executions',
      'ProcessHistoricalMainLogsSM: executions',
      'AggregateAccountDay: invocations and errors',
      'AggregateAccountDay: duration (ms)',
    ]) {
      expect(body).toContain(title);
    }
  });
});

describe('The workflows', () => {
  function machines() {
    const { template } = synth();
    return extractStateMachines(CloudFormationTemplateSchema.parse(template.toJSON()));
  }

  it('are three JSONPath machines the local runtime accepts', () => {
    expect(
      machines()
        .map((m) => m.logicalId.replace(/StateMachine[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual([
      'WorkflowsCombineAccountBatchSM',
      'WorkflowsCombineLogFilesSM',
      'WorkflowsProcessHistoricalMainLogsSM',
    ]);
  });

  it('retries AggregateAccountDay on timeouts (the work is resumable) and throttling, every delay bounded', () => {
    const batch = machines().find((m) => m.logicalId.includes('CombineAccountBatchSM'));
    const state = [...walkStates(batch?.definition ?? { StartAt: '', States: {} })].find(
      (walked) => walked.name === STATE_NAMES.aggregateAccountDay,
    )?.state as unknown as {
      Retry: { ErrorEquals: string[]; MaxAttempts: number; MaxDelaySeconds?: number }[];
    };
    const errors = state.Retry.flatMap((r) => r.ErrorEquals);
    expect(errors).toEqual(
      expect.arrayContaining([
        'Sandbox.Timedout',
        'States.Timeout',
        'Lambda.Unknown',
        'Lambda.TooManyRequestsException',
        'SlowDown',
      ]),
    );
    expect(state.Retry.every((r) => r.MaxDelaySeconds !== undefined && r.MaxDelaySeconds <= 300)).toBe(true);
    // The worst-case history of a batch counts every retrier used to its end.
    expect(state.Retry.reduce((sum, r) => sum + r.MaxAttempts, 0)).toBe(MAX_RETRIES_PER_INVOCATION);
  });

  it('starts the child executions with startExecution.sync:2, bounded Map concurrency', () => {
    const all = machines();
    const states = all.flatMap((m) => walkStates(m.definition));
    const syncTasks = states.filter((s) =>
      (s.state as { Resource?: string }).Resource?.endsWith(':states:startExecution.sync:2'),
    );
    expect(syncTasks.map((s) => s.name).sort()).toEqual([
      STATE_NAMES.combineAccountBatch,
      STATE_NAMES.combineDate,
    ]);
    const maps = states.filter((s) => s.state.Type === 'Map');
    expect(
      Object.fromEntries(maps.map((m) => [m.name, (m.state as { MaxConcurrency?: number }).MaxConcurrency])),
    ).toEqual({
      [STATE_NAMES.batches]: 4,
      [STATE_NAMES.accounts]: 10,
      [STATE_NAMES.days]: 1,
      [STATE_NAMES.historicalDays]: 1,
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes, every acknowledgement carrying its reason', () => {
    const { app } = createLogProcessingApp(
      parseAppConfig({ ...REQUIRED, deleteVersions: true, controlTowerBucketKmsKeyArn: KEY }),
      { bundle: false },
    );
    expect(() => app.synth()).not.toThrow();
  });

  it('fails the synth when a new wildcard permission appears on a function', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // the validation report
    const { app, stack } = createLogProcessingApp(parseAppConfig(REQUIRED), { bundle: false });
    stack.functions.aggregateAccountDay.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  });
});
