import {
  aControlFinding,
  aFindingsImportedEvent,
  aGuardDutyFinding,
  SECURITY_ACCOUNT_ID,
} from '@soar/testing';
import { createLocalSecurityHub, type SecurityHubPort } from '@soar/security-hub';
import type { Account } from '@soar/scratchpad';
import { AccountLookupError, AccountNotFoundError } from '@soar/accounts';
import { DecideConfigSchema, type GateData } from '@soar/triage';
import { createMemoryFailureRecorder } from '../failures';
import { eventKey, executionName } from '../keys';
import type { ExecutionStarter, FlowState } from '..';
import { IntakeRetryError } from '../errors';
import type { IntakePorts } from '../ports';
import { createMemoryWatermarks } from '../watermark';
import { STATE_BUDGET_BYTES } from '../state-budget';
import { intake } from './intake';

const ACCOUNT: Account = {
  Id: '111122223333',
  Name: 'payments-prod',
  Email: 'aws+payments@example.com',
  TeamEmail: 'payments@example.com',
  TeamEmailApp: 'payments@example.com',
  OrganizationalUnit: 'Prod',
  OrganizationalUnitPath: ['Root', 'Workloads', 'Prod'],
  Client: 'Unspecified',
  ProjectName: 'Unspecified',
  Team: 'payments',
  Environment: 'PROD',
  ProjectId: 'PAY',
  ProjectIdApp: 'PAY',
  Tags: {},
  AccountNew: false,
};

const REMEDIABLE: GateData = { controlEnabled: true, remediationEnabled: true };

/** An execution starter that remembers names, as Step Functions does for 90 days. */
function recordingStarter(): ExecutionStarter & { inputs: FlowState[] } {
  const names = new Set<string>();
  const inputs: FlowState[] = [];
  return {
    inputs,
    start({ name, input }) {
      const executionArn = `arn:aws:states:eu-west-1:999999999999:execution:FindingProcessor:${name}`;
      if (names.has(name)) return Promise.resolve({ status: 'duplicate', executionArn });
      names.add(name);
      inputs.push(input);
      return Promise.resolve({ status: 'started', executionArn });
    },
  };
}

function optionsWith(overrides: Partial<IntakePorts> = {}) {
  const executions = recordingStarter();
  const failures = createMemoryFailureRecorder();
  const options: IntakePorts = {
    accounts: { getAccount: () => Promise.resolve(ACCOUNT) },
    gates: { load: () => Promise.resolve(REMEDIABLE) },
    executions,
    failures,
    decide: DecideConfigSchema.parse({}),
    clock: () => new Date('2026-12-01T10:00:00Z'),
    ...overrides,
  };
  return { options, executions, failures };
}

describe('Function: intake', () => {
  describe('pre-processing', () => {
    const PREPROCESSING = {
      reassignment: true,
      securityAccountId: SECURITY_ACCOUNT_ID,
      healthReclassification: true,
    };
    /** A GuardDuty finding the security account produced about a member account's role. */
    const securityAccountFinding = () => ({
      ...aGuardDutyFinding({ accountId: SECURITY_ACCOUNT_ID }),
      Resources: [
        { Type: 'AwsIamRole', Id: `arn:aws:iam::${ACCOUNT.Id}:role/deploy`, Partition: 'aws' as const },
      ],
    });

    it('re-imports a security-account finding into the owning account and starts nothing for the original', async () => {
      // Arrange
      const finding = securityAccountFinding();
      const securityHub = createLocalSecurityHub({ findings: [finding] });
      const { options, executions } = optionsWith({ preprocess: { securityHub, config: PREPROCESSING } });

      // Act
      const [result] = await intake(aFindingsImportedEvent([finding]), options);

      // Assert
      expect(result).toMatchObject({ status: 'reassigned', findingId: finding.Id });
      expect(executions.inputs).toHaveLength(0);
      expect(securityHub.finding(finding.Id, finding.ProductArn)?.Workflow?.Status).toBe('SUPPRESSED');
      expect(securityHub.findings().filter((f) => f.AwsAccountId === ACCOUNT.Id)).toHaveLength(1);
    });

    it('never pre-processes a finding that failed the trust checks', async () => {
      // Arrange: the same finding, from a product SOAR does not trust
      const finding = {
        ...securityAccountFinding(),
        ProductArn: 'arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/forged',
      };
      const securityHub: SecurityHubPort = {
        updateFindings: jest.fn(() => Promise.resolve({ updated: [] })),
        importFindings: jest.fn(() => Promise.resolve({ imported: [] })),
      };
      const { options } = optionsWith({
        preprocess: { securityHub, config: PREPROCESSING },
        decide: DecideConfigSchema.parse({ trustedProducts: ['aws/*'] }),
      });

      // Act
      const [result] = await intake(aFindingsImportedEvent([finding]), options);

      // Assert
      expect(result).toMatchObject({ status: 'rejected', reason: 'untrusted_source' });
      expect(securityHub.importFindings).not.toHaveBeenCalled();
      expect(securityHub.updateFindings).not.toHaveBeenCalled();
    });

    it('records a failed reassignment and handles the original in the security account', async () => {
      // Arrange
      const finding = securityAccountFinding();
      const securityHub: SecurityHubPort = {
        updateFindings: () => Promise.resolve({ updated: [] }),
        importFindings: () => Promise.reject(new Error('AccessDenied')),
      };
      const { options, failures } = optionsWith({ preprocess: { securityHub, config: PREPROCESSING } });

      // Act
      const [result] = await intake(aFindingsImportedEvent([finding]), options);

      // Assert: an incident, decided as it came, and a failure row that says why
      expect(result).toMatchObject({ status: 'left_for_incidents', findingId: finding.Id });
      expect(failures.list()).toEqual([
        expect.objectContaining({
          findingId: finding.Id,
          step: 'preprocess',
          cause: expect.stringContaining('Account reassignment: AccessDenied'),
        }),
      ]);
    });
  });

  it('starts the finding processor for a remediable failed control, named after the finding event', async () => {
    // Arrange
    const finding = aControlFinding({ controlId: 'EC2.2', accountId: ACCOUNT.Id });
    const { options, executions } = optionsWith();

    // Act
    const [result] = await intake(aFindingsImportedEvent([finding]), options);

    // Assert
    expect(result).toMatchObject({ status: 'started', route: 'remediate' });
    expect(result?.status === 'started' && result.executionName).toBe(executionName(eventKey(finding)));
    expect(executions.inputs).toHaveLength(1);
    expect(executions.inputs[0]?.decision.route).toBe('remediate');
    expect(executions.inputs[0]?.pad.account?.Name).toBe('payments-prod');
    expect(executions.inputs[0]?.pad.penalty_score).toBeGreaterThan(0);
  });

  it('logs each line about a finding with its id and the key its execution and steps log (correlation_id)', async () => {
    // Arrange
    const finding = aControlFinding({ controlId: 'EC2.2', accountId: ACCOUNT.Id });
    const lines: { message: string; attributes: Record<string, unknown> }[] = [];
    const collect = (message: string, ...attributes: Readonly<Record<string, unknown>>[]) => {
      lines.push({ message, attributes: Object.assign({}, ...attributes) as Record<string, unknown> });
    };
    const logger = { debug: collect, info: collect, warn: collect, error: collect };
    const { options, executions } = optionsWith({ logger });

    // Act
    await intake(aFindingsImportedEvent([finding]), options);

    // Assert
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line.attributes).toMatchObject({ findingId: finding.Id, correlation_id: eventKey(finding) });
    expect(executions.inputs[0]?.key).toBe(eventKey(finding));
  });

  it('starts nothing for a finding that needs nothing (no state transition is spent)', async () => {
    const finding = aControlFinding({ controlId: 'EC2.2', status: 'PASSED' });
    const { options, executions } = optionsWith();

    const [result] = await intake(aFindingsImportedEvent([finding]), options);

    expect(result).toMatchObject({ status: 'done', route: 'do_nothing' });
    expect(executions.inputs).toHaveLength(0);
  });

  it('starts one execution when the same event is delivered three times', async () => {
    const event = aFindingsImportedEvent([aControlFinding({ controlId: 'S3.2' })]);
    const { options, executions } = optionsWith();

    const results = [
      ...(await intake(event, options)),
      ...(await intake(event, options)),
      ...(await intake(event, options)),
    ];

    expect(results.map((r) => r.status)).toEqual(['started', 'duplicate', 'duplicate']);
    expect(executions.inputs).toHaveLength(1);
  });

  it('starts a new execution for a new import of the finding (UpdatedAt moved)', async () => {
    const first = aControlFinding({ controlId: 'S3.2' });
    const again = { ...first, UpdatedAt: '2026-12-02T00:00:00.000Z' };
    const { options, executions } = optionsWith();

    await intake(aFindingsImportedEvent([first]), options);
    await intake(aFindingsImportedEvent([again]), options);

    expect(executions.inputs).toHaveLength(2);
  });

  it('leaves security incidents NEW for the incidents workflow and starts nothing', async () => {
    const { options, executions } = optionsWith();

    const [result] = await intake(aFindingsImportedEvent([aGuardDutyFinding()]), options);

    expect(result).toMatchObject({ status: 'left_for_incidents', route: 'incident' });
    expect(executions.inputs).toHaveLength(0);
  });

  it('decides without account metadata for an account outside the organization', async () => {
    const finding = aControlFinding({ controlId: 'EC2.2', accountId: '444455556666' });
    const { options, executions } = optionsWith({
      accounts: { getAccount: (id) => Promise.reject(new AccountNotFoundError(id)) },
    });

    const [result] = await intake(aFindingsImportedEvent([finding]), options);

    expect(result?.status).toBe('started');
    expect(executions.inputs[0]?.pad.account).toBeUndefined();
  });

  it('throws when Organizations fails, so the invocation is retried (and dead-lettered at the end)', async () => {
    const { options } = optionsWith({
      accounts: {
        getAccount: (id) =>
          Promise.reject(new AccountLookupError(id, 'DescribeAccount', 'TooManyRequestsException', true)),
      },
    });

    const failure = await intake(aFindingsImportedEvent([aControlFinding()]), options).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(IntakeRetryError);
    expect((failure as IntakeRetryError).cause).toBeInstanceOf(AccountLookupError);
  });

  it('records a malformed finding as a failure and still handles the valid one next to it', async () => {
    const good = aControlFinding({ controlId: 'EC2.2' });
    const bad = { ...aControlFinding({ controlId: 'EC2.3' }), Severity: { Label: 'SEVERE' } };
    const { options, failures, executions } = optionsWith();

    const results = await intake(
      { ...aFindingsImportedEvent([good]), detail: { findings: [bad, good] } },
      options,
    );

    expect(results.map((r) => r.status)).toEqual(['rejected', 'started']);
    expect(results[0]).toMatchObject({ findingId: bad.Id });
    expect(results[0]?.status === 'rejected' && results[0].error).toContain('Severity.Label');
    expect(failures.list()).toEqual([
      expect.objectContaining({ findingId: bad.Id, step: 'intake', error: 'InvalidFindingError' }),
    ]);
    expect(executions.inputs).toHaveLength(1);
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an event without detail', { source: 'aws.securityhub' }],
    ['an event with no findings', { detail: { findings: [] } }],
  ])('records %s as a rejected event instead of throwing', async (_label, event) => {
    const { options, failures } = optionsWith();

    const results = await intake(event, options);

    expect(results).toEqual([
      {
        status: 'rejected',
        reason: 'invalid_event',
        error: expect.stringContaining('not a Security Hub findings event'),
      },
    ]);
    expect(failures.list()).toEqual([
      expect.objectContaining({ step: 'intake', error: 'InvalidEventError' }),
    ]);
  });
});

describe('Function: intake, at the trust boundary', () => {
  const OTHER_ACCOUNT = '444455556666';

  /** A finding a member account imported itself (`BatchImportFindings`), claiming a control id. */
  function forgedControlFinding(product: string, controlId = 'EC2.4') {
    const genuine = aControlFinding({ controlId, accountId: OTHER_ACCOUNT });
    return { ...genuine, ProductArn: `arn:aws:securityhub:eu-west-1:${OTHER_ACCOUNT}:product/${product}` };
  }

  it.each([
    ['a source other than Security Hub', { source: 'custom.attacker' }, 'source'],
    ['another detail-type', { 'detail-type': 'Security Hub Findings - Custom Action' }, 'detail-type'],
    ['no account', { account: undefined }, 'account'],
    ['an account that is not 12 digits', { account: '1234' }, 'account'],
    ['no region', { region: undefined }, 'region'],
    ['a region that is not one', { region: 'mars-north' }, 'region'],
    ['no time', { time: undefined }, 'time'],
    ['no id', { id: undefined }, 'id'],
  ])(
    'refuses an event with %s, naming the field, and acts on none of its findings',
    async (_label, change, field) => {
      const { options, executions, failures } = optionsWith();
      const event = { ...aFindingsImportedEvent([aControlFinding({ controlId: 'EC2.4' })]), ...change };

      const results = await intake(event, options);

      expect(results).toEqual([
        expect.objectContaining({
          status: 'rejected',
          reason: 'invalid_event',
          error: expect.stringContaining(field),
        }),
      ]);
      expect(executions.inputs).toHaveLength(0);
      expect(failures.list()).toEqual([expect.objectContaining({ error: 'InvalidEventError' })]);
    },
  );

  it('never remediates a control id a member account claimed in its own default product: at most an incident', async () => {
    const { options, executions } = optionsWith();

    const [result] = await intake(
      aFindingsImportedEvent([forgedControlFinding(`${OTHER_ACCOUNT}/default`)]),
      options,
    );

    expect(result).toMatchObject({ status: 'left_for_incidents', route: 'incident' });
    expect(executions.inputs).toHaveLength(0);
  });

  it('refuses a finding of a product not on the trusted list, records it as UntrustedFindingError and starts nothing', async () => {
    const { options, executions, failures } = optionsWith();
    const forged = forgedControlFinding('evil-corp/scanner');

    const [result] = await intake(aFindingsImportedEvent([forged]), options);

    expect(result).toMatchObject({ status: 'rejected', reason: 'untrusted_source', findingId: forged.Id });
    expect(executions.inputs).toHaveLength(0);
    expect(failures.list()).toEqual([
      expect.objectContaining({ findingId: forged.Id, error: 'UntrustedFindingError', step: 'intake' }),
    ]);
  });

  it("refuses a Security Hub control finding whose ProductArn names another region than the finding's", async () => {
    const { options, executions } = optionsWith();
    const finding = aControlFinding({ controlId: 'EC2.4' });
    const moved = { ...finding, ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub' };

    const [result] = await intake(aFindingsImportedEvent([moved]), options);

    expect(result).toMatchObject({ status: 'rejected', reason: 'untrusted_source' });
    expect(executions.inputs).toHaveLength(0);
  });

  it('never remediates a control finding of an account outside the organization: it opens a ticket', async () => {
    const finding = aControlFinding({ controlId: 'EC2.2', accountId: OTHER_ACCOUNT });
    const { options, executions } = optionsWith({
      accounts: { getAccount: (id) => Promise.reject(new AccountNotFoundError(id)) },
    });

    const [result] = await intake(aFindingsImportedEvent([finding]), options);

    expect(result).toMatchObject({ status: 'started', route: 'ticket' });
    expect(executions.inputs[0]?.decision.route).toBe('ticket');
  });

  it('refuses a finding with an over-long Id alone: the others start and the batch is not retried', async () => {
    const good = aControlFinding({ controlId: 'EC2.2' });
    const longId = { ...aControlFinding({ controlId: 'S3.2' }), Id: `arn:${'x'.repeat(600)}` };
    const { options, executions, failures } = optionsWith();

    const results = await intake(
      { ...aFindingsImportedEvent([good]), detail: { findings: [longId, good] } },
      options,
    );

    expect(results.map((r) => r.status)).toEqual(['rejected', 'started']);
    expect(results[0]).toMatchObject({ reason: 'invalid_finding', error: expect.stringContaining('Id') });
    expect(executions.inputs).toHaveLength(1);
    expect(failures.list()[0]?.findingId?.length).toBeLessThanOrEqual(513);
  });

  it('gives two refused findings of one event two failure rows, even with the same id', async () => {
    const bad = { ...aControlFinding(), Severity: { Label: 'SEVERE' } };
    const { options, failures } = optionsWith();

    await intake({ ...aFindingsImportedEvent(), detail: { findings: [bad, bad] } }, options);

    const keys = failures.list().map((failure) => failure.key);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
  });

  it('refuses an event whose findings are not a list as invalid, not as too large, however long the value', async () => {
    const { options } = optionsWith();

    const results = await intake(
      { ...aFindingsImportedEvent(), detail: { findings: 'x'.repeat(2_000) } },
      options,
    );

    expect(results).toEqual([
      expect.objectContaining({
        status: 'rejected',
        reason: 'invalid_event',
        error: expect.stringContaining('findings'),
      }),
    ]);
  });

  it('handles the other findings when the failures table cannot take a refusal, then throws so the event is delivered again', async () => {
    const bad = { ...aControlFinding({ controlId: 'EC2.3' }), Severity: { Label: 'SEVERE' } };
    const good = aControlFinding({ controlId: 'EC2.2' });
    const { options, executions } = optionsWith({
      failures: { record: () => Promise.reject(new Error('DynamoDB throttled')) },
    });

    const error = await intake(
      { ...aFindingsImportedEvent(), detail: { findings: [bad, good] } },
      options,
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IntakeRetryError);
    expect((error as IntakeRetryError).results).toEqual([
      expect.objectContaining({
        status: 'failed',
        findingId: bad.Id,
        error: expect.stringContaining('throttled'),
      }),
      expect.objectContaining({ status: 'started', findingId: good.Id }),
    ]);
    expect(executions.inputs).toHaveLength(1);
  });

  it('throws IntakeRetryError when the refusal of a whole event cannot be recorded', async () => {
    const { options, executions } = optionsWith({
      failures: { record: () => Promise.reject(new Error('DynamoDB throttled')) },
    });

    const error = await intake({ source: 'aws.securityhub' }, options).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IntakeRetryError);
    expect((error as IntakeRetryError).results).toEqual([
      { status: 'failed', findingId: 'event', error: expect.stringContaining('throttled') },
    ]);
    expect(executions.inputs).toHaveLength(0);
  });

  it('refuses a finding larger than Security Hub accepts, and an event larger than EventBridge delivers', async () => {
    const huge = { ...aControlFinding(), Description: 'x'.repeat(250_000) };
    const { options, executions } = optionsWith();

    const [alone] = await intake({ ...aFindingsImportedEvent(), detail: { findings: [huge] } }, options);
    const [event] = await intake(
      { ...aFindingsImportedEvent(), detail: { findings: [huge, huge] } },
      options,
    );

    expect(alone).toMatchObject({ status: 'rejected', reason: 'finding_too_large' });
    expect(event).toMatchObject({ status: 'rejected', reason: 'event_too_large' });
    expect(executions.inputs).toHaveLength(0);
  });

  it('handles the other findings when a service fails for one, then throws so the event is delivered again', async () => {
    const failing = aControlFinding({ controlId: 'EC2.2' });
    const fine = aControlFinding({ controlId: 'S3.2' });
    const { options, executions } = optionsWith({
      gates: {
        load: (finding) =>
          finding.Id === failing.Id
            ? Promise.reject(new Error('DynamoDB throttled'))
            : Promise.resolve(REMEDIABLE),
      },
    });

    const error = await intake(
      { ...aFindingsImportedEvent(), detail: { findings: [failing, fine] } },
      options,
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IntakeRetryError);
    expect((error as IntakeRetryError).results.map((r) => r.status)).toEqual(['failed', 'started']);
    expect(executions.inputs).toHaveLength(1);
  });

  it('keeps the largest finding Security Hub accepts within the workflow state limit, keeping the ticket fields', async () => {
    const base = aControlFinding({ controlId: 'EC2.2' });
    const big = {
      ...base,
      UserDefinedFields: { TicketOpen: 'Yes', TicketId: 'SEC-42', note: 'y'.repeat(1000) },
      Resources: [
        { ...base.Resources[0]!, Details: { Other: { blob: 'z'.repeat(1000) } } },
        ...Array.from({ length: 20 }, (_, index) => ({
          Type: 'Other',
          Id: `resource-${index}`,
          Details: {
            Other: Object.fromEntries(Array.from({ length: 10 }, (_v, k) => [`k${k}`, 'w'.repeat(1000)])),
          },
        })),
      ],
    };
    const { options, executions } = optionsWith();

    const [result] = await intake(aFindingsImportedEvent([big]), options);

    expect(result?.status).toBe('started');
    const [input] = executions.inputs;
    expect(Buffer.byteLength(JSON.stringify(input))).toBeLessThanOrEqual(STATE_BUDGET_BYTES);
    expect(input?.omitted).toContain('Resources[1..].Details');
    expect(input?.pad.finding.UserDefinedFields?.['TicketId']).toBe('SEC-42');
  });

  describe('ordering and staleness', () => {
    it('acts on nothing for an event older than one already acted on (a late FAILED after a PASSED)', async () => {
      const watermarks = createMemoryWatermarks();
      const passed = aControlFinding({ controlId: 'S3.2', status: 'PASSED' });
      const olderFailed = {
        ...passed,
        Compliance: { ...passed.Compliance, Status: 'FAILED' as const },
        UpdatedAt: '2020-01-01T00:00:00.000Z',
      };
      const { options, executions } = optionsWith({ watermarks });

      await intake(aFindingsImportedEvent([passed]), options);
      const [late] = await intake(aFindingsImportedEvent([olderFailed]), options);

      expect(late).toMatchObject({ status: 'stale', newer: { updatedAt: passed.UpdatedAt } });
      expect(executions.inputs).toHaveLength(0);
    });

    it('starts nothing again for a re-delivery of an event already acted on', async () => {
      const watermarks = createMemoryWatermarks();
      const event = aFindingsImportedEvent([aControlFinding({ controlId: 'S3.2' })]);
      const { options, executions } = optionsWith({ watermarks });

      const first = await intake(event, options);
      const again = await intake(event, options);

      expect([...first, ...again].map((r) => r.status)).toEqual(['started', 'duplicate']);
      expect(executions.inputs).toHaveLength(1);
    });

    it('does not let an untrusted copy with a later UpdatedAt make the genuine events stale', async () => {
      const watermarks = createMemoryWatermarks();
      const genuine = aControlFinding({ controlId: 'S3.2' });
      const forged = {
        ...genuine,
        ProductArn: 'arn:aws:securityhub:eu-west-1:444455556666:product/evil-corp/scanner',
        UpdatedAt: '2099-01-01T00:00:00.000Z',
      };
      const { options, executions } = optionsWith({ watermarks });

      await intake(aFindingsImportedEvent([forged]), options);
      const [result] = await intake(aFindingsImportedEvent([genuine]), options);

      expect(result?.status).toBe('started');
      expect(executions.inputs).toHaveLength(1);
    });
  });
});

describe('Function: intake (an account never synced)', () => {
  const UNSYNCED: GateData = { controlEnabled: false, remediationEnabled: true, accountSynced: false };
  const summary = (status: 'synced' | 'failed') => ({
    accountId: ACCOUNT.Id,
    status,
    put: status === 'synced' ? 1 : 0,
    deleted: 0,
    unchanged: 0,
  });

  it('syncs the account, reads the gates again (consistently) and decides with its rows', async () => {
    // Arrange
    const finding = aControlFinding({ controlId: 'EC2.2', accountId: ACCOUNT.Id });
    const loads: (boolean | undefined)[] = [];
    const synced: string[][] = [];
    const { options } = optionsWith({
      gates: {
        load: (_finding, loadOptions) => {
          loads.push(loadOptions?.consistentRead);
          return Promise.resolve(loads.length === 1 ? UNSYNCED : { ...REMEDIABLE, accountSynced: true });
        },
      },
      controls: {
        syncAccounts: (ids) => {
          synced.push([...ids]);
          return Promise.resolve([summary('synced')]);
        },
      },
    });

    // Act
    const [result] = await intake(aFindingsImportedEvent([finding]), options);

    // Assert
    expect(synced).toEqual([[ACCOUNT.Id]]);
    expect(loads).toEqual([undefined, true]);
    expect(result).toMatchObject({ status: 'started', route: 'remediate' });
  });

  it('goes on to a fix when the sync fails, rather than leaving the finding', async () => {
    const finding = aControlFinding({ controlId: 'EC2.2', accountId: ACCOUNT.Id });
    const { options } = optionsWith({
      gates: { load: () => Promise.resolve(UNSYNCED) },
      controls: { syncAccounts: () => Promise.resolve([summary('failed')]) },
    });

    const [result] = await intake(aFindingsImportedEvent([finding]), options);

    expect(result).toMatchObject({ status: 'started', route: 'remediate' });
  });

  it('never syncs an account the organization does not know, nor for a passed control', async () => {
    const syncAccounts = jest.fn(() => Promise.resolve([summary('synced')]));
    const { options } = optionsWith({
      gates: { load: () => Promise.resolve(UNSYNCED) },
      controls: { syncAccounts },
    });
    const outsider = optionsWith({
      accounts: { getAccount: (id) => Promise.reject(new AccountNotFoundError(id)) },
      gates: { load: () => Promise.resolve(UNSYNCED) },
      controls: { syncAccounts },
    }).options;

    await intake(
      aFindingsImportedEvent([
        aControlFinding({ controlId: 'EC2.2', accountId: ACCOUNT.Id, status: 'PASSED' }),
      ]),
      options,
    );
    await intake(
      aFindingsImportedEvent([aControlFinding({ controlId: 'EC2.2', accountId: '999988887777' })]),
      outsider,
    );

    expect(syncAccounts).not.toHaveBeenCalled();
  });
});
