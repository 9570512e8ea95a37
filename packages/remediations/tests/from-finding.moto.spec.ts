/**
 * Consistency gate for planning from a finding (`fromFinding`, the no-AWS simulation).
 *
 * For every scenario in `tests/scenarios/*.ts`: arrange the resource in moto, evaluate it live with the
 * control (read + plan), describe the same resource the way Security Hub would put it into a finding
 * (`tests/security-hub-details.ts`), then plan from that finding alone. The two plans must agree
 * (same kind, same change actions), or the control must be listed below with the reason the finding
 * cannot say enough, and then `fromFinding` must answer `unknown` (never a change the live run might
 * refuse). Registry walk: every registered control must implement `fromFinding`.
 */
import type { AwsAccess } from '@soar/aws-access';
import { startMotoServer, type MotoServer } from '@soar/testing';
import type {
  ControlContext,
  Evaluation,
  FindingEvaluation,
  FindingResource,
  PlanContext,
} from '../src/engine/control';
import { CONTROLS } from '../src/registry';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, type RemediationScenario } from './remediation-harness';
import { discoverScenarios } from './scenario-support';
import { describeLikeSecurityHub } from './security-hub-details';

/**
 * Controls whose scenario the finding alone cannot plan, and why. Their `fromFinding` must answer
 * `unknown` for the scenario; remove a control from here once it can plan it.
 */
const LIVE_ONLY: Readonly<Record<string, string>> = {
  'EC2.2':
    'no finding says whether network interfaces use the default group, and the live run refuses when one does',
  'EC2.4': 'ASFF instance details carry no state, stop time or termination protection',
  'EC2.22': "no finding says whether other groups' rules or launch templates use the group",
  'KMS.4': 'ASFF AwsKmsKey details carry no KeySpec, and only symmetric encryption keys rotate',
  'ECR.1': "no finding carries the registry's scanning configuration, which may already cover the repository",
  'ECS.2': "no finding says whether the service's subnets route through an internet gateway",
  'ELB.1': 'ASFF load balancer details carry no listeners and their default actions',
  'ELB.5': "no finding says whether the account's log bucket exists and who owns it",
  'IAM.8': 'no finding says when each credential was last used',
  'RDS.4': 'ASFF snapshot details carry no snapshot type, sharing or earlier encrypted copy',
};

const scenarios = discoverScenarios();

function planContext(finding: PlanContext['finding'], resource: FindingResource, now: Date): PlanContext {
  return { finding, resource, accountId: MEMBER_ACCOUNT, region: REGION, partition: 'aws', now };
}

/** Kind and change actions of an evaluation, the part live and finding plans must share. */
function shape(evaluation: Evaluation | FindingEvaluation): { kind: string; actions: string[] } {
  if (evaluation.kind !== 'found') return { kind: evaluation.kind, actions: [] };
  const { plan } = evaluation;
  return { kind: plan.kind, actions: plan.kind === 'changes' ? plan.changes.map((c) => c.action) : [] };
}

/** Arranges the scenario, evaluates it live, and plans it from a finding that describes it as Security Hub would. */
async function liveAndFromFinding(
  scenario: RemediationScenario,
  access: AwsAccess,
  tweak: (resource: FindingResource) => FindingResource = (r) => r,
): Promise<{ live: Evaluation; fromFinding: FindingEvaluation }> {
  const { control } = scenario;
  const now = scenario.now?.() ?? new Date();
  const arranged = await scenario.arrange(access);
  const liveFinding = padFor(control.controlId, arranged).finding;
  const liveContext: ControlContext = {
    ...planContext(liveFinding, arranged, now),
    client: (ClientClass) =>
      access.client(
        ClientClass,
        { accountId: MEMBER_ACCOUNT, region: REGION },
        { purpose: `consistency-${control.controlId}`, actions: control.iamActions },
      ),
  };
  const live = await control.evaluate(liveContext);
  const described = tweak(await describeLikeSecurityHub(access, arranged));
  const passes = live.kind === 'found' && live.plan.kind === 'compliant';
  const base = padFor(control.controlId, described).finding;
  const finding = {
    ...base,
    Compliance: { ...base.Compliance, Status: passes ? ('PASSED' as const) : ('FAILED' as const) },
  };
  return { live, fromFinding: control.evaluateFromFinding(planContext(finding, described, now)) };
}

describe('fromFinding: every registered control', () => {
  it.each(CONTROLS.map((c) => [c.controlId, c] as const))(
    '%s implements fromFinding',
    (controlId, control) => {
      const { module } = control;
      expect({
        controlId,
        fromFinding: 'fromFinding' in module ? typeof module.fromFinding : 'missing',
      }).toEqual({
        controlId,
        fromFinding: 'function',
      });
    },
  );

  it('lists only registered controls as live-only', () => {
    const registered = CONTROLS.map((c) => c.controlId);
    expect(Object.keys(LIVE_ONLY).filter((id) => !registered.includes(id))).toEqual([]);
  });
});

describe('fromFinding: plans like the live run, against moto', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  }, 60_000);
  afterAll(() => moto.stop());
  beforeEach(() => moto.reset());

  describe.each(scenarios.map((s) => [s.file, s.scenario] as const))('%s', (_file, scenario) => {
    const { controlId } = scenario.control;
    const liveOnly = LIVE_ONLY[controlId];

    if (liveOnly === undefined) {
      it(`${controlId}: the plan from the finding has the kind and change actions of the live plan`, async () => {
        // Arrange + Act
        const { live, fromFinding } = await liveAndFromFinding(scenario, motoAccess(moto));

        // Assert
        expect(live.kind).toBe('found');
        expect({ controlId, fromFinding: shape(fromFinding) }).toEqual({
          controlId,
          fromFinding: shape(live),
        });
      });
    } else {
      it(`${controlId}: the finding alone cannot say enough (${liveOnly}), so fromFinding is unknown`, async () => {
        // Arrange + Act
        const { live, fromFinding } = await liveAndFromFinding(scenario, motoAccess(moto));

        // Assert: the live run would change something; the simulation says only the live run can tell
        expect(shape(live).kind).toBe('changes');
        expect(fromFinding).toEqual({ kind: 'unknown', reason: expect.stringContaining('SOAR checks') });
      });
    }
  });

  it('KMS.4: with a KeySpec in the details (which ASFF does not document), plans like the live run', async () => {
    // Arrange: the moto key is symmetric (the live plan would refuse otherwise); the finding says so too
    const scenario = scenarios.find((s) => s.scenario.control.controlId === 'KMS.4')?.scenario;
    if (scenario === undefined) throw new Error('no KMS.4 scenario');
    const withKeySpec = (resource: FindingResource): FindingResource => {
      const details = resource.Details?.AwsKmsKey;
      if (details === undefined) throw new Error('the KMS key was described without AwsKmsKey details');
      return {
        ...resource,
        Details: { ...resource.Details, AwsKmsKey: { ...details, KeySpec: 'SYMMETRIC_DEFAULT' } },
      };
    };

    // Act
    const { live, fromFinding } = await liveAndFromFinding(scenario, motoAccess(moto), withKeySpec);

    // Assert
    expect(shape(live)).toEqual({ kind: 'changes', actions: ['kms:EnableKeyRotation'] });
    expect(shape(fromFinding)).toEqual(shape(live));
  });
});
