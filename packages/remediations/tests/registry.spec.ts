/**
 * Registry gate: every control, whoever wrote it, meets the same bar.
 *
 * Controls come from two places that must agree: `CONTROLS` in `src/registry.ts` and the scenarios in
 * `tests/scenarios/*.ts` (discovered here, so a new control is checked without editing this file).
 * A scenario without a registry line, or a registry line without a scenario, fails.
 *
 * `plan` purity is proven, not assumed: the control runs through the real runner against moto while a
 * spy on its module's `plan` records each (state, context) it was given and what it returned. Then,
 * with `send` of every AWS SDK client class and Node's `http(s).request` and `fetch` patched to throw,
 * `plan` is called again on each recorded input: it must make no call, return the same plan (a pure
 * function of its inputs), return synchronously and leave its input unmutated.
 *
 * Live state: every control has a `stateSchema` (strict: an unknown key is an error). Against moto,
 * every state `read` returns parses with it (checked for every run of the harness, see
 * `withReadStatesChecked`), and `planFromState` given that state plans exactly what the live run
 * planned; the states `fromFinding` derives from the scenario's resource, described as Security Hub
 * would (with and without details, under every verdict), parse with it too.
 *
 * Resource ids are declared, not parsed by hand: per resource type, each control's pattern accepts its
 * valid examples (an ARN in the aws, aws-cn and aws-us-gov partitions) and rejects its invalid ones, and
 * a resource of another shape is refused, naming the id and the shape, before anything is read.
 *
 * Rollback gets the same bar: a control has a rollback exactly when it is reversible, with exact IAM
 * actions of its own and read actions it declares. Each reversible scenario is fixed, then rolled back
 * from its stored before-image while the rollback's pure `plan` is spied on and replayed without network,
 * and every SDK call of the rollback must be one of its read or rollback actions, in a session named
 * `rollback-<controlId>` limited to exactly those.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsAccess, type AccessScope, type AwsAccess } from '@soar/aws-access';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { createScratchpad } from '@soar/scratchpad';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { classifyError } from '../src/engine/classify';
import type { ControlContext, FindingResource, PlanContext, RegisteredControl } from '../src/engine/control';
import { Registry } from '../src/engine/registry';
import { rollbackSessionActions, type RollbackRecord } from '../src/engine/rollback';
import { planFromState } from '../src/engine/runner';
import { LiveStateError } from '../src/errors';
import { ARN_PARTITIONS } from '../src/engine/resource-id';
import { CONTROLS } from '../src/registry';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run, runRollback } from './remediation-harness';
import { discoverScenarios, isStackedClient } from './scenario-support';
import { policyProblems } from './session-policy-gate';
import { describeLikeSecurityHub } from './security-hub-details';

// ---------------------------------------------------------------------------------------------------
// Discovery

const README = path.join(__dirname, '..', 'README.md');

const scenarios = discoverScenarios();
const scenarioIds = [...new Set(scenarios.map((s) => s.scenario.control.controlId))].sort();
const registeredIds = CONTROLS.map((c) => c.controlId).sort();
/** Every control either place knows about: each is checked below, whichever place forgot it. */
const allControls: RegisteredControl[] = [
  ...CONTROLS,
  ...scenarios.map((s) => s.scenario.control).filter((c) => !registeredIds.includes(c.controlId)),
].filter((c, index, list) => list.findIndex((o) => o.controlId === c.controlId) === index);

// ---------------------------------------------------------------------------------------------------
// IAM: SDK command -> IAM action

const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

const SERVICE_PREFIX: Readonly<Record<string, string>> = {
  EC2Client: 'ec2',
  S3Client: 's3',
  DynamoDBClient: 'dynamodb',
  KMSClient: 'kms',
  IAMClient: 'iam',
  STSClient: 'sts',
  CloudWatchLogsClient: 'logs',
  ElasticLoadBalancingClient: 'elasticloadbalancing',
  ElasticLoadBalancingV2Client: 'elasticloadbalancing',
};

/** S3 operations whose IAM action is not `s3:<Operation>`. */
const S3_ACTIONS: Readonly<Record<string, string>> = {
  HeadBucket: 's3:ListBucket',
  ListObjects: 's3:ListBucket',
  ListObjectsV2: 's3:ListBucket',
  ListObjectVersions: 's3:ListBucketVersions',
  ListBuckets: 's3:ListAllMyBuckets',
  HeadObject: 's3:GetObject',
  DeleteObjects: 's3:DeleteObject',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  PutPublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  DeletePublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  GetBucketLifecycleConfiguration: 's3:GetLifecycleConfiguration',
  PutBucketLifecycleConfiguration: 's3:PutLifecycleConfiguration',
  DeleteBucketLifecycle: 's3:PutLifecycleConfiguration',
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  PutBucketEncryption: 's3:PutEncryptionConfiguration',
  GetBucketReplication: 's3:GetReplicationConfiguration',
  PutBucketReplication: 's3:PutReplicationConfiguration',
  GetBucketNotificationConfiguration: 's3:GetBucketNotification',
  PutBucketNotificationConfiguration: 's3:PutBucketNotification',
};

/** The IAM action an SDK call needs, e.g. `EC2Client` + `DescribeSecurityGroupsCommand` -> `ec2:DescribeSecurityGroups`. */
function iamActionOf(clientName: string, commandName: string): string {
  const operation = commandName.replace(/Command$/, '');
  if (clientName === 'S3Client' && S3_ACTIONS[operation] !== undefined) return S3_ACTIONS[operation];
  const prefix = SERVICE_PREFIX[clientName] ?? clientName.replace(/Client$/, '').toLowerCase();
  return `${prefix}:${operation}`;
}

// ---------------------------------------------------------------------------------------------------
// Recording client factory

interface SdkCall {
  readonly clientName: string;
  readonly commandName: string;
}

/**
 * `access`, but every client it makes records its calls into `calls` (and its session scope into
 * `scopes`, and the session policy sent to STS into `policies`).
 */
function recordingAccess(
  access: AwsAccess,
  calls: SdkCall[],
  scopes: AccessScope[] = [],
  policies: (string | undefined)[] = [],
): Pick<AwsAccess, 'client'> {
  return {
    client(ClientClass, target, scope) {
      scopes.push(scope);
      policies.push(access.resolve(target, scope).policy);
      const client = access.client(ClientClass, target, scope);
      if (!isStackedClient(client)) throw new Error(`${ClientClass.name} is not an AWS SDK v3 client`);
      client.middlewareStack.add(
        (next, context) => (args) => {
          calls.push({ clientName: ClientClass.name, commandName: context.commandName ?? '(unknown)' });
          return next(args);
        },
        { step: 'initialize', name: 'registrySpecRecorder', priority: 'high' },
      );
      return client;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// No-network guard

/** The distinct prototypes that own `send` above each SDK client class (the smithy base `Client`). */
function sdkSendOwners(): object[] {
  const owners = new Set<object>();
  for (const ClientClass of [EC2Client, S3Client, DynamoDBClient, KMSClient, IAMClient]) {
    let proto: unknown = ClientClass.prototype;
    while (typeof proto === 'object' && proto !== null) {
      if (Object.prototype.hasOwnProperty.call(proto, 'send')) owners.add(proto);
      proto = Object.getPrototypeOf(proto);
    }
  }
  return [...owners];
}

/** Runs `fn` with every way out to AWS patched to record and throw; returns what was attempted. */
function withoutNetwork<T>(fn: () => T): { readonly value: T; readonly attempts: readonly string[] } {
  const attempts: string[] = [];
  const refuse = (what: string) => () => {
    attempts.push(what);
    throw new Error(`plan must not call AWS (${what})`);
  };
  const spies: { mockRestore(): void }[] = [];
  for (const owner of sdkSendOwners()) {
    const spy = jest.spyOn(owner as { send: () => unknown }, 'send');
    spies.push(spy.mockImplementation(refuse('Client.send')));
  }
  spies.push(jest.spyOn(http, 'request').mockImplementation(refuse('http.request')));
  spies.push(jest.spyOn(https, 'request').mockImplementation(refuse('https.request')));
  spies.push(jest.spyOn(globalThis, 'fetch').mockImplementation(refuse('fetch')));
  try {
    return { value: fn(), attempts };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

function tableRows(readme: string): Map<string, string> {
  const start = readme.indexOf('<!-- controls:start -->');
  const end = readme.indexOf('<!-- controls:end -->');
  const rows = new Map<string, string>();
  if (start < 0 || end < start) return rows;
  for (const line of readme.slice(start, end).split('\n')) {
    const id = /^\|\s*([A-Za-z0-9]+\.[0-9]+)\s*\|/.exec(line)?.[1];
    if (id !== undefined) rows.set(id, line);
  }
  return rows;
}

const RESULT_KINDS = ['remediated', 'not_done', 'resource_gone', 'reconsider_later', 'opted_out'];

// ---------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------
// Session policies without AWS: a finding resource per resource type, in every partition

const PARTITIONS = [
  ['aws', 'eu-west-1'],
  ['aws-cn', 'cn-north-1'],
  ['aws-us-gov', 'us-gov-west-1'],
] as const;

/** The id inside each sample resource's ARN, which the session policy must name. */
const SAMPLE_IDS: Readonly<Record<string, string>> = {
  AwsEc2SecurityGroup: 'sg-0123456789abcdef0',
  AwsEc2Instance: 'i-0123456789abcdef0',
  AwsEc2Vpc: 'vpc-0123456789abcdef0',
  AwsEc2Subnet: 'subnet-0123456789abcdef0',
  AwsEc2Eip: 'eipalloc-0123456789abcdef0',
  AwsKmsKey: '1234abcd-12ab-34cd-56ef-1234567890ab',
  AwsS3Bucket: 'soar-gate-bucket',
  AwsDynamoDbTable: 'orders',
  AwsRdsDbInstance: 'db:soar-gate-db',
  AwsRdsDbSnapshot: 'snapshot:rds:soar-gate-db-2026-12-01-03-10',
  AwsRdsDbClusterSnapshot: 'cluster-snapshot:soar-gate-cluster-manual',
  // Named by the load balancer's ARN or by its listeners' (`listener/app/<name>/<id>/*`).
  AwsElbv2LoadBalancer: 'app/soar-gate-alb/0123456789abcdef',
  AwsElbLoadBalancer: 'loadbalancer/soar-gate-clb',
  AwsIamUser: 'user/soar-gate-user',
  AwsEcrRepository: 'repository/team/soar-gate-repo',
  AwsEcsCluster: 'cluster/soar-gate-cluster',
  AwsEcsService: 'service/soar-gate-cluster/soar-gate-service',
};

describe('Registry: every control', () => {
  it('has a scenario for every registered control, and a registry line for every scenario', () => {
    expect({ registered: registeredIds, withScenario: scenarioIds }).toEqual({
      registered: scenarioIds,
      withScenario: scenarioIds,
    });
    for (const { file, scenario } of scenarios) {
      const registered = CONTROLS.find((c) => c.controlId === scenario.control.controlId);
      // Same module behind both, so the registry line does not point at another control's code.
      expect({ file, same: registered?.module === scenario.control.module }).toEqual({ file, same: true });
    }
  });

  it('finds at least one control', () => {
    expect(allControls.length).toBeGreaterThan(0);
  });

  describe.each(allControls.map((c) => [c.controlId, c] as const))('%s', (controlId, control) => {
    it('declares exact IAM actions (service:Action, no wildcard, no duplicate)', () => {
      expect(control.iamActions.length).toBeGreaterThan(0);
      expect(control.iamActions.filter((a) => !IAM_ACTION.test(a))).toEqual([]);
      expect(new Set(control.iamActions).size).toBe(control.iamActions.length);
    });

    it('declares its metadata', () => {
      expect(control.title.trim()).not.toBe('');
      expect(control.fix.trim()).not.toBe('');
      expect(control.resourceTypes.length).toBeGreaterThan(0);
      expect(typeof control.destructive).toBe('boolean');
      expect(typeof control.reversible).toBe('boolean');
    });

    it('declares the resource id it accepts per resource type: valid examples match in every partition, invalid ones do not', () => {
      const types = Object.keys(control.resourceIds);
      expect(types.length).toBeGreaterThan(0);
      for (const type of types) {
        const declared = control.resourceIds[type];
        if (declared === undefined) throw new Error(`${controlId}: no declaration for ${type}`);
        const { valid, invalid } = declared.examples;
        expect({ controlId, type, valid: valid.length > 0, invalid: invalid.length > 0 }).toEqual({
          controlId,
          type,
          valid: true,
          invalid: true,
        });
        expect(declared.pattern.source.startsWith('^') && declared.pattern.source.endsWith('$')).toBe(true);
        // An ARN example is written in the aws partition and must match in aws-cn and aws-us-gov too.
        const accepted = valid.flatMap((id) =>
          id.startsWith('arn:') ? ARN_PARTITIONS.map((partition) => inPartition(id, partition)) : [id],
        );
        expect({
          controlId,
          type,
          notMatched: accepted.filter((id) => declared.match(id) === undefined),
        }).toEqual({
          controlId,
          type,
          notMatched: [],
        });
        expect({ controlId, type, arnsNotInAws: valid.filter((id) => /^arn:(?!aws:)/.test(id)) }).toEqual({
          controlId,
          type,
          arnsNotInAws: [],
        });
        expect({
          controlId,
          type,
          matched: invalid.filter((id) => declared.match(id) !== undefined),
        }).toEqual({
          controlId,
          type,
          matched: [],
        });
        // Every declared part comes out of every valid example.
        for (const id of valid) {
          const parts = declared.match(id) ?? {};
          expect({ controlId, id, missing: declared.parts.filter((p) => !(p in parts)) }).toEqual({
            controlId,
            id,
            missing: [],
          });
        }
        // The sample resource the gate plans with has the declared shape in every partition.
        for (const partition of ARN_PARTITIONS) {
          const sample = sampleResource(type, partition, PARTITION_REGION[partition] ?? REGION);
          expect({ controlId, sample: sample.Id, matches: declared.match(sample.Id) !== undefined }).toEqual({
            controlId,
            sample: sample.Id,
            matches: true,
          });
        }
      }
    });

    it('refuses, naming the id and the expected shape, a resource whose id has another shape (before read)', async () => {
      const type = control.resourceTypes[0] ?? '';
      const declared = control.resourceIds[type];
      const id = declared?.examples.invalid[0] ?? 'not-an-id';
      const read = jest.spyOn(control.module, 'read');
      const resource: FindingResource = { Type: type, Id: id, Partition: 'aws', Region: REGION };
      const context = sampleContext(control, 'aws', REGION);
      try {
        const evaluation = await control.evaluate({
          ...context,
          resource,
          client: () => {
            throw new Error('no client: the id is refused before anything is read');
          },
        });
        expect(evaluation).toEqual({
          kind: 'found',
          plan: { kind: 'refuse', reason: expect.stringContaining(id) },
          tags: {},
        });
        expect(
          evaluation.kind === 'found' && evaluation.plan.kind === 'refuse' ? evaluation.plan.reason : '',
        ).toContain(declared?.shape ?? '');
        expect(control.evaluateFromFinding({ ...context, resource })).toMatchObject({
          plan: { kind: 'refuse' },
        });
        expect(read).not.toHaveBeenCalled();
      } finally {
        read.mockRestore();
      }
    });

    it('has a row in the README controls table', () => {
      const row = tableRows(fs.readFileSync(README, 'utf8')).get(controlId);
      expect({
        controlId,
        row: row ?? 'missing: run `npx tsx packages/remediations/scripts/generate-docs.ts`',
      }).toEqual({ controlId, row: expect.stringContaining(control.title) });
      const rollbackCell = row?.split('|').slice(-2, -1)[0]?.trim();
      expect({ controlId, rollbackCell }).toEqual({
        controlId,
        rollbackCell: control.reversible ? 'yes (reversible)' : 'no (irreversible)',
      });
    });

    it('has a rollback exactly when reversible, with exact IAM actions and read actions it declares', () => {
      expect({ controlId, hasRollback: control.rollback !== undefined }).toEqual({
        controlId,
        hasRollback: control.reversible,
      });
      const rollback = control.rollback;
      if (rollback === undefined) return;
      expect(rollback.iamActions.length).toBeGreaterThan(0);
      expect(rollback.iamActions.filter((a) => !IAM_ACTION.test(a))).toEqual([]);
      expect(new Set(rollback.iamActions).size).toBe(rollback.iamActions.length);
      expect(rollback.readActions.length).toBeGreaterThan(0);
      expect(rollback.readActions.filter((a) => !control.iamActions.includes(a))).toEqual([]);
    });

    it('has a scenario (the non-compliant fixture)', () => {
      expect(scenarioIds).toContain(controlId);
    });

    it('has a stateSchema that rejects what is not a state, naming the field', () => {
      const schema: unknown = control.stateSchema;
      expect({ controlId, stateSchema: isZodSchema(schema) ? 'zod schema' : schema }).toEqual({
        controlId,
        stateSchema: 'zod schema',
      });
      for (const notAState of [undefined, null, 'state', 42, []]) {
        expect({ controlId, notAState, parses: control.stateSchema.safeParse(notAState).success }).toEqual({
          controlId,
          notAState,
          parses: false,
        });
      }
    });

    it.each(PARTITIONS)(
      'names the resources of every action in %s: "*" only for actions without a resource type, the finding resource named',
      (partition, region) => {
        // Arrange: a finding resource of the control's type, in that partition
        const context = sampleContext(control, partition, region);
        const declared = [...new Set([...control.iamActions, ...(control.rollback?.iamActions ?? [])])];

        // Act
        const statements = control.permissions(context);
        const policy =
          createAwsAccess({ defaultRegion: region }).resolve(
            { accountId: MEMBER_ACCOUNT, region },
            { purpose: `remediate-${controlId}`, statements },
          ).policy ?? '';

        // Assert: each declared action in exactly one statement, and nothing else
        const named = statements.flatMap((statement) => statement.actions);
        expect({ controlId, actions: [...named].sort() }).toEqual({
          controlId,
          actions: [...declared].sort(),
        });
        expect({
          controlId,
          problems: policyProblems(policy, { partition, region, accountId: MEMBER_ACCOUNT }),
        }).toEqual({
          controlId,
          problems: [],
        });
        const accountLevel = control.resourceTypes.every((t) => t === 'AwsAccount');
        expect({
          controlId,
          namesTheResource: accountLevel || policy.includes(SAMPLE_IDS[context.resource.Type] ?? '?'),
        }).toEqual({
          controlId,
          namesTheResource: true,
        });
      },
    );
  });
});

/** A region of each partition, for the samples. */
const PARTITION_REGION: Readonly<Record<string, string>> = {
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};

/** An `arn:aws:` example written in another partition (and a region of it). */
function inPartition(id: string, partition: string): string {
  if (partition === 'aws') return id;
  const region = PARTITION_REGION[partition] ?? '';
  return id.replace(
    /^arn:aws:([^:]*):([^:]*):/,
    (_all, service: string, r: string) => `arn:${partition}:${service}:${r === '' ? '' : region}:`,
  );
}

function sampleResource(type: string, partition: string, region: string): FindingResource {
  const regional = (resource: string) => `arn:${partition}:ec2:${region}:${MEMBER_ACCOUNT}:${resource}`;
  const ids: Readonly<Record<string, string>> = {
    AwsEc2SecurityGroup: regional('security-group/sg-0123456789abcdef0'),
    AwsEc2Instance: regional('instance/i-0123456789abcdef0'),
    AwsEc2Vpc: regional('vpc/vpc-0123456789abcdef0'),
    AwsEc2Subnet: regional('subnet/subnet-0123456789abcdef0'),
    AwsEc2Eip: regional('elastic-ip/eipalloc-0123456789abcdef0'),
    AwsKmsKey: `arn:${partition}:kms:${region}:${MEMBER_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    AwsS3Bucket: `arn:${partition}:s3:::soar-gate-bucket`,
    AwsDynamoDbTable: `arn:${partition}:dynamodb:${region}:${MEMBER_ACCOUNT}:table/orders`,
    AwsRdsDbInstance: `arn:${partition}:rds:${region}:${MEMBER_ACCOUNT}:db:soar-gate-db`,
    AwsRdsDbSnapshot: `arn:${partition}:rds:${region}:${MEMBER_ACCOUNT}:snapshot:rds:soar-gate-db-2026-12-01-03-10`,
    AwsRdsDbClusterSnapshot: `arn:${partition}:rds:${region}:${MEMBER_ACCOUNT}:cluster-snapshot:soar-gate-cluster-manual`,
    AwsElbv2LoadBalancer: `arn:${partition}:elasticloadbalancing:${region}:${MEMBER_ACCOUNT}:loadbalancer/app/soar-gate-alb/0123456789abcdef`,
    AwsElbLoadBalancer: `arn:${partition}:elasticloadbalancing:${region}:${MEMBER_ACCOUNT}:loadbalancer/soar-gate-clb`,
    AwsIamUser: `arn:${partition}:iam::${MEMBER_ACCOUNT}:user/soar-gate-user`,
    AwsEcrRepository: `arn:${partition}:ecr:${region}:${MEMBER_ACCOUNT}:repository/team/soar-gate-repo`,
    AwsEcsCluster: `arn:${partition}:ecs:${region}:${MEMBER_ACCOUNT}:cluster/soar-gate-cluster`,
    AwsEcsService: `arn:${partition}:ecs:${region}:${MEMBER_ACCOUNT}:service/soar-gate-cluster/soar-gate-service`,
    AwsAccount: `AWS::::Account:${MEMBER_ACCOUNT}`,
  };
  const id = ids[type];
  if (id === undefined) throw new Error(`add a sample ${type} resource to the registry gate`);
  return { Type: type, Id: id, Partition: partition, Region: region };
}

function sampleContext(control: RegisteredControl, partition: string, region: string): PlanContext {
  const resource = sampleResource(control.resourceTypes[0] ?? '', partition, region);
  const finding = padFor(control.controlId, resource).finding;
  return { finding, resource, accountId: MEMBER_ACCOUNT, region, partition, now: new Date(0) };
}

describe('Registry: every scenario against moto (pure plan, IAM coverage, compliant and gone fixtures)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  }, 60_000);
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  describe.each(scenarios.map((s) => [s.file, s.scenario] as const))('%s', (_file, scenario) => {
    const { control } = scenario;
    const { controlId } = control;

    it(`${controlId}: plan is pure, every SDK call is a declared IAM action, a second run changes nothing`, async () => {
      // Arrange: the non-compliant resource, a recording client factory and a spy on the module's plan
      const access = motoAccess(moto);
      const resource = await scenario.arrange(access);
      const calls: SdkCall[] = [];
      const policies: (string | undefined)[] = [];
      const planSpy = jest.spyOn(control.module, 'plan');

      // Act: a real run, then plan again on each recorded input with the network refused
      const first = await run(control, padFor(controlId, resource), {
        now: scenario.now,
        access: recordingAccess(access, calls, [], policies),
      });
      const recorded = planSpy.mock.calls.map((args, index) => ({
        args,
        result: planSpy.mock.results[index],
      }));
      planSpy.mockRestore();
      const replays = recorded.map(({ args }) => {
        const before = cloneOrUndefined(args);
        const { value, attempts } = withoutNetwork(() => control.module.plan(...args));
        return { value, attempts, mutated: before !== undefined && !isDeepStrictEqual(before, args) };
      });
      const second = await run(control, padFor(controlId, resource), { access, now: scenario.now });
      // Each state read returned (run() has checked that it parses), given to planFromState instead
      const fromState = recorded.map(({ args }) => planRecordedState(control, args));

      // Assert
      expect(RESULT_KINDS).toContain(first.result.kind);
      expect(recorded.length).toBeGreaterThan(0);
      recorded.forEach(({ result }, index) => {
        expect({ controlId, fromState: fromState[index] }).toEqual({
          controlId,
          fromState: { kind: 'planned', plan: result?.value },
        });
      });
      recorded.forEach(({ result }, index) => {
        const replay = replays[index];
        expect(result?.type).toBe('return');
        expect(replay?.attempts).toEqual([]);
        expect(replay?.value).not.toBeInstanceOf(Promise);
        expect(replay?.value).toEqual(result?.value);
        expect(replay?.mutated).toBe(false);
        expect(plannedActionsUndeclared(replay?.value, control.iamActions)).toEqual([]);
      });
      const undeclared = [...new Set(calls.map((c) => iamActionOf(c.clientName, c.commandName)))].filter(
        (action) => !control.iamActions.includes(action),
      );
      expect({ controlId, undeclaredIamActions: undeclared }).toEqual({
        controlId,
        undeclaredIamActions: [],
      });
      // Every session policy sent to STS names the resources it may touch
      expect(policies.length).toBeGreaterThan(0);
      const where = { partition: 'aws', region: resource.Region ?? REGION, accountId: MEMBER_ACCOUNT };
      expect({
        controlId,
        problems: [...new Set(policies.flatMap((p) => policyProblems(p, where)))],
      }).toEqual({
        controlId,
        problems: [],
      });
      if (first.result.kind === 'remediated') {
        // A second run changes nothing: compliant, or (for a fix that deletes the resource) gone.
        const noOp = control.destructive ? ['remediated', 'resource_gone'] : ['remediated'];
        expect(noOp).toContain(second.result.kind);
        if (second.result.kind === 'remediated') expect(second.result.changes).toEqual([]);
      }
    });

    if (control.reversible) {
      it(`${controlId}: rollback plan is pure, every SDK call is a read or rollback action, in a rollback-${controlId} session`, async () => {
        // Arrange: the resource fixed, and its before-image stored as JSON
        const access = motoAccess(moto);
        const resource = await scenario.arrange(access);
        const pad = padFor(controlId, resource);
        const fixed = await run(control, pad, { access, now: scenario.now });
        const beforeImage = fixed.result.kind === 'remediated' ? fixed.result.beforeImages[0] : undefined;
        const record: RollbackRecord = JSON.parse(
          JSON.stringify({ controlId, finding: pad.finding, beforeImage }),
        );
        const rollback = control.rollback;
        const module = control.module.rollback;
        if (rollback === undefined || module === undefined) throw new Error(`${controlId} has no rollback`);
        const calls: SdkCall[] = [];
        const scopes: AccessScope[] = [];
        const policies: (string | undefined)[] = [];
        const planSpy = jest.spyOn(module, 'plan');

        // Act: a real rollback, then its plan again on each recorded input with the network refused
        const result = await runRollback(control, record, {
          access: recordingAccess(access, calls, scopes, policies),
          verify: { attempts: 1, delayMs: 0 },
        });
        const recorded = planSpy.mock.calls.map((args, index) => ({
          args,
          result: planSpy.mock.results[index],
        }));
        planSpy.mockRestore();
        const replays = recorded.map(({ args }) => {
          const before = cloneOrUndefined(args);
          const { value, attempts } = withoutNetwork(() => module.plan(...args));
          return { value, attempts, mutated: before !== undefined && !isDeepStrictEqual(before, args) };
        });

        // Assert: the before-image parses, the rollback undid the fix, purely, within its session
        expect(() => rollback.parse(record.beforeImage)).not.toThrow();
        expect(result.kind).toBe('rolled_back');
        expect(recorded.length).toBeGreaterThan(0);
        recorded.forEach(({ result: planned }, index) => {
          const replay = replays[index];
          expect(planned?.type).toBe('return');
          expect(replay?.attempts).toEqual([]);
          expect(replay?.value).not.toBeInstanceOf(Promise);
          expect(replay?.value).toEqual(planned?.value);
          expect(replay?.mutated).toBe(false);
          expect(plannedActionsUndeclared(replay?.value, rollback.iamActions)).toEqual([]);
        });
        const sessionActions = rollbackSessionActions(rollback);
        const undeclared = [...new Set(calls.map((c) => iamActionOf(c.clientName, c.commandName)))].filter(
          (action) => !sessionActions.includes(action),
        );
        expect({ controlId, undeclaredRollbackActions: undeclared }).toEqual({
          controlId,
          undeclaredRollbackActions: [],
        });
        expect(scopes.length).toBeGreaterThan(0);
        const sessions = new Set(
          scopes.map((scope) =>
            JSON.stringify({
              purpose: scope.purpose,
              actions: (scope.statements ?? []).flatMap((statement) => statement.actions).sort(),
            }),
          ),
        );
        expect(sessions).toEqual(
          new Set([
            JSON.stringify({ purpose: `rollback-${controlId}`, actions: [...sessionActions].sort() }),
          ]),
        );
        const where = { partition: 'aws', region: resource.Region ?? REGION, accountId: MEMBER_ACCOUNT };
        expect({
          controlId,
          problems: [...new Set(policies.flatMap((p) => policyProblems(p, where)))],
        }).toEqual({
          controlId,
          problems: [],
        });
      });
    }

    it(`${controlId}: states fromFinding derives from the scenario's resource as Security Hub describes it parse with its stateSchema, and an unknown key is an error naming it`, async () => {
      // Arrange: the non-compliant resource, then the same fixed (unless the fix deleted it)
      const access = motoAccess(moto);
      const resource = await scenario.arrange(access);
      const described = [await describeLikeSecurityHub(access, resource)];
      const fixed = await run(control, padFor(controlId, resource), { access, now: scenario.now });
      if (fixed.result.kind === 'remediated') {
        try {
          described.push(await describeLikeSecurityHub(access, resource));
        } catch (error) {
          if (classifyError(error) !== 'resource_not_found') throw error;
        }
      }
      const fromFinding = control.module.fromFinding;
      if (fromFinding === undefined) throw new Error(`${controlId} has no fromFinding`);

      // Act: every described resource, with and without its details, under every verdict
      const derived = described
        .flatMap((r) => [r, { ...r, Details: undefined }])
        .flatMap((r) =>
          (['FAILED', 'PASSED', 'none'] as const).map((status) => planContext(controlId, r, status)),
        )
        .map((context) => ({ context, derived: fromFinding(context) }));
      const found = derived.flatMap(({ context, derived: d }) =>
        d.kind === 'found' ? [{ context, state: d.state }] : [],
      );
      const rejected = found.flatMap(({ context, state }) => {
        const parsed = control.stateSchema.safeParse(state);
        return parsed.success ? [] : [{ resource: context.resource.Id, state, issues: parsed.error.issues }];
      });
      const withTypo = found.map(({ context, state }) => {
        try {
          control.evaluateState({ ...asObject(state), notAField: true }, context);
          return 'accepted';
        } catch (error) {
          return error instanceof LiveStateError ? error.issues.map((issue) => issue.field) : error;
        }
      });

      // Assert
      expect(derived.length).toBeGreaterThan(0);
      expect({ controlId, rejected }).toEqual({ controlId, rejected: [] });
      for (const fields of withTypo)
        expect({ controlId, fields }).toEqual({ controlId, fields: ['notAField'] });
    });

    const accountLevel = control.resourceTypes.every((t) => t === 'AwsAccount');
    (accountLevel ? it.skip : it)(
      `${controlId}: a resource deleted before the run ends in resource_gone and suppression (gone fixture)${accountLevel ? ' (account-level control: the account cannot be gone)' : ''}`,
      async () => {
        // Arrange: the finding points at a resource that no longer exists
        const resource = await scenario.arrange(motoAccess(moto));
        await moto.reset();

        // Act
        const { result, scratchpad } = await run(control, padFor(controlId, resource), {
          now: scenario.now,
          access: motoAccess(moto),
        });

        // Assert
        expect(result.kind).toBe('resource_gone');
        expect(scratchpad.actions.suppress_finding).toBe(true);
      },
    );
  });
});

/** Whether a value is a zod schema (something with `safeParse`). */
function isZodSchema(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'safeParse' in value &&
    typeof value.safeParse === 'function'
  );
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('a state is an object');
  return { ...value };
}

/** A plan context for the scenario's resource, with verdict `status` (`'none'`: no `Compliance.Status`). */
function planContext(
  controlId: string,
  resource: FindingResource,
  status: 'FAILED' | 'PASSED' | 'none',
): PlanContext {
  const base = padFor(controlId, resource).finding;
  const finding: AwsSecurityFinding = {
    ...base,
    Compliance: status === 'none' ? { SecurityControlId: controlId } : { ...base.Compliance, Status: status },
  };
  return { finding, resource, accountId: MEMBER_ACCOUNT, region: REGION, partition: 'aws', now: new Date() };
}

/**
 * What `planFromState` plans for the resource of one recorded `plan(state, context)` call of a live
 * run, given that state: the same finding, clock and resource; only the state no longer comes from AWS.
 */
function planRecordedState(control: RegisteredControl, args: readonly unknown[]): unknown {
  const [state, context] = args as [unknown, ControlContext];
  const { resources } = planFromState(
    createScratchpad(context.finding),
    (resource, controlId) =>
      resource.Id === context.resource.Id && controlId === control.controlId ? state : undefined,
    { registry: new Registry([control]), now: () => context.now },
  );
  const planned = resources.find((r) => r.resourceId === context.resource.Id);
  return planned?.kind === 'planned' ? { kind: planned.kind, plan: planned.plan } : planned;
}

function cloneOrUndefined<T>(value: T): T | undefined {
  try {
    return structuredClone(value);
  } catch {
    return undefined; // state holding functions or class instances: skip the mutation check
  }
}

/** `PlannedChange.action`s of a plan (a fix's or a rollback's) that are not among `declared`. */
function plannedActionsUndeclared(plan: unknown, declared: readonly string[]): string[] {
  if (typeof plan !== 'object' || plan === null || !('changes' in plan) || !Array.isArray(plan.changes)) {
    return [];
  }
  const changes: unknown[] = plan.changes;
  return changes
    .map((change) =>
      typeof change === 'object' && change !== null && 'action' in change ? String(change.action) : '',
    )
    .filter((action) => !declared.includes(action));
}
