import type { AwsSecurityFinding } from '@soar/asff-schema';
import type { EnrichmentPorts } from '@soar/enrichment';
import { createScratchpad } from '@soar/scratchpad';
import { alarmFinding, anAccount, guardDuty, INSTANCE_ID, productFinding } from '../../tests/findings';
import { IncidentsConfigSchema, type IncidentsConfigInput } from '../config';
import type { ContainmentPorts } from '../containment/contain';
import { handleIncidentStep, IncidentStateSchema, type HandleIncidentPorts } from './handle-incident';

const account = anAccount();

function stateOf(finding: AwsSecurityFinding) {
  return {
    key: 'k-1',
    pad: createScratchpad(finding, { account }),
    decision: { route: 'incident' as const, rule: 'incident' as const, reason: 'An incident.', gates: [] },
  };
}

function portsWith(
  overrides: Partial<HandleIncidentPorts> = {},
  config: IncidentsConfigInput = {},
): HandleIncidentPorts {
  return {
    config: IncidentsConfigSchema.parse(config),
    localSuppressions: { ruleFor: () => Promise.resolve(undefined) },
    ...overrides,
  };
}

/** An instance that is running, unprotected, and terminates when asked. */
function runningInstance(): ContainmentPorts & { terminated: string[] } {
  const terminated: string[] = [];
  return {
    terminated,
    readInstance: (instance) =>
      Promise.resolve({
        found: true,
        instanceId: instance.instanceId,
        state: 'running',
        tags: {},
        terminationProtection: false,
      }),
    terminateInstance: (instance) => {
      terminated.push(instance.instanceId);
      return Promise.resolve({ previousState: 'running', currentState: 'shutting-down' });
    },
  };
}

describe('Step: handleIncidentStep', () => {
  it('notifies a GuardDuty EC2 incident and terminates its instance when containment is on', async () => {
    // Arrange
    const containment = runningInstance();
    const ports = portsWith({ containment }, { containment: { enabled: true } });

    // Act
    const next = await handleIncidentStep(
      stateOf(guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH')),
      ports,
    );

    // Assert
    expect(IncidentStateSchema.parse(next.incident)).toMatchObject({
      action: 'notify',
      kind: 'ec2',
      domain: 'INFRA',
      openTicket: true,
    });
    expect(containment.terminated).toEqual([INSTANCE_ID]);
    expect(next.incident.actionsTaken.join(' ')).toContain(INSTANCE_ID);
    expect(next.decision.reason).toMatch(/^Incident handled: HIGH ec2 incident, ticketed; /);
    expect(next.pad.penalty_score).toBeGreaterThan(0);
  });

  it('says the instance was not contained when containment is not wired, and still notifies', async () => {
    const next = await handleIncidentStep(
      stateOf(guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH')),
      portsWith({}, { containment: { enabled: true } }),
    );

    expect(next.incident.action).toBe('notify');
    expect(next.incident.actionsTaken).toEqual([
      'The instance was not contained: containment is not wired in this deployment.',
    ]);
  });

  it('suppresses a finding of an ignored product, with the filter as the reason', async () => {
    const finding = productFinding('aws/inspector', 'Inspector');

    const next = await handleIncidentStep(stateOf(finding), portsWith());

    expect(next.incident).toMatchObject({ action: 'suppress', openTicket: false });
    expect(next.decision.reason).toBe(next.incident.summary);
  });

  it('suppresses an incident a local rule matches, looked up by its incident type', async () => {
    // Arrange
    const asked: string[] = [];
    const ports = portsWith({
      localSuppressions: {
        ruleFor: (incidentType) => {
          asked.push(incidentType);
          return Promise.resolve('environment = DEV');
        },
      },
    });
    const finding = guardDuty('Recon:EC2/PortProbeUnprotectedPort', 'LOW');

    // Act
    const next = await handleIncidentStep(stateOf(finding), ports);

    // Assert: the key the original's table uses, the finding's type
    expect(asked).toEqual(finding.Types);
    expect(next.incident.action).toBe('suppress');
  });

  it('adds the alarm context to an alarm incident, and goes on without it when enrichment fails', async () => {
    // Arrange: no alarm source answers, so the context says what it could not read
    const finding = alarmFinding('INFRA', 'HIGH');
    const enrichment = { portsFor: (): EnrichmentPorts => ({}) };
    const failing = {
      portsFor: (): EnrichmentPorts => ({}),
      options: { budgetMs: -1 }, // invalid options: enrichment throws before reading anything
    };

    // Act
    const withContext = await handleIncidentStep(stateOf(finding), portsWith({ enrichment }));
    const without = await handleIncidentStep(stateOf(finding), portsWith({ enrichment: failing }));

    // Assert
    expect(withContext.incident.context?.title).toMatch(/^Alarm context: /);
    // The title is the message's; the text does not repeat it.
    expect(withContext.incident.context?.text).toMatch(/^Evaluation window: /);
    expect(withContext.incident.context?.text).not.toContain('Alarm context');
    expect(without.incident.action).toBe('notify');
    expect(without.incident.context).toBeUndefined();
    expect(without.incident.actionsTaken.join(' ')).toContain("The alarm's context could not be gathered");
  });
});
