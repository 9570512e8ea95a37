/**
 * Stack assertions: the properties that matter (IAM, encryption, recovery, event patterns, retries),
 * asserted with `Template`/`Match` rather than snapshots; cdk-nag AwsSolutions passes with every
 * acknowledgement reasoned, and fails when a new wildcard appears.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { matchesEventPattern, validateEventPattern } from '@soar/local-runtime';
import { aControlFinding, aFindingsImportedEvent } from '@soar/testing';
import { createSoarApp } from '../src/app';
import { parseAppConfig, SoarConfigError, type SoarAppConfigInput } from '../src/config';
import { FUNCTION_ENTRIES } from '../src/stack/soar-core-stack';
import { LAMBDA_TRANSIENT, SOAR_METRIC_NAMESPACE, worstCaseRetryDelay } from '@soar/constructs';
import { FAILURE_RECORDED_LOG_MESSAGE } from '@soar/workflow/aws';
import { INTAKE_REJECTED_LOG_MESSAGE } from '@soar/workflow/limits';
import { FINDING_EVENT_PATTERNS, SERVICE_TRANSIENT, TICKET_BUSY, TICKET_SYSTEM } from '@soar/soar-core-infra';
import type { SoarCoreStack } from '../src/stack/soar-core-stack';

const ORG = 'o-abcdefghij';

/** A configuration with the organization every deployment names, unless it opts into any organization. */
function withOrganization(config: SoarAppConfigInput): SoarAppConfigInput {
  return { ...(config.allowAnyOrganization === true ? {} : { organizationId: ORG }), ...config };
}

function synth(config: SoarAppConfigInput = {}, nag = false): { stack: SoarCoreStack; template: Template } {
  const { stack } = createSoarApp(parseAppConfig(withOrganization(config)), { bundle: false, nag });
  return { stack, template: Template.fromStack(stack) };
}

/**
 * Every IAM statement attached to the role of one function, but X-Ray's: every function has the same
 * tracing policy of its own (`tests/monitoring.spec.ts` asserts it).
 */
function statementsOf(template: Template, stack: Stack, fn: { role?: iam.IRole | undefined }): unknown[] {
  const role = fn.role?.node.defaultChild;
  if (role === undefined) throw new Error('function without a role');
  const roleId = stack.getLogicalId(role as iam.CfnRole);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  for (const id of Object.keys(policies)) if (/Tracing[0-9A-F]{8}$/.test(id)) delete policies[id];
  return Object.values(policies).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement,
  );
}

/**
 * The actions granted, once per resource they are granted on: the same list whether CDK writes one
 * statement per table or merges them (the recommended flag `@aws-cdk/aws-iam:minimizePolicies`).
 */
function actionsOf(statements: unknown[]): string[] {
  return statements
    .flatMap((s) => {
      const { Action: action, Resource: resource } = s as { Action: string | string[]; Resource: unknown };
      const actions = Array.isArray(action) ? action : [action];
      const resources = Array.isArray(resource) ? resource : [resource];
      return resources.flatMap(() => actions);
    })
    .sort();
}

describe('Stack: SoarCore', () => {
  const { stack, template } = synth();

  it('keeps every table on demand, encrypted and recoverable, with generated names', () => {
    const tables = template.findResources('AWS::DynamoDB::GlobalTable');
    // SOAR's ten, and the incident suppressions and history.
    expect(Object.keys(tables)).toHaveLength(12);
    for (const table of Object.values(tables) as { Properties: Record<string, unknown> }[]) {
      expect(table.Properties['BillingMode']).toBe('PAY_PER_REQUEST');
      expect(table.Properties['TableName']).toBeUndefined();
      expect(table.Properties['SSESpecification']).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
      expect(table.Properties['Replicas']).toEqual([
        expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ]);
    }
  });

  it('designs the tickets table for the ticket store queries (no constant partition key)', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: 'open-due-index',
          KeySchema: [
            { AttributeName: 'open_shard', KeyType: 'HASH' },
            { AttributeName: 'open_due_at', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({ IndexName: 'account-open-index' }),
        Match.objectLike({ IndexName: 'account-opened-index' }),
      ]),
    });
  });

  it('runs every function on Node.js 24, ARM64, with a log group that expires', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { SOAR_CONFIG: Match.anyValue() } } },
    });
    // Each entry of FUNCTION_ENTRIES is one function, and every function reads SOAR_CONFIG.
    expect(Object.keys(functions)).toHaveLength(Object.keys(FUNCTION_ENTRIES).length);
    for (const fn of Object.values(functions) as { Properties: Record<string, unknown> }[]) {
      expect(fn.Properties['Runtime']).toBe('nodejs24.x');
      expect(fn.Properties['Architectures']).toEqual(['arm64']);
      expect(fn.Properties['LoggingConfig']).toEqual({ LogGroup: { Ref: expect.any(String) } });
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('subscribes intake to the findings bus with two rules that filter out work-free events', () => {
    // The scheduled jobs' rules have no pattern: they are on the default bus, as schedules must be.
    const patternRules = Object.values(template.findResources('AWS::Events::Rule')).filter(
      (rule) => (rule as { Properties: Record<string, unknown> }).Properties['EventPattern'] !== undefined,
    );
    expect(patternRules).toHaveLength(2);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: {
        source: ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        detail: { findings: { Workflow: { Status: ['NEW'] }, RecordState: ['ACTIVE'] } },
      },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
    });
  });

  it('puts the rules on the configured bus', () => {
    const custom = synth({ eventBusName: 'SOAR-events' }).template;
    const patternRules = Object.values(custom.findResources('AWS::Events::Rule')).filter(
      (rule) => (rule as { Properties: Record<string, unknown> }).Properties['EventPattern'] !== undefined,
    );
    expect(
      patternRules.map((rule) => (rule as { Properties: { EventBusName?: string } }).Properties.EventBusName),
    ).toEqual(['SOAR-events', 'SOAR-events']);
  });

  describe('event patterns', () => {
    const newPattern = {
      source: FINDING_EVENT_PATTERNS.newFindings.source,
      'detail-type': FINDING_EVENT_PATTERNS.newFindings.detailType,
      detail: FINDING_EVENT_PATTERNS.newFindings.detail,
    };
    const resolvedPattern = {
      source: FINDING_EVENT_PATTERNS.resolvedTicketedFindings.source,
      'detail-type': FINDING_EVENT_PATTERNS.resolvedTicketedFindings.detailType,
      detail: FINDING_EVENT_PATTERNS.resolvedTicketedFindings.detail,
    };
    const ticketed = { TicketOpen: 'Yes', TicketId: 'SOAR-1' };
    const cases: [
      string,
      'new' | 'resolved' | 'none',
      Parameters<typeof aControlFinding>[0],
      Record<string, string> | undefined,
    ][] = [
      ['a new failed control', 'new', { workflowStatus: 'NEW' }, undefined],
      [
        'a re-import of a ticketed finding that still fails',
        'none',
        { workflowStatus: 'NOTIFIED', status: 'FAILED' },
        ticketed,
      ],
      [
        'a ticketed finding that passes now',
        'resolved',
        { workflowStatus: 'NOTIFIED', status: 'PASSED' },
        ticketed,
      ],
      ['a ticketed finding SOAR suppressed', 'resolved', { workflowStatus: 'SUPPRESSED' }, ticketed],
      ['a resolved finding without a ticket', 'none', { workflowStatus: 'RESOLVED' }, undefined],
      [
        'a finding whose ticket was closed',
        'none',
        { workflowStatus: 'NOTIFIED', status: 'PASSED' },
        { TicketOpen: 'No' },
      ],
    ];

    it('are valid EventBridge patterns', () => {
      expect(validateEventPattern(newPattern)).toEqual([]);
      expect(validateEventPattern(resolvedPattern)).toEqual([]);
    });

    it.each(cases)(
      '%s goes to the rule: %s (never to both, which would deliver it twice)',
      (_label, expected, options, udf) => {
        const finding = {
          ...aControlFinding(options),
          ...(udf === undefined ? {} : { UserDefinedFields: udf }),
        };
        const event = aFindingsImportedEvent([finding]);
        const matched = [
          matchesEventPattern(newPattern, event) ? 'new' : undefined,
          matchesEventPattern(resolvedPattern, event) ? 'resolved' : undefined,
        ].filter((m) => m !== undefined);
        expect(matched).toEqual(expected === 'none' ? [] : [expected]);
      },
    );

    it('an archived ticketed finding goes to the resolved rule', () => {
      const finding = {
        ...aControlFinding({ workflowStatus: 'NOTIFIED' }),
        RecordState: 'ARCHIVED' as const,
        UserDefinedFields: ticketed,
      };
      expect(matchesEventPattern(resolvedPattern, aFindingsImportedEvent([finding]))).toBe(true);
      expect(matchesEventPattern(newPattern, aFindingsImportedEvent([finding]))).toBe(false);
    });
  });

  it('dead-letters intake invocations that keep failing, and alarms on the dead letters', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'INFRA-SOAR-Intake-DLQ-Failure-HIGH',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
  });

  it('alarms when a finding processor execution fails, times out or is aborted', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'INFRA-SOAR-ASFF-Processor-SM-Failure-HIGH',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'failed + timedOut + aborted' }),
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: 'ExecutionsFailed', Namespace: 'AWS/States' }),
          }),
        }),
      ]),
    });
  });

  it.each([
    ['Intake', INTAKE_REJECTED_LOG_MESSAGE, 'IntakeRejections', 'INFRA-SOAR-Intake-Rejections-MEDIUM'],
    ['RecordFailure', FAILURE_RECORDED_LOG_MESSAGE, 'RecordedFailures', 'INFRA-SOAR-Recorded-Failures-HIGH'],
  ] as const)(
    'counts the lines %s logs as "%s" in SOAR/%s and raises %s',
    (fn, message, metric, alarmName) => {
      const logGroup = stack.getLogicalId(stack.functions[fn].logGroup.node.defaultChild as CfnElement);
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logGroup },
        FilterPattern: `{ $.message = "${message}" }`,
        MetricTransformations: [
          { MetricNamespace: SOAR_METRIC_NAMESPACE, MetricName: metric, MetricValue: '1', DefaultValue: 0 },
        ],
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: alarmName,
        Namespace: SOAR_METRIC_NAMESPACE,
        MetricName: metric,
        Statistic: 'Sum',
        Period: 300,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        TreatMissingData: 'notBreaching',
      });
    },
  );

  it('logs every state machine event without execution data (findings stay out of the logs), with X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  describe('least privilege', () => {
    const fns = stack.functions;

    it('lets intake read the gates, start the state machine and sync an account never synced', () => {
      const actions = actionsOf(statementsOf(template, stack, fns.Intake));
      expect(actions).toEqual(
        [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:GetItem',
          // an account never synced: its rows (index query, marker read, batch writes) and a
          // member-role session limited to reading Security Hub controls
          'dynamodb:BatchWriteItem',
          'dynamodb:GetItem',
          'dynamodb:Query',
          'sts:AssumeRole',
          'dynamodb:PutItem',
          'dynamodb:PutItem',
          'dynamodb:PutItem',
          'organizations:DescribeAccount',
          'organizations:DescribeOrganizationalUnit',
          'organizations:ListParents',
          'organizations:ListTagsForResource',
          // the dead-letter destination of its async invocations
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:SendMessage',
          // the finding processor, and the incidents workflow
          'states:StartExecution',
          'states:StartExecution',
        ].sort(),
      );
    });

    it('lets the remediation assume the member role and claim its finding event, and nothing else itself', () => {
      const claim = ['dynamodb:GetItem', 'dynamodb:PutItem'];
      // Besides: a put of its outcome in the history, and of a history row it could not write in the failures.
      expect(actionsOf(statementsOf(template, stack, fns.Remediate))).toEqual([
        ...claim,
        'dynamodb:PutItem',
        'dynamodb:PutItem',
        'sts:AssumeRole',
      ]);
      expect(actionsOf(statementsOf(template, stack, fns.Suppress))).toEqual([...claim, 'sts:AssumeRole']);
    });

    it('gives the acting steps the watermarks table only for reading and conditional puts', () => {
      const watermarks = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable')).find((id) =>
        id.startsWith('TablesWatermarks'),
      );
      for (const fn of [fns.Intake, fns.Suppress, fns.Remediate, fns.Ticket, fns.CloseTicket]) {
        const onWatermarks = (
          statementsOf(template, stack, fn) as { Action: unknown; Resource: unknown }[]
        ).filter((statement) => JSON.stringify(statement.Resource).includes(`"${watermarks ?? 'none'}"`));
        expect(onWatermarks.map((statement) => statement.Action)).toEqual([
          ['dynamodb:GetItem', 'dynamodb:PutItem'],
        ]);
      }
      for (const fn of [fns.NotifyFixed, fns.RecordFailure]) {
        expect(JSON.stringify(statementsOf(template, stack, fn))).not.toContain(watermarks ?? 'none');
      }
    });

    it('grants table access on the table only (no index), and email on the sender identity only', () => {
      const statements = statementsOf(template, stack, fns.Ticket) as {
        Action: unknown;
        Resource: unknown;
      }[];
      const resources = JSON.stringify(statements.map((s) => s.Resource));
      expect(resources).not.toContain('/index/');
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: 'ses:SendEmail',
          // In any order: the recommended flag @aws-cdk/aws-iam:minimizePolicies sorts them.
          Resource: expect.arrayContaining([
            { 'Fn::Join': ['', expect.arrayContaining([':identity/soar@example.com'])] },
            { 'Fn::Join': ['', expect.arrayContaining([':identity/example.com'])] },
          ]),
        }),
      );
    });

    it('limits the member role to the organization when its id is set', () => {
      const scoped = synth({ organizationId: 'o-abcdefghij' });
      expect(statementsOf(scoped.template, scoped.stack, scoped.stack.functions.Remediate)).toContainEqual(
        expect.objectContaining({
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-abcdefghij' } },
        }),
      );
      Annotations.fromStack(scoped.stack).hasNoWarning('*', Match.stringLikeRegexp('allowAnyOrganization'));
    });

    it('refuses to synthesize without an organization id unless told to allow any organization, naming both fields', () => {
      // An operator who forgets the organization (or misspells it) gets no deployment, not a silent gap
      expect(() => createSoarApp(parseAppConfig({}, 'soar.config.yaml'), { bundle: false })).toThrow(
        /soar.config.yaml: invalid SOAR configuration:\n {2}organizationId: is not set\..*allowAnyOrganization: true/s,
      );
    });

    it('assumes the member role in any account only when opted in, and warns at synth', () => {
      const open = synth({ allowAnyOrganization: true });

      const assume = statementsOf(open.template, open.stack, open.stack.functions.Remediate).filter(
        (statement) => (statement as { Action?: unknown }).Action === 'sts:AssumeRole',
      );
      expect(assume).toEqual([expect.not.objectContaining({ Condition: expect.anything() as unknown })]);
      Annotations.fromStack(open.stack).hasWarning(
        '*',
        Match.stringLikeRegexp(
          'allowAnyOrganization is true: the role AWSControlTowerExecution may be assumed in any account',
        ),
      );
    });

    it('keeps ticket system credentials in Secrets Manager, readable by the ticket functions only', () => {
      const jira = synth({ ticketing: { system: 'jira' } });
      jira.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
      const readers = Object.entries(jira.stack.functions).filter(([, fn]) =>
        actionsOf(statementsOf(jira.template, jira.stack, fn)).includes('secretsmanager:GetSecretValue'),
      );
      expect(readers.map(([id]) => id).sort()).toEqual(['CloseTicket', 'NotifyIncident', 'Ticket']);
      expect(JSON.stringify(jira.template.toJSON())).not.toMatch(/apiToken":\s*"/);
    });
  });

  it('seeds the remediable-controls table with every control by default', () => {
    const resources = template.findResources('Custom::AWS');
    const create = JSON.stringify(
      Object.values(resources).map((r) => (r as { Properties: { Create: unknown } }).Properties.Create),
    );
    for (const control of ['EC2.2', 'EC2.13', 'S3.2', 'KMS.4', 'DynamoDB.2'])
      expect(create).toContain(`\\"${control}\\"`);
  });
});

describe('Finding processor retries', () => {
  it('never waits more than a few minutes in total on an input that keeps failing', () => {
    // Arrange: the profiles the ticket task combines, the longest of any task
    const ticket = [LAMBDA_TRANSIENT, SERVICE_TRANSIENT, TICKET_SYSTEM, TICKET_BUSY];

    // Act
    const total = worstCaseRetryDelay(ticket);

    // Assert
    expect(total).toBeLessThanOrEqual(10 * 60);
    expect(worstCaseRetryDelay([LAMBDA_TRANSIENT])).toBe(14);
  });

  it('puts a retry with MaxDelaySeconds and a catch on every task', () => {
    const { template } = synth();
    const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0] as {
      Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } };
    };
    const text = machine.Properties.DefinitionString['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : 'X'))
      .join('');
    const definition = JSON.parse(text) as {
      States: Record<string, { Type: string; Retry?: { MaxDelaySeconds?: number }[]; Catch?: unknown[] }>;
    };
    const tasks = Object.entries(definition.States).filter(([, state]) => state.Type === 'Task');
    expect(tasks.map(([name]) => name).sort()).toEqual(
      ['CloseTicket', 'NotifyFixed', 'RecordFailure', 'Remediate', 'Suppress', 'TicketTeam'].sort(),
    );
    for (const [name, state] of tasks) {
      expect({ name, retries: state.Retry?.every((r) => typeof r.MaxDelaySeconds === 'number') }).toEqual({
        name,
        retries: true,
      });
      if (name !== 'RecordFailure')
        expect({ name, catches: state.Catch?.length }).toEqual({ name, catches: 1 });
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes, every acknowledgement carrying its reason', () => {
    const { app } = createSoarApp(
      parseAppConfig({ ticketing: { system: 'servicenow' }, organizationId: 'o-abcdefghij' }),
      {
        bundle: false,
      },
    );
    expect(() => app.synth()).not.toThrow();
  });

  it('fails the synth when a new wildcard permission appears', () => {
    const { app, stack } = createSoarApp(parseAppConfig({ organizationId: ORG }), { bundle: false });
    stack.functions.RecordFailure.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  });
});

describe('Bundling', () => {
  it('bundles every function with the local esbuild, from the TypeScript sources', () => {
    // Arrange
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-synth-'));
    const { app, stack } = createSoarApp(parseAppConfig({ organizationId: ORG }), { nag: false, outdir });

    // Act
    const assembly = app.synth();

    // Assert: one code asset per function, each a CommonJS bundle with its handler
    const assets = fs.readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    const bundles = assets.filter((name) => fs.existsSync(path.join(outdir, name, 'index.js')));
    expect(bundles.length).toBeGreaterThanOrEqual(Object.keys(stack.functions).length);
    for (const bundle of bundles) {
      const code = fs.readFileSync(path.join(outdir, bundle, 'index.js'), 'utf8');
      expect(code).toContain('handler');
      expect(code).not.toMatch(/require\(["']@soar\//); // workspace libraries are bundled, not required
    }
    expect(assembly.getStackByName(stack.stackName).template).toBeDefined();
    fs.rmSync(outdir, { recursive: true, force: true });
  }, 60_000);
});

describe('Function: parseAppConfig', () => {
  it('accepts only the log retention periods CloudWatch Logs accepts', () => {
    expect(parseAppConfig({ organizationId: ORG, logRetentionDays: 90 }).logRetentionDays).toBe(90);
    expect(() => parseAppConfig({ organizationId: ORG, logRetentionDays: 31 })).toThrow(
      /logRetentionDays: must be one of 1, 3, 5, 7, 14, 30/,
    );
  });

  it('names the bad fields', () => {
    expect(() =>
      parseAppConfig({ organizationId: 'org-1', ticketing: { system: 'zendesk' } }, 'soar.config.yaml'),
    ).toThrow(SoarConfigError);
    expect(() => parseAppConfig({ organizationId: 'org-1' }, 'soar.config.yaml')).toThrow(
      /soar.config.yaml: invalid SOAR configuration:\n {2}organizationId: must be an organization id/,
    );
  });
});
