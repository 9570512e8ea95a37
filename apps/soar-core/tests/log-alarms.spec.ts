/**
 * The log-line alarms count the lines the functions really write: the Intake and RecordFailure
 * handlers run against dynalite with the Powertools logger they deploy with, and each metric filter
 * pattern of the synthesized template is matched against their lines, the way CloudWatch Logs
 * matches a JSON pattern of the `{ $.field = "value" }` form.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { Template } from 'aws-cdk-lib/assertions';
import { isRecord } from '@soar/common';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding, aFindingsImportedEvent, startDynalite, type LocalDynamoDb } from '@soar/testing';
import { failuresTableDefinition } from '@soar/workflow/aws';
import { createSoarApp } from '../src/app';
import { parseAppConfig } from '../src/config';
import { handler as intakeHandler } from '../src/functions/intake';
import { handler as recordFailureHandler } from '../src/functions/record-failure';

/**
 * Whether a JSON log line matches a CloudWatch Logs JSON filter pattern of the one form the stack
 * uses, `{ $.a.b = "value" }` (an exact string comparison). Any other form throws, so that a new
 * pattern gets a matcher here before it ships unproven.
 */
function matchesFilterPattern(pattern: string, line: string): boolean {
  const form = /^\{ \$\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*) = "([^"*\\]*)" \}$/.exec(pattern);
  if (form === null) throw new Error(`Unsupported filter pattern: ${pattern}`);
  const [, selector = '', expected] = form;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return false; // a JSON pattern never matches a line that is not JSON
  }
  const value = selector
    .split('.')
    .reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), parsed);
  return value === expected;
}

function aContext(functionName: string): Context {
  return {
    awsRequestId: `r-${functionName}`,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:111122223333:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/20/[$LATEST]abc',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The lines a call wrote to stdout and stderr, as Lambda sends them to the function's log group. */
async function linesOf(call: () => Promise<unknown>): Promise<string[]> {
  const written: string[] = [];
  const capture = (chunk: unknown): boolean => {
    written.push(String(chunk));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await call();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written.flatMap((chunk) => chunk.split('\n')).filter((line) => line.trim() !== '');
}

const ENVIRONMENT = [
  'SOAR_CONFIG',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
] as const;
const FAILURES_TABLE = 'soar-failures';

describe('Log-line alarms', () => {
  // The metric filters of the stack, by the function whose log group they read.
  const { stack } = createSoarApp(parseAppConfig({ organizationId: 'o-abcdefghij' }), {
    bundle: false,
    nag: false,
  });
  const filters = Object.values(Template.fromStack(stack).findResources('AWS::Logs::MetricFilter')) as {
    Properties: { LogGroupName: unknown; FilterPattern: string };
  }[];
  const patternOn = (fn: 'Intake' | 'RecordFailure'): string => {
    const logGroup = JSON.stringify(stack.resolve(stack.functions[fn].logGroup.logGroupName));
    const found = filters.filter((filter) => JSON.stringify(filter.Properties.LogGroupName) === logGroup);
    expect(found).toHaveLength(1);
    return found[0]?.Properties.FilterPattern ?? '';
  };

  let db: LocalDynamoDb;
  const saved = new Map<string, string | undefined>();
  beforeAll(async () => {
    db = await startDynalite();
    await db.client().send(new CreateTableCommand(failuresTableDefinition(FAILURES_TABLE)));
    for (const name of ENVIRONMENT) saved.set(name, process.env[name]);
    Object.assign(process.env, {
      SOAR_CONFIG: JSON.stringify({
        tables: {
          tickets: 'soar-tickets',
          enabledControls: 'soar-enabled-controls',
          controlSuppressions: 'soar-control-suppressions',
          remediableControls: 'soar-remediable-controls',
          remediationExclusions: 'soar-remediation-exclusions',
          accounts: 'soar-accounts',
          failures: FAILURES_TABLE,
          watermarks: 'soar-watermarks',
        },
        email: { from: 'soar@example.com' },
      }),
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
  });
  afterAll(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await db.stop();
  });

  it("counts each refusal intake logs, and none of intake's other lines", async () => {
    // Arrange: an event that is not a findings event, and a findings event with an invalid finding
    const pattern = patternOn('Intake');
    const event = aFindingsImportedEvent();
    const withInvalidFinding = { ...event, detail: { ...event.detail, findings: [{ Id: 'not-asff' }] } };

    // Act
    const lines = await linesOf(async () => {
      await intakeHandler(
        { source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change' },
        aContext('Intake'),
      );
      await intakeHandler(withInvalidFinding, aContext('Intake'));
    });

    // Assert
    const counted = lines.filter((line) => matchesFilterPattern(pattern, line));
    expect(counted.map((line) => (JSON.parse(line) as { rejection?: unknown }).rejection)).toEqual([
      'invalid_event',
      'invalid_finding',
    ]);
  });

  it('counts the row RecordFailure writes for a failed step', async () => {
    // Arrange
    const pattern = patternOn('RecordFailure');
    const state = {
      key: 'k-1',
      pad: createScratchpad(aControlFinding()),
      decision: { route: 'ticket', rule: 'failed_control', reason: 'The control failed.', gates: [] },
      error: { Error: 'TicketSystemError', Cause: 'Jira answered 503' },
    };

    // Act
    const lines = await linesOf(() => recordFailureHandler(state, aContext('RecordFailure')));

    // Assert
    const counted = lines.filter((line) => matchesFilterPattern(pattern, line));
    expect(counted.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ level: 'ERROR', step: 'ticket', error: 'TicketSystemError', key: 'k-1' }),
    ]);
  });

  it('matches only the simple JSON form exactly, as CloudWatch Logs does', () => {
    const pattern = '{ $.message = "Finding rejected" }';

    expect(matchesFilterPattern(pattern, '{"message":"Finding rejected","rejection":"invalid_event"}')).toBe(
      true,
    );
    expect(matchesFilterPattern(pattern, '{"message":"Finding rejected twice"}')).toBe(false);
    expect(matchesFilterPattern(pattern, 'Finding rejected')).toBe(false);
    expect(() => matchesFilterPattern('{ $.message = "Finding*" }', '{}')).toThrow(/Unsupported/);
  });
});
