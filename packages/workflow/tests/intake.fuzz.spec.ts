import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { ASFF_LIMITS, type AwsSecurityFinding } from '@soar/asff-schema';
import { isRecord } from '@soar/common';
import type { Notifier } from '@soar/notifications';
import type { Account } from '@soar/scratchpad';
import { createLocalSecurityHub, type LocalSecurityHub } from '@soar/security-hub';
import {
  aControlFinding,
  aFindingsImportedEvent,
  aGuardDutyFinding,
  startDynalite,
  type LocalDynamoDb,
} from '@soar/testing';
import {
  InternalTicketSystem,
  type CloseTicketRequest,
  type OpenedTicket,
  type OpenTicketRequest,
  type TicketSystem,
} from '@soar/ticket-systems';
import {
  createTicketingService,
  RoutingConfigSchema,
  SlaConfigSchema,
  TicketStore,
  ticketsTableDefinition,
} from '@soar/tickets';
import { DecideConfigSchema, type GateData } from '@soar/triage';
import * as fc from 'fast-check';
import { IntakeRetryError } from '../src/errors';
import { createMemoryFailureRecorder } from '../src/failures';
import type { ExecutionStarter, IntakePorts } from '../src/ports';
import type { FlowState } from '../src/state';
import {
  INTAKE_REJECTION_ERRORS,
  intake,
  type IntakeRejection,
  type IntakeResult,
} from '../src/steps/intake';
import { parseFlowState } from '../src/steps/parse-state';
import { closeTicketStep, suppressStep, ticketStep } from '../src/steps/steps';
import { createMemoryWatermarks, type WatermarkStore } from '../src/watermark';

/*
 * Fuzzing the intake entry: whatever arrives, intake never crashes, never starts a remediation for a
 * finding that is not Security Hub's own control finding, refuses an over-limit finding alone, and,
 * with the route's step run for every execution it starts, loses and duplicates no ticket whatever
 * the order and duplication of a finding's events. The oracles below are written from the AWS
 * documentation of each shape, not by calling the code under test.
 */

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
const NOW = new Date('2026-12-01T10:00:00.000Z');
const DECIDE = DecideConfigSchema.parse({});
const REMEDIABLE: GateData = { controlEnabled: true, remediationEnabled: true };
/** EventBridge delivers events of at most 256 KiB, and Step Functions takes inputs of at most 256 KiB. */
const LIMIT_256_KIB = 256 * 1024;
/** What a prototype-pollution attempt would leave on `Object.prototype`. */
const POLLUTION_MARK = 'soarFuzzPolluted';

const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '');
/** An own property only: a mutated object may carry keys such as `__proto__` as plain data. */
const own = (value: unknown, key: string | number): unknown =>
  typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<string | number, unknown>)[key]
    : undefined;

interface Started {
  readonly name: string;
  readonly input: FlowState;
}

/** An execution starter that remembers names, as Step Functions does for 90 days, and the runs in order. */
function recordingStarter(): ExecutionStarter & { readonly started: Started[] } {
  const names = new Set<string>();
  const started: Started[] = [];
  return {
    started,
    start({ name, input }) {
      const executionArn = `arn:aws:states:eu-west-1:999999999999:execution:FindingProcessor:${name}`;
      if (names.has(name)) return Promise.resolve({ status: 'duplicate', executionArn });
      names.add(name);
      started.push({ name, input });
      return Promise.resolve({ status: 'started', executionArn });
    },
  };
}

/** Intake's ports, all in memory and healthy unless overridden: every gate lets a control be remediated. */
function memoryPorts(overrides: Partial<IntakePorts> = {}) {
  const executions = recordingStarter();
  const failures = createMemoryFailureRecorder();
  const ports: IntakePorts = {
    accounts: { getAccount: () => Promise.resolve(ACCOUNT) },
    gates: { load: () => Promise.resolve(REMEDIABLE) },
    executions,
    failures,
    watermarks: createMemoryWatermarks(),
    decide: DECIDE,
    clock: () => NOW,
    ...overrides,
  };
  return { ports, executions, failures };
}

const REJECTIONS: ReadonlySet<string> = new Set(Object.keys(INTAKE_REJECTION_ERRORS));
const FINDING_REJECTIONS: ReadonlySet<IntakeRejection> = new Set([
  'finding_too_large',
  'invalid_finding',
  'untrusted_source',
]);
const EXECUTION_ROUTES: ReadonlySet<string> = new Set(['suppress', 'remediate', 'ticket', 'close_ticket']);

/** Holds one result to the shape its status promises. */
function expectTyped(result: IntakeResult): void {
  switch (result.status) {
    case 'started':
    case 'duplicate':
      expect(EXECUTION_ROUTES.has(result.route)).toBe(true);
      expect(result.decision.route).toBe(result.route);
      expect(result.executionName).toMatch(/^finding-[0-9a-f]{64}$/);
      expect(result.executionArn).toContain(result.executionName);
      return;
    case 'done':
      expect(result.route).toBe('do_nothing');
      expect(result.decision.route).toBe('do_nothing');
      return;
    case 'left_for_incidents':
      expect(result.decision.route).toBe('incident');
      return;
    case 'reassigned':
    case 'reclassified':
      expect(result.detail).toMatch(/\S/);
      return;
    case 'rejected':
      expect(REJECTIONS.has(result.reason)).toBe(true);
      expect(result.error).toMatch(/\S/);
      expect(result.findingId?.length ?? 0).toBeLessThanOrEqual(ASFF_LIMITS.idLength + 1);
      return;
    case 'failed':
      expect(result.error).toMatch(/\S/);
      return;
    case 'stale':
      expect(result.newer.findingId).toBe(result.findingId);
      return;
    default: {
      const untyped: never = result;
      throw new Error(`An untyped result: ${JSON.stringify(untyped)}`);
    }
  }
}

const isRejected = (result: IntakeResult): result is Extract<IntakeResult, { status: 'rejected' }> =>
  result.status === 'rejected';

/** One failure row per rejection, in order, with the error name of its reason. */
function expectFailureRows(
  results: readonly IntakeResult[],
  failures: ReturnType<typeof createMemoryFailureRecorder>,
): void {
  const rejected = results.filter(isRejected);
  expect(failures.list().map((row) => [row.step, row.error, row.findingId])).toEqual(
    rejected.map((result) => ['intake', INTAKE_REJECTION_ERRORS[result.reason], result.findingId]),
  );
}

function expectNoPollution(): void {
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, POLLUTION_MARK)).toBe(false);
  expect(Object.prototype.hasOwnProperty.call(Array.prototype, POLLUTION_MARK)).toBe(false);
}

// ---------------------------------------------------------------------------------------------
// 1. Envelope mutations
// ---------------------------------------------------------------------------------------------

type Path = readonly (string | number)[];

type Mutation =
  | { readonly kind: 'delete'; readonly path: Path }
  | { readonly kind: 'replace'; readonly path: Path; readonly value: unknown }
  | { readonly kind: 'wrap'; readonly path: Path }
  | { readonly kind: 'huge'; readonly path: Path; readonly length: number }
  | { readonly kind: 'own_key'; readonly path: Path; readonly key: string; readonly value: unknown };

const ENVELOPE_PATHS: readonly Path[] = [
  [],
  ['version'],
  ['id'],
  ['detail-type'],
  ['source'],
  ['account'],
  ['time'],
  ['region'],
  ['resources'],
  ['replay-name'],
  ['detail'],
  ['detail', 'findings'],
  ['detail', 'findings', 0],
  ['detail', 'findings', 1],
];

const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(null, '', ' ', [], {}, 0, -1, true, '111122223333', 'aws.securityhub'),
  // an empty list of findings, or more than a Security Hub event carries
  fc.integer({ min: 0, max: 130 }).map((count) => Array.from({ length: count }, () => ({}))),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...ENVELOPE_PATHS) }),
  fc.record({
    kind: fc.constant('replace' as const),
    path: fc.constantFrom(...ENVELOPE_PATHS),
    value: anyJson,
  }),
  fc.record({ kind: fc.constant('wrap' as const), path: fc.constantFrom(...ENVELOPE_PATHS) }),
  fc.record({
    kind: fc.constant('huge' as const),
    path: fc.constantFrom(...ENVELOPE_PATHS),
    length: fc.constantFrom(2_000, 100_000, 270_000),
  }),
  fc.record({
    kind: fc.constant('own_key' as const),
    path: fc.constantFrom<Path>([], ['detail'], ['detail', 'findings', 0]),
    key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
    value: fc.oneof(fc.constant<unknown>({ [POLLUTION_MARK]: true }), anyJson),
  }),
);

/** Sets an own data property, even one named `__proto__`, as `JSON.parse` would. */
function setOwn(target: object, key: string | number, value: unknown): void {
  if (Array.isArray(target)) {
    if (typeof key === 'number' && key < target.length) target[key] = value;
    return;
  }
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => own(node, key), root);
}

/** Applies one mutation in place where it can, returning the (possibly new) root. */
function mutate(root: unknown, change: Mutation): unknown {
  const fresh = (value: unknown): unknown => structuredClone(value);
  const replacement = (current: unknown): unknown => {
    switch (change.kind) {
      case 'replace':
        return fresh(change.value);
      case 'wrap':
        return [current];
      case 'huge':
        return 'x'.repeat(change.length);
      default:
        return current;
    }
  };
  if (change.kind === 'own_key') {
    const target = valueAt(root, change.path);
    if (isRecord(target)) setOwn(target, change.key, fresh(change.value));
    return root;
  }
  const { path } = change;
  if (path.length === 0) return change.kind === 'delete' ? undefined : replacement(root);
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (typeof parent !== 'object' || parent === null || key === undefined) return root;
  if (change.kind === 'delete') {
    if (Array.isArray(parent)) {
      if (typeof key === 'number' && key < parent.length) parent.splice(key, 1);
    } else {
      Reflect.deleteProperty(parent, key);
    }
    return root;
  }
  setOwn(parent, key, replacement(own(parent, key)));
  return root;
}

const ENVELOPE_REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * The oracle of the envelope, from the EventBridge and Security Hub documentation: `undefined` for a
 * "Security Hub Findings - Imported" event intake must read, or the reason it must refuse it for.
 */
function envelopeVerdict(event: unknown): IntakeRejection | undefined {
  if (bytesOf(event) > LIMIT_256_KIB) return 'event_too_large';
  if (!isRecord(event)) return 'invalid_event';
  const detail = own(event, 'detail');
  const findings = isRecord(detail) ? own(detail, 'findings') : undefined;
  if (Array.isArray(findings) && findings.length > 100) return 'event_too_large';
  const text = (key: string): string | undefined => {
    const value = own(event, key);
    return typeof value === 'string' ? value : undefined;
  };
  const resources = own(event, 'resources');
  const replayName = own(event, 'replay-name');
  const valid =
    text('version') !== undefined &&
    /\S/.test(text('id') ?? '') &&
    text('detail-type') === 'Security Hub Findings - Imported' &&
    text('source') === 'aws.securityhub' &&
    /^\d{12}$/.test(text('account') ?? '') &&
    EVENT_TIME.test(text('time') ?? '') &&
    ENVELOPE_REGION.test(text('region') ?? '') &&
    Array.isArray(resources) &&
    resources.every((resource) => typeof resource === 'string') &&
    (replayName === undefined || typeof replayName === 'string') &&
    Array.isArray(findings) &&
    findings.length >= 1;
  return valid ? undefined : 'invalid_event';
}

/** A findings event as Security Hub sends it: a control finding and a GuardDuty finding. */
const validEvent = (): unknown =>
  aFindingsImportedEvent([aControlFinding({ controlId: 'EC2.2' }), aGuardDutyFinding()]);

/** A port call that fails, as a throttled or unreachable service does. */
const serviceDown = (port: string): Promise<never> =>
  Promise.reject(new Error(`${port}: ServiceUnavailable (simulated)`));

describe('Property: intake survives any envelope', () => {
  it('never throws with healthy ports, returns typed results, refuses an invalid envelope alone and records every refusal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        // Arrange
        const event = mutations.reduce<unknown>(mutate, validEvent());
        const verdict = envelopeVerdict(event);
        const findings = own(own(event, 'detail'), 'findings');
        const { ports, executions, failures } = memoryPorts();

        // Act
        const results = await intake(event, ports);

        // Assert
        results.forEach(expectTyped);
        if (verdict === undefined) {
          expect(results).toHaveLength(Array.isArray(findings) ? findings.length : -1);
          for (const rejected of results.filter(isRejected)) {
            expect(FINDING_REJECTIONS.has(rejected.reason)).toBe(true);
          }
        } else {
          expect(results).toEqual([expect.objectContaining({ status: 'rejected', reason: verdict })]);
        }
        expect(executions.started).toHaveLength(results.filter((r) => r.status === 'started').length);
        for (const { input } of executions.started) expect(bytesOf(input)).toBeLessThanOrEqual(LIMIT_256_KIB);
        expectFailureRows(results, failures);
        expectNoPollution();
      }),
      { numRuns: 300 },
    );
  });

  it('throws nothing but IntakeRetryError when services fail for its findings, after handling every finding', async () => {
    const ports = fc.subarray(['accounts', 'gates', 'executions', 'watermarks', 'failures'] as const, {
      minLength: 1,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { maxLength: 2 }), ports, async (mutations, down) => {
        // Arrange: every call to the ports that are down fails
        const event = mutations.reduce<unknown>(mutate, validEvent());
        const isDown = (port: (typeof down)[number]) => down.includes(port);
        const executions = recordingStarter();
        const failures = createMemoryFailureRecorder();
        const watermarks = createMemoryWatermarks();
        const { ports: intakePorts } = memoryPorts({
          accounts: {
            getAccount: () => (isDown('accounts') ? serviceDown('accounts') : Promise.resolve(ACCOUNT)),
          },
          gates: { load: () => (isDown('gates') ? serviceDown('gates') : Promise.resolve(REMEDIABLE)) },
          executions: {
            start: (request) =>
              isDown('executions') ? serviceDown('executions') : executions.start(request),
          },
          watermarks: {
            claim: (mark, at) =>
              isDown('watermarks') ? serviceDown('watermarks') : watermarks.claim(mark, at),
          },
          failures: {
            record: (row) => (isDown('failures') ? serviceDown('failures') : failures.record(row)),
          },
        });

        // Act
        const outcome = await intake(event, intakePorts).then(
          (results) => ({ thrown: undefined, results }),
          (thrown: unknown) => ({
            thrown,
            results: thrown instanceof IntakeRetryError ? thrown.results : [],
          }),
        );

        // Assert
        const verdict = envelopeVerdict(event);
        if (verdict !== undefined && isDown('failures')) {
          // A whole event refused while the failures table is down: delivered again, typed as any
          // other failure of intake, with the table's error as its cause.
          expect(outcome.thrown).toBeInstanceOf(IntakeRetryError);
          expect(String((outcome.thrown as IntakeRetryError).cause)).toContain(
            'failures: ServiceUnavailable',
          );
          expect(executions.started).toHaveLength(0);
          return;
        }
        if (outcome.thrown !== undefined) {
          expect(outcome.thrown).toBeInstanceOf(IntakeRetryError);
          const findings = own(own(event, 'detail'), 'findings');
          expect(verdict).toBeUndefined();
          expect(outcome.results).toHaveLength(Array.isArray(findings) ? findings.length : -1);
          expect(outcome.results.filter((result) => result.status === 'failed')).toHaveLength(
            outcome.thrown instanceof IntakeRetryError ? outcome.thrown.failures.length : -1,
          );
        }
        expect(executions.started).toHaveLength(
          outcome.results.filter((result) => result.status === 'started').length,
        );
        outcome.results.forEach(expectTyped);
        expectNoPollution();
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Provenance mutations
// ---------------------------------------------------------------------------------------------

const CONTROLS = ['EC2.2', 'S3.2', 'IAM.1', 'CloudTrail.1', 'EC2.19'] as const;
const REGIONS = ['eu-west-1', 'us-east-1', 'us-gov-west-1', 'cn-north-1', 'eusc-de-east-1'] as const;
const OTHER_ACCOUNT = '444455556666';

/** The partition form AWS documents: `aws`, or `aws-` and lower-case labels (`aws-cn`, `aws-us-gov`). */
const PARTITION = /^aws(-[a-z0-9]+)*$/;

/**
 * The oracle of provenance, from the Security Hub documentation: a control finding is Security Hub's
 * own when its `ProductArn` is exactly `arn:<partition>:securityhub:<its Region>::product/aws/securityhub`
 * (no account: no member account can import into it), it names a control
 * (`Compliance.SecurityControlId`), and its `GeneratorId` names that same control, as a consolidated
 * generator (`security-control/<control>`) or a standard's (`<standard>/v/<version>/<control>`, or the
 * CIS v1.2.0 rule ARN), where a standard's own control id may be the one in `ProductFields`.
 */
function isGenuineControlFinding(finding: AwsSecurityFinding): boolean {
  const arn = /^arn:([^:]*):securityhub:([^:]*)::product\/aws\/securityhub$/.exec(finding.ProductArn);
  if (arn === null || !PARTITION.test(arn[1] ?? '') || arn[2] !== finding.Region) return false;
  const control = finding.Compliance?.SecurityControlId?.trim() ?? '';
  if (control === '') return false;
  if (finding.GeneratorId === `security-control/${control}`) return true;
  const standard =
    /^(?:[a-z0-9-]+|arn:aws[a-z0-9-]*:securityhub:::ruleset\/[^/\s]+)\/v\/[^/\s]+\/(?:rule\/)?([^/\s]+)$/.exec(
      finding.GeneratorId,
    )?.[1];
  const standardControl = (finding.ProductFields?.['ControlId'] ?? finding.ProductFields?.['RuleId'])?.trim();
  return standard !== undefined && (standard === control || standard === standardControl);
}

/** One change to where a control finding says it comes from; `null` removes the field. */
type ProvenancePatch =
  | { readonly ProductArn: string }
  | { readonly GeneratorId: string }
  | { readonly SecurityControlId: string | null }
  | { readonly ProductFields: Readonly<Record<string, string>> | null; readonly merge: boolean }
  | { readonly Region: string };

function patched(finding: AwsSecurityFinding, patch: ProvenancePatch): AwsSecurityFinding {
  if ('SecurityControlId' in patch) {
    const { SecurityControlId: _dropped, ...compliance } = finding.Compliance ?? {};
    const control = patch.SecurityControlId;
    return {
      ...finding,
      Compliance: control === null ? compliance : { ...compliance, SecurityControlId: control },
    };
  }
  if ('ProductFields' in patch) {
    const { ProductFields: current, ...rest } = finding;
    if (patch.ProductFields === null) return rest;
    return { ...rest, ProductFields: { ...(patch.merge ? current : {}), ...patch.ProductFields } };
  }
  return { ...finding, ...patch };
}

/** Generator forms, `{c}` standing for a control id. */
const GENERATOR_FORMS = [
  'security-control/{c}',
  'aws-foundational-security-best-practices/v/1.0.0/{c}',
  'pci-dss/v/3.2.1/PCI.{c}',
  'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/{c}',
  'security-control/{c}/extra',
  ' security-control/{c}',
  'security-control/{c} ',
  'Security-Control/{c}',
  'custom/{c}',
] as const;

/** The changes to a `control` finding of `region`: its ProductArn, GeneratorId, control id, ProductFields, Region. */
function provenancePatch(control: string, region: string): fc.Arbitrary<ProvenancePatch> {
  const productArn = (text: string): ProvenancePatch => ({ ProductArn: text });
  return fc.oneof(
    // ProductArn: another product, another account, region, partition or service, or garbage
    fc
      .constantFrom(
        'aws/guardduty',
        'aws/inspector',
        'aws/securityhubx',
        'aws/securityhub/extra',
        'aws/SecurityHub',
        'AWS/securityhub',
        `${OTHER_ACCOUNT}/default`,
        'evil-corp/scanner',
      )
      .map((product) => productArn(`arn:aws:securityhub:${region}::product/${product}`)),
    fc
      .constantFrom(OTHER_ACCOUNT, ACCOUNT.Id, 'aws', '000000000000')
      .map((account) => productArn(`arn:aws:securityhub:${region}:${account}:product/aws/securityhub`)),
    fc
      .constantFrom(...REGIONS, '', 'EU-WEST-1', `${region} `, '*')
      .map((other) => productArn(`arn:aws:securityhub:${other}::product/aws/securityhub`)),
    fc
      .constantFrom(
        'aws',
        'aws-cn',
        'aws-us-gov',
        'aws-iso',
        'aws-eusc',
        'AWS',
        'azure',
        '',
        'aws_cn',
        'aws-',
      )
      .map((partition) => productArn(`arn:${partition}:securityhub:${region}::product/aws/securityhub`)),
    fc
      .constantFrom('securityhub2', 'SecurityHub', 'guardduty', 'security-hub')
      .map((service) => productArn(`arn:aws:${service}:${region}::product/aws/securityhub`)),
    fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.constantFrom(
          ` arn:aws:securityhub:${region}::product/aws/securityhub`,
          `arn:aws:securityhub:${region}::product/aws/securityhub:extra`,
          'product/aws/securityhub',
        ),
      )
      .map(productArn),
    // GeneratorId: the same or another control, in each form, or garbage
    fc
      .tuple(fc.constantFrom(control, control, ...CONTROLS), fc.constantFrom(...GENERATOR_FORMS))
      .map(([named, form]): ProvenancePatch => ({ GeneratorId: form.replace('{c}', named) })),
    fc
      .string({ minLength: 1, maxLength: 60 })
      .filter((text) => /\S/.test(text))
      .map((garbage): ProvenancePatch => ({ GeneratorId: garbage })),
    // Compliance.SecurityControlId: another control, blank, padded, or gone
    fc
      .constantFrom<string | null>(
        ...CONTROLS,
        '',
        ' ',
        control.toLowerCase(),
        ` ${control} `,
        `PCI.${control}`,
        null,
      )
      .map((id): ProvenancePatch => ({ SecurityControlId: id })),
    // ProductFields: a standard's ControlId or RuleId, or none at all
    fc
      .tuple(
        fc.constantFrom('ControlId', 'RuleId'),
        fc.constantFrom(control, ...CONTROLS, `PCI.${control}`, '1.4', ''),
        fc.boolean(),
      )
      .map(([field, value, merge]): ProvenancePatch => ({ ProductFields: { [field]: value }, merge })),
    fc.constant<ProvenancePatch>({ ProductFields: null, merge: false }),
    // The finding's own region (its ProductArn keeps the old one)
    fc.constantFrom(...REGIONS).map((other): ProvenancePatch => ({ Region: other })),
  );
}

/** A control, a region, and changes to the provenance of a control finding of both. */
const forgeries = fc
  .tuple(fc.constantFrom(...CONTROLS), fc.constantFrom(...REGIONS))
  .chain(([control, region]) =>
    fc.record({
      control: fc.constant(control),
      region: fc.constant(region),
      patches: fc.array(provenancePatch(control, region), { minLength: 1, maxLength: 4 }),
    }),
  );

describe('Property: intake never remediates a finding that is not Security Hub’s own control finding', () => {
  it('starts a remediation only for a genuine control finding, whatever its provenance fields say', async () => {
    let remediations = 0;
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(forgeries, async ({ control, region, patches }) => {
        // Arrange: a failing control finding every gate would let SOAR fix, its provenance changed
        const finding = patches.reduce(
          patched,
          aControlFinding({ controlId: control, region, accountId: ACCOUNT.Id }),
        );
        const { ports, executions, failures } = memoryPorts();

        // Act
        const results = await intake(aFindingsImportedEvent([finding]), ports);

        // Assert
        results.forEach(expectTyped);
        expectFailureRows(results, failures);
        for (const result of results) {
          if (result.status === 'started' && result.route === 'remediate') {
            expect(isGenuineControlFinding(finding)).toBe(true);
          }
        }
        for (const { input } of executions.started) {
          if (input.decision.route === 'remediate') {
            expect(isGenuineControlFinding(input.pad.finding)).toBe(true);
            remediations += 1;
          }
        }
        refusals += results.filter(isRejected).length;
      }),
      { numRuns: 400 },
    );
    // Neither side is empty: genuine findings are remediated, forged ones refused
    expect(remediations).toBeGreaterThan(0);
    expect(refusals).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Oversize fields
// ---------------------------------------------------------------------------------------------

type Oversize =
  | 'Id'
  | 'GeneratorId'
  | 'Title'
  | 'Description'
  | 'Types'
  | 'ProductFields key'
  | 'ProductFields value'
  | 'ProductFields pairs'
  | 'UserDefinedFields key'
  | 'UserDefinedFields value'
  | 'UserDefinedFields pairs'
  | 'Resources'
  | 'Details.Other key'
  | 'Details.Other value'
  | 'Details.Other pairs'
  | 'Tags value'
  | 'Note.Text'
  | 'Details blob';

const OVERSIZES: readonly Oversize[] = [
  'Id',
  'GeneratorId',
  'Title',
  'Description',
  'Types',
  'ProductFields key',
  'ProductFields value',
  'ProductFields pairs',
  'UserDefinedFields key',
  'UserDefinedFields value',
  'UserDefinedFields pairs',
  'Resources',
  'Details.Other key',
  'Details.Other value',
  'Details.Other pairs',
  'Tags value',
  'Note.Text',
  'Details blob',
];

const pairs = (count: number, key: (index: number) => string, value: string): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [key(index), value]));

/** Pushes one field of `finding` past its ASFF limit by `over` (characters, entries or bytes). */
function oversized(finding: AwsSecurityFinding, field: Oversize, over: number): AwsSecurityFinding {
  const L = ASFF_LIMITS;
  const [first, ...rest] = finding.Resources;
  const withFirst = (resource: Record<string, unknown>): AwsSecurityFinding =>
    ({ ...finding, Resources: [{ ...first, ...resource }, ...rest] }) as AwsSecurityFinding;
  switch (field) {
    case 'Id':
      return { ...finding, Id: `${finding.Id}/${'i'.repeat(L.idLength + over)}` };
    case 'GeneratorId':
      return { ...finding, GeneratorId: `security-control/${'g'.repeat(L.generatorIdLength + over)}` };
    case 'Title':
      return { ...finding, Title: 't'.repeat(L.titleLength + over) };
    case 'Description':
      return { ...finding, Description: 'd'.repeat(L.descriptionLength + over) };
    case 'Types':
      return { ...finding, Types: Array.from({ length: L.types + over }, (_, i) => `Type/${i}`) };
    case 'ProductFields key':
      return {
        ...finding,
        ProductFields: { ...finding.ProductFields, ['k'.repeat(L.productFields.keyLength + over)]: 'v' },
      };
    case 'ProductFields value':
      return {
        ...finding,
        ProductFields: { ...finding.ProductFields, big: 'v'.repeat(L.productFields.valueLength + over) },
      };
    case 'ProductFields pairs':
      return {
        ...finding,
        ProductFields: {
          ...finding.ProductFields,
          ...pairs(L.productFields.pairs + over, (i) => `k${i}`, 'v'),
        },
      };
    case 'UserDefinedFields key':
      return { ...finding, UserDefinedFields: { ['k'.repeat(L.userDefinedFields.keyLength + over)]: 'v' } };
    case 'UserDefinedFields value':
      return { ...finding, UserDefinedFields: { big: 'v'.repeat(L.userDefinedFields.valueLength + over) } };
    case 'UserDefinedFields pairs':
      return { ...finding, UserDefinedFields: pairs(L.userDefinedFields.pairs + over, (i) => `k${i}`, 'v') };
    case 'Resources':
      return {
        ...finding,
        Resources: Array.from({ length: L.resources + over }, (_, i) => ({
          Type: 'Other',
          Id: `resource-${i}`,
        })),
      } as AwsSecurityFinding;
    case 'Details.Other key':
      return withFirst({ Details: { Other: { ['k'.repeat(L.otherDetails.keyLength + over)]: 'v' } } });
    case 'Details.Other value':
      return withFirst({ Details: { Other: { big: 'v'.repeat(L.otherDetails.valueLength + over) } } });
    case 'Details.Other pairs':
      return withFirst({ Details: { Other: pairs(L.otherDetails.pairs + over, (i) => `k${i}`, 'v') } });
    case 'Tags value':
      return withFirst({ Tags: { big: 'v'.repeat(L.resourceTags.valueLength + over) } });
    case 'Note.Text':
      return {
        ...finding,
        Note: {
          Text: 'n'.repeat(L.noteTextLength + over),
          UpdatedBy: 'someone',
          UpdatedAt: finding.UpdatedAt,
        },
      };
    case 'Details blob': {
      // A resource's details no schema bounds, sized so that the finding is just over 240 KB
      const target = L.findingBytes + over;
      const base = withFirst({ Details: { AwsEc2Instance: { UserData: '' } } });
      return withFirst({ Details: { AwsEc2Instance: { UserData: 'b'.repeat(target - bytesOf(base)) } } });
    }
  }
}

/**
 * A finding within every limit but as large as Security Hub accepts: resources whose `Details.Other`
 * are full, and full `UserDefinedFields`. It must start, within the workflow state limit.
 */
function largeButValid(finding: AwsSecurityFinding, resources: number): AwsSecurityFinding {
  const L = ASFF_LIMITS;
  const full = pairs(L.otherDetails.pairs - 5, (i) => `key${i}`, 'w'.repeat(L.otherDetails.valueLength - 23));
  return {
    ...finding,
    UserDefinedFields: pairs(
      L.userDefinedFields.pairs,
      (i) => `note${i}`,
      'u'.repeat(L.userDefinedFields.valueLength - 24),
    ),
    Resources: [
      ...finding.Resources,
      ...Array.from({ length: resources }, (_, i) => ({
        Type: 'Other',
        Id: `resource-${i}`,
        Details: { Other: full },
      })),
    ],
  } as AwsSecurityFinding;
}

describe('Property: an over-limit finding is refused alone', () => {
  it('refuses only the oversized finding, as invalid or too large, starts the others, and keeps every state within 256 KiB', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            field: fc.constantFrom(...OVERSIZES),
            over: fc.integer({ min: 1, max: 2_000 }),
          }),
          fc.record({ field: fc.constant('large but valid' as const), over: fc.integer({ min: 1, max: 4 }) }),
        ),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(),
        async ({ field, over }, others, position) => {
          // Arrange: failing control findings, one of them pushed past a limit
          const findings = Array.from({ length: others + 1 }, (_, i) =>
            aControlFinding({ controlId: CONTROLS[i % CONTROLS.length], accountId: ACCOUNT.Id }),
          );
          const index = position % findings.length;
          const target = findings[index];
          if (target === undefined) throw new Error('the finding to oversize exists');
          findings[index] =
            field === 'large but valid' ? largeButValid(target, over) : oversized(target, field, over);
          const event = aFindingsImportedEvent(findings);
          expect(bytesOf(event)).toBeLessThanOrEqual(LIMIT_256_KIB);
          const { ports, executions, failures } = memoryPorts();

          // Act
          const results = await intake(event, ports);

          // Assert
          results.forEach(expectTyped);
          expect(results).toHaveLength(findings.length);
          results.forEach((result, i) => {
            if (i === index && field !== 'large but valid') {
              expect(result).toMatchObject({
                status: 'rejected',
                reason: field === 'Details blob' ? 'finding_too_large' : 'invalid_finding',
              });
            } else {
              expect(result).toMatchObject({ status: 'started', route: 'remediate' });
            }
          });
          expectFailureRows(results, failures);
          expect(executions.started).toHaveLength(field === 'large but valid' ? findings.length : others);
          for (const { input } of executions.started)
            expect(bytesOf(input)).toBeLessThanOrEqual(LIMIT_256_KIB);
        },
      ),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Shuffled and duplicated histories, through intake and the route's step
// ---------------------------------------------------------------------------------------------

type Status = 'FAILED' | 'PASSED';

/** Counts what the team was sent. */
class Outbox implements Notifier {
  public readonly name = 'email';
  public sent = 0;
  public send(): Promise<void> {
    this.sent += 1;
    return Promise.resolve();
  }
}

/** The internal ticket system, counting the tickets it opened and closed. */
class CountingTicketSystem implements TicketSystem {
  public readonly name = 'internal';
  public opened = 0;
  public closed = 0;
  private readonly inner = new InternalTicketSystem();
  public open(request: OpenTicketRequest): Promise<OpenedTicket> {
    this.opened += 1;
    return this.inner.open(request);
  }
  public close(ticketId: string, request: CloseTicketRequest): Promise<void> {
    this.closed += 1;
    return this.inner.close(ticketId, request);
  }
  public isValidTicketId(id: string): boolean {
    return this.inner.isValidTicketId(id);
  }
}

/** One finding's world: SOAR's ticket store (shared table), its watermarks, Security Hub and the team's inbox. */
interface World {
  readonly finding: AwsSecurityFinding;
  readonly store: TicketStore;
  readonly watermarks: WatermarkStore;
  readonly securityHub: LocalSecurityHub;
  readonly outbox: Outbox;
  readonly ticketSystem: CountingTicketSystem;
  readonly executions: ReturnType<typeof recordingStarter>;
  /** How many of `executions.started` have run. */
  ran: number;
}

/** The events of one finding's history, one minute apart: FAILED is a NEW finding, PASSED a RESOLVED one. */
function history(base: AwsSecurityFinding, statuses: readonly Status[]): AwsSecurityFinding[] {
  return statuses.map((status, index) => {
    const at = new Date(Date.parse('2026-11-20T10:00:00.000Z') + index * 60_000).toISOString();
    return {
      ...base,
      UpdatedAt: at,
      ProcessedAt: at,
      Compliance: { ...base.Compliance, Status: status },
      Workflow: { Status: status === 'FAILED' ? 'NEW' : 'RESOLVED' },
    };
  });
}

/** Intake's ports over the world: the gates read the open ticket from SOAR's store; nothing is remediable. */
function worldPorts(world: World): IntakePorts {
  return {
    accounts: { getAccount: () => Promise.resolve(ACCOUNT) },
    gates: {
      load: async (finding) => {
        const row = await world.store.get(finding.Id);
        const openTicket =
          row?.status === 'OPEN' && row.ticketId !== undefined ? { ticketId: row.ticketId } : undefined;
        return { openTicket, controlEnabled: true, remediationEnabled: false };
      },
    },
    executions: world.executions,
    failures: createMemoryFailureRecorder(),
    watermarks: world.watermarks,
    decide: DECIDE,
    clock: () => NOW,
  };
}

/** Runs the next `count` executions intake started, in the order started, as the finding processor would. */
async function runExecutions(world: World, count: number): Promise<void> {
  const tickets = createTicketingService({
    store: world.store,
    ticketSystem: world.ticketSystem,
    email: world.outbox,
    routing: RoutingConfigSchema.parse({}),
    sla: SlaConfigSchema.parse({}),
    render: { productName: 'SOAR' },
    teamEmailOf: () => Promise.resolve({ teamEmail: ACCOUNT.TeamEmail }),
    clock: () => NOW,
  });
  const ports = { tickets, securityHub: world.securityHub, watermarks: world.watermarks, clock: () => NOW };
  for (let done = 0; done < count && world.ran < world.executions.started.length; done++) {
    const execution = world.executions.started[world.ran];
    world.ran += 1;
    if (execution === undefined) continue;
    // The state crosses Step Functions as JSON, and each step parses it
    const route = execution.input.decision.route;
    const state = parseFlowState(JSON.parse(JSON.stringify(execution.input)), route);
    if (route === 'ticket') await ticketStep(state, ports);
    else if (route === 'close_ticket') await closeTicketStep(state, ports);
    else if (route === 'suppress') await suppressStep(state, ports);
    else throw new Error(`No step is wired for the route ${route} in this test`);
  }
}

/** Delivers one event to intake, which never throws here, then lets `lag` pending executions run. */
async function deliver(event: AwsSecurityFinding, world: World, lag: number): Promise<void> {
  const results = await intake(aFindingsImportedEvent([event]), worldPorts(world));
  results.forEach(expectTyped);
  expect(results.filter(isRejected)).toEqual([]);
  await runExecutions(world, lag);
}

/** What the team, the ticket system and Security Hub end up with. */
async function outcome(world: World, newest: Status) {
  await runExecutions(world, Number.POSITIVE_INFINITY);
  const row = await world.store.get(world.finding.Id);
  const ticketOpen = row?.status === 'OPEN';
  const ticketsInStore = row === undefined ? 0 : row.history.length + 1;
  const closedInStore = row === undefined ? 0 : row.history.length + (row.status === 'CLOSED' ? 1 : 0);
  return {
    ticketOpen,
    // Every ticket the system opened is one SOAR's store knows (none lost, none twice), and at most
    // the store's open one is still open there
    openedInSystemAsInStore: world.ticketSystem.opened === ticketsInStore,
    openInSystem: world.ticketSystem.opened - world.ticketSystem.closed,
    // One email per ticket opened and one per ticket closed: nothing sent twice, nothing by a stale event
    emailsPerTicketEvent: ticketsInStore + closedInStore === world.outbox.sent,
    // After a failing check the finding is NOTIFIED; after a passing one Security Hub's own status rules
    workflow: newest === 'FAILED' ? world.securityHub.finding(world.finding.Id)?.Workflow?.Status : 'n/a',
  };
}

describe('Property: a finding’s tickets end the same whatever the order and duplication of its events', () => {
  let db: LocalDynamoDb;
  let store: TicketStore;

  beforeAll(async () => {
    db = await startDynalite();
    const client = db.client();
    await client.send(new CreateTableCommand(ticketsTableDefinition('tickets')));
    store = new TicketStore({ dynamodb: client, tableName: 'tickets' });
  });
  afterAll(() => db.stop());

  const newWorld = (): World => {
    const finding = aControlFinding({ controlId: 'EC2.2', accountId: ACCOUNT.Id });
    return {
      finding,
      store,
      watermarks: createMemoryWatermarks(),
      securityHub: createLocalSecurityHub({ findings: [finding], now: () => NOW }),
      outbox: new Outbox(),
      ticketSystem: new CountingTicketSystem(),
      executions: recordingStarter(),
      ran: 0,
    };
  };

  /**
   * A history, and a delivery: a permutation of it with some events delivered again, and after each
   * delivery how many of the started executions run before the next event arrives (Step Functions
   * runs them later than intake starts them).
   */
  const deliveries = fc
    .array(fc.constantFrom<Status>('FAILED', 'PASSED'), { minLength: 1, maxLength: 6 })
    .chain((statuses) => {
      const indexes = statuses.map((_, index) => index);
      return fc.record({
        statuses: fc.constant(statuses),
        order: fc.shuffledSubarray(indexes, { minLength: indexes.length, maxLength: indexes.length }),
        again: fc.array(fc.tuple(fc.nat(statuses.length - 1), fc.nat()), { maxLength: 4 }),
        lags: fc.array(fc.nat(2), { minLength: 10, maxLength: 10 }),
      });
    })
    .map(({ statuses, order, again, lags }) => {
      const delivered = [...order];
      for (const [index, position] of again) delivered.splice(position % (delivered.length + 1), 0, index);
      return { statuses, delivered, lags };
    });

  it('opens and closes tickets as in-order delivery would: none lost, none twice, at most one open', async () => {
    await fc.assert(
      fc.asyncProperty(deliveries, async ({ statuses, delivered, lags }) => {
        const newest = statuses[statuses.length - 1] ?? 'FAILED';
        // In order, each event's execution done before the next event arrives
        const inOrder = newWorld();
        for (const event of history(inOrder.finding, statuses)) await deliver(event, inOrder, 1);

        // Shuffled, duplicated and with executions running late
        const shuffled = newWorld();
        const events = history(shuffled.finding, statuses);
        for (const [step, index] of delivered.entries()) {
          const event = events[index];
          if (event !== undefined) await deliver(event, shuffled, lags[step] ?? 0);
        }

        const expected = await outcome(inOrder, newest);
        expect(expected).toMatchObject({
          ticketOpen: newest === 'FAILED',
          openedInSystemAsInStore: true,
          emailsPerTicketEvent: true,
          openInSystem: newest === 'FAILED' ? 1 : 0,
        });
        expect(await outcome(shuffled, newest)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
