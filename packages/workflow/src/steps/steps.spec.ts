import { SILENT_LOGGER } from '@soar/common';
import { createMemoryIncidentLog } from '@soar/history';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding } from '@soar/testing';
import { createLocalSecurityHub } from '@soar/security-hub';
import { type Decision } from '@soar/triage';
import { createMemoryFailureRecorder } from '../failures';
import { createMemoryWatermarks, eventMarkOf } from '../watermark';
import { InvalidStepInputError, NotificationNotDeliveredError } from '../errors';
import type { AiAnalyst, AiMessageKind, Remediator, TicketOperations } from '../ports';
import type { FlowState } from '../state';
import {
  closeTicketStep,
  failedStepOf,
  notifyFixedStep,
  notifyIncidentStep,
  recordFailureStep,
  remediateStep,
  suppressStep,
  ticketStep,
} from './steps';
import { parseFlowState } from './parse-state';

const finding = aControlFinding({ controlId: 'EC2.13', accountId: '111122223333' });
const NOW = new Date('2026-12-07T12:00:00.000Z');

function decision(route: Decision['route'], extra: Partial<Decision> = {}): Decision {
  return { route, rule: 'failed_control', reason: `Because of ${route}.`, gates: [], ...extra };
}

function stateFor(route: Decision['route'], extra: Partial<FlowState> = {}): FlowState {
  return { key: 'k-1', pad: createScratchpad(finding), decision: decision(route), ...extra };
}

const TEAM_ROUTE = {
  destination: 'TEAM',
  domain: 'INFRA',
  project: 'PAY',
  teamEmail: 'payments@example.com',
  alsoToSoc: false,
  notes: [],
} as const;

/** Ticket operations that remember what they were asked and answer as the service does. */
function fakeTickets(
  options: { existing?: boolean; closed?: boolean; emailFails?: boolean; socCopyFails?: boolean } = {},
) {
  const calls: string[] = [];
  const notifications = [
    options.emailFails === true
      ? { channel: 'email', ok: false, error: new Error('SES is down') }
      : { channel: 'email', ok: true },
    { channel: 'slack', ok: false, error: new Error('Slack is down') },
  ];
  const tickets: TicketOperations = {
    openTeamTicket: (pad) => {
      calls.push(`open:${pad.messages.actions_required}`);
      return Promise.resolve(
        options.existing === true
          ? { kind: 'existing', ticketId: 'SOAR-1' }
          : { kind: 'opened', ticketId: 'SOAR-1', route: TEAM_ROUTE, notifications },
      );
    },
    openIncidentTicket: (_pad, incident) => {
      calls.push(`incident:${incident.incidentKind}:${incident.actionsTaken.join(' ')}`);
      const socCopy =
        options.socCopyFails === true
          ? { ok: false as const, project: 'SOC', error: 'SOC project is read-only' }
          : { ok: true as const, project: 'SOC', ticketId: 'SOC-7' };
      return Promise.resolve({
        kind: 'opened',
        ticketId: 'SOAR-9',
        route: TEAM_ROUTE,
        notifications,
        socCopy,
      });
    },
    notifyIncident: (_pad, incident) => {
      calls.push(`told:${incident.incidentKind}`);
      return Promise.resolve(notifications);
    },
    notifyAutoFixed: () => {
      calls.push('notify-fixed');
      return Promise.resolve(notifications);
    },
    closeTicket: (_pad, ticketId) => {
      calls.push(`close:${ticketId}`);
      return Promise.resolve(
        options.closed === false
          ? { kind: 'not_open', reason: 'SOAR holds no open ticket SOAR-1.' }
          : { kind: 'closed', ticketId, notifications },
      );
    },
  };
  return { tickets, calls };
}

describe('Function: parseFlowState', () => {
  it('names every invalid field of a bad state', () => {
    expect(() => parseFlowState({ key: '', pad: {}, decision: { route: 'fly' } }, 'ticket')).toThrow(
      InvalidStepInputError,
    );
    expect(() => parseFlowState({ key: '', pad: {}, decision: { route: 'fly' } }, 'ticket')).toThrow(
      /ticket step got an invalid state: .*key.*pad\.finding.*decision\.route/,
    );
  });
});

describe('Function: suppressStep', () => {
  it('suppresses with the decision as the note', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });

    const next = await suppressStep(stateFor('suppress'), {
      securityHub,
      watermarks: createMemoryWatermarks(),
    });

    expect(securityHub.finding(finding.Id)?.Workflow?.Status).toBe('SUPPRESSED');
    expect(securityHub.finding(finding.Id)?.Note?.Text).toBe('SOAR: Because of suppress.');
    expect(next.result).toEqual({ outcome: 'suppressed', summary: 'Suppressed: Because of suppress.' });
  });

  it('suppresses a finding whose resource the remediation found gone, saying so', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const state = stateFor('remediate', {
      remediation: {
        kind: 'resource_gone',
        reason: 'sg-1 no longer exists.',
        changes: [],
        beforeImages: [],
        simulated: false,
      },
    });

    await suppressStep(state, { securityHub, watermarks: createMemoryWatermarks() });

    expect(securityHub.finding(finding.Id)?.Note?.Text).toBe('SOAR: sg-1 no longer exists.');
  });

  it('suppresses the finding of a resource opted out by its tag, the note naming the tag', async () => {
    // Arrange: the remediation left a tagged resource alone (the decision itself was to remediate)
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const reason =
      'The resource is tagged soar:auto-remediation = off, which opts it out of auto-remediation, ' +
      'so SOAR left it alone and suppressed the finding.';
    const state = stateFor('remediate', {
      remediation: { kind: 'opted_out', reason, changes: [], beforeImages: [], simulated: false },
    });

    // Act
    const next = await suppressStep(state, { securityHub, watermarks: createMemoryWatermarks() });

    // Assert
    expect(securityHub.finding(finding.Id)?.Workflow?.Status).toBe('SUPPRESSED');
    expect(securityHub.finding(finding.Id)?.Note?.Text).toBe(`SOAR: ${reason}`);
    expect(next.result?.outcome).toBe('suppressed');
  });
});

describe('Function: remediateStep', () => {
  const remediator = (result: Awaited<ReturnType<Remediator['remediate']>>['result']): Remediator => ({
    remediate: (pad) => Promise.resolve({ scratchpad: pad, result, simulated: true }),
  });

  it('records what changed for the next state', async () => {
    const next = await remediateStep(stateFor('remediate'), {
      watermarks: createMemoryWatermarks(),
      remediator: remediator({
        kind: 'remediated',
        controlId: 'EC2.13',
        changes: ['Revoked sgr-1.'],
        beforeImages: [{ a: 1 }],
      }),
    });

    expect(next.remediation).toEqual({
      kind: 'remediated',
      controlId: 'EC2.13',
      changes: ['Revoked sgr-1.'],
      beforeImages: [{ a: 1 }],
      simulated: true,
    });
    expect(next.result).toBeUndefined();
  });

  it('keeps the changes and before-images of a remediation AWS is still applying (reconsider later)', async () => {
    const next = await remediateStep(stateFor('remediate'), {
      watermarks: createMemoryWatermarks(),
      remediator: remediator({
        kind: 'reconsider_later',
        controlId: 'RDS.9',
        reason: 'SOAR changed db-1; the check after the change says: the modification is pending.',
        changes: ['Exported the postgresql log of db-1 to CloudWatch Logs.'],
        beforeImages: [{ exports: [] }],
      }),
    });

    expect(next.remediation).toMatchObject({
      kind: 'reconsider_later',
      changes: ['Exported the postgresql log of db-1 to CloudWatch Logs.'],
      beforeImages: [{ exports: [] }],
    });
    expect(next.result?.outcome).toBe('reconsider_later');
  });

  it('carries the error of a remediation that was not done', async () => {
    const next = await remediateStep(stateFor('remediate'), {
      watermarks: createMemoryWatermarks(),
      remediator: remediator({
        kind: 'not_done',
        controlId: 'EC2.13',
        reason: 'SOAR could not change sg-1.',
        error: 'AccessDenied: no',
      }),
    });

    expect(next.remediation).toMatchObject({
      kind: 'not_done',
      reason: 'SOAR could not change sg-1.',
      error: 'AccessDenied: no',
    });
  });

  it('ends the run for "reconsider later"', async () => {
    const next = await remediateStep(stateFor('remediate'), {
      watermarks: createMemoryWatermarks(),
      remediator: remediator({
        kind: 'reconsider_later',
        controlId: 'EC2.12',
        reason: 'The grace period runs until 2026-12-20.',
      }),
    });

    expect(next.result).toEqual({
      outcome: 'reconsider_later',
      summary: 'Not yet: The grace period runs until 2026-12-20.',
    });
  });
});

describe('Function: ticketStep', () => {
  it('opens the ticket, then marks the finding NOTIFIED with the ticket id', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets } = fakeTickets();

    const next = await ticketStep(stateFor('ticket'), {
      tickets,
      securityHub,
      watermarks: createMemoryWatermarks(),
    });

    expect(next.ticket).toEqual({ ticketId: 'SOAR-1', status: 'opened' });
    expect(securityHub.finding(finding.Id)?.Workflow?.Status).toBe('NOTIFIED');
    expect(securityHub.finding(finding.Id)?.UserDefinedFields).toMatchObject({
      TicketOpen: 'Yes',
      TicketId: 'SOAR-1',
    });
  });

  it('puts the error of a crashed remediation step into the ticket', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets, calls } = fakeTickets();
    const state = stateFor('remediate', {
      error: {
        Error: 'ThrottlingException',
        Cause: JSON.stringify({ errorType: 'ThrottlingException', errorMessage: 'Rate exceeded' }),
      },
    });

    const next = await ticketStep(state, { tickets, securityHub, watermarks: createMemoryWatermarks() });

    expect(calls).toEqual([
      'open:The remediation failed with: ThrottlingException: Rate exceeded. Please fix the resource yourself, and the code or template that manages it.',
    ]);
    expect(next.pad.actions.autoremediation_not_done).toBe(true);
    expect(next.result?.summary).toContain('the remediation failed: ThrottlingException');
  });

  it('fails the step when the ticket email is not delivered, keeping the ticket and the NOTIFIED mark', async () => {
    // Arrange: the team would never hear of their new ticket
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets } = fakeTickets({ emailFails: true });

    // Act
    const error = await ticketStep(stateFor('ticket'), {
      tickets,
      securityHub,
      watermarks: createMemoryWatermarks(),
    }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(NotificationNotDeliveredError);
    expect((error as Error).message).toContain('new ticket SOAR-1');
    expect(securityHub.finding(finding.Id)?.UserDefinedFields).toMatchObject({ TicketId: 'SOAR-1' });
  });

  it('says nothing was sent again when a duplicate delivery finds the ticket open, and still marks NOTIFIED', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets } = fakeTickets({ existing: true });

    const next = await ticketStep(stateFor('ticket'), {
      tickets,
      securityHub,
      watermarks: createMemoryWatermarks(),
    });

    expect(next.result?.summary).toBe(
      'Ticket SOAR-1 was already open for this finding; nothing was sent again.',
    );
    expect(securityHub.finding(finding.Id)?.Workflow?.Status).toBe('NOTIFIED');
  });
});

describe('Ordering: an event older than one already acted on changes nothing', () => {
  const older = { ...finding, UpdatedAt: '2026-11-20T09:00:00.000Z' };
  const newer = { ...finding, UpdatedAt: '2026-11-20T11:00:00.000Z' };

  /** Watermarks that have already acted on the newer event of the finding. */
  async function afterNewerEvent() {
    const watermarks = createMemoryWatermarks();
    await watermarks.claim(eventMarkOf('k-newer', newer), new Date('2026-11-20T11:00:05Z'));
    return watermarks;
  }

  const olderState = (route: Decision['route'], extra: Partial<FlowState> = {}): FlowState => ({
    key: 'k-older',
    pad: createScratchpad(older),
    decision: decision(route, route === 'close_ticket' ? { ticketId: 'SOAR-1' } : {}),
    ...extra,
  });

  it('opens no ticket and sends nothing for a FAILED event that arrives after a newer one', async () => {
    // Arrange
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets, calls } = fakeTickets();

    // Act
    const next = await ticketStep(olderState('ticket'), {
      tickets,
      securityHub,
      watermarks: await afterNewerEvent(),
    });

    // Assert
    expect(calls).toEqual([]);
    expect(securityHub.finding(finding.Id)?.Workflow?.Status).toBe('NEW');
    expect(next.result?.outcome).toBe('stale');
    expect(next.result?.summary).toContain('2026-11-20T11:00:00.000Z');
  });

  it('does not close the ticket for a resolved event older than the FAILED event that opened it', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets, calls } = fakeTickets();

    const next = await closeTicketStep(olderState('close_ticket'), {
      tickets,
      securityHub,
      watermarks: await afterNewerEvent(),
    });

    expect(calls).toEqual([]);
    expect(next.result?.outcome).toBe('stale');
  });

  it('does not suppress on a stale event', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });

    const next = await suppressStep(olderState('suppress'), {
      securityHub,
      watermarks: await afterNewerEvent(),
    });

    expect(securityHub.finding(finding.Id)?.Workflow?.Status).toBe('NEW');
    expect(next.result?.outcome).toBe('stale');
  });

  it('does not run the remediation again for a stale event, and ends the run without a ticket', async () => {
    const remediate = jest.fn<ReturnType<Remediator['remediate']>, Parameters<Remediator['remediate']>>();

    const next = await remediateStep(olderState('remediate'), {
      remediator: { remediate },
      watermarks: await afterNewerEvent(),
    });

    expect(remediate).not.toHaveBeenCalled();
    expect(next.remediation?.kind).toBe('reconsider_later');
    expect(next.result?.outcome).toBe('stale');
  });

  it('lets the later steps of the same run act: a ticket after a remediation that was not done', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets, calls } = fakeTickets();
    const watermarks = createMemoryWatermarks();
    const remediated = await remediateStep(stateFor('remediate'), {
      remediator: {
        remediate: (pad) =>
          Promise.resolve({
            scratchpad: pad,
            result: { kind: 'not_done', controlId: 'EC2.13', reason: 'No access.' },
            simulated: false,
          }),
      },
      watermarks,
    });

    const next = await ticketStep(remediated, { tickets, securityHub, watermarks });

    expect(calls).toHaveLength(1);
    expect(next.result?.outcome).toBe('ticketed');
  });
});

describe('Function: notifyIncidentStep', () => {
  const incident = {
    action: 'notify',
    kind: 'ec2',
    domain: 'INFRA',
    incidentType: 'Backdoor:EC2/C&CActivity.B',
    summary: 'HIGH ec2 incident, ticketed',
    actionsTaken: ['Instance i-0abc was terminated.'],
    openTicket: true,
  } as const;

  it('opens the incident ticket with what SOAR did, emails the team and records the incident', async () => {
    // Arrange
    const { tickets, calls } = fakeTickets();
    const recorded: string[] = [];
    const incidentHistory = {
      record: (_finding: unknown, ticketId?: string) => Promise.resolve(void recorded.push(ticketId ?? '')),
    };

    // Act
    const next = await notifyIncidentStep(
      { ...stateFor('incident'), incident },
      { tickets, watermarks: createMemoryWatermarks(), incidentHistory },
    );

    // Assert
    expect(calls).toEqual(['incident:ec2:Instance i-0abc was terminated.']);
    expect(recorded).toEqual(['SOAR-9']);
    expect(next.ticket).toEqual({ ticketId: 'SOAR-9', status: 'opened' });
    expect(next.decision.reason).toBe('Incident handled: HIGH ec2 incident, ticketed; ticket SOAR-9');
  });

  it('records a SOC copy that could not be opened, and fails when the email was not delivered', async () => {
    // Arrange
    const failures = createMemoryFailureRecorder();
    const { tickets } = fakeTickets({ socCopyFails: true, emailFails: true });

    // Act
    const error = await notifyIncidentStep(
      { ...stateFor('incident'), incident },
      { tickets, watermarks: createMemoryWatermarks(), failures },
    ).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(NotificationNotDeliveredError);
    expect(failures.list().map((row) => row.step)).toEqual(['soc SOC', 'slack']);
    expect(failures.list()[0]?.cause).toContain('SOC project is read-only');
  });

  it('tells the team without a ticket when the severity gets none, and records the incident all the same', async () => {
    const { tickets, calls } = fakeTickets();
    const recorded: (string | undefined)[] = [];
    const incidentHistory = {
      record: (_finding: unknown, ticketId?: string) => Promise.resolve(void recorded.push(ticketId)),
    };

    const next = await notifyIncidentStep(
      { ...stateFor('incident'), incident: { ...incident, openTicket: false } },
      { tickets, watermarks: createMemoryWatermarks(), incidentHistory },
    );

    expect(calls).toEqual(['told:ec2']);
    expect(next.ticket).toBeUndefined();
    // The pattern analysis counts every incident of an alarm, ticketed or not.
    expect(recorded).toEqual([undefined]);
  });

  it('keeps every incident in the incident log, ticketed or not, with its account and severity', async () => {
    const incidentLog = createMemoryIncidentLog(() => NOW);
    const clock = () => NOW;
    const { tickets } = fakeTickets();

    await notifyIncidentStep(
      { ...stateFor('incident'), incident },
      { tickets, watermarks: createMemoryWatermarks(), incidentLog, clock },
    );
    await notifyIncidentStep(
      { ...stateFor('incident'), key: 'k-2', incident: { ...incident, openTicket: false } },
      { tickets, watermarks: createMemoryWatermarks(), incidentLog, clock },
    );

    expect(incidentLog.list()).toEqual([
      expect.objectContaining({
        key: 'k-1',
        findingId: finding.Id,
        accountId: '111122223333',
        ticketId: 'SOAR-9',
      }),
      expect.objectContaining({ key: 'k-2', ticketId: undefined, at: NOW.toISOString() }),
    ]);
    expect(incidentLog.list()[0]?.severity).toBe(finding.Severity.Label);
  });

  it('keeps a row the incident log refused as a failure row, and still hands the incident on', async () => {
    const failures = createMemoryFailureRecorder();
    const { tickets } = fakeTickets();
    const incidentLog = {
      record: () => Promise.reject(new Error('ProvisionedThroughputExceeded')),
      listSince: () => Promise.resolve([]),
    };

    const next = await notifyIncidentStep(
      { ...stateFor('incident'), incident },
      { tickets, watermarks: createMemoryWatermarks(), incidentLog, failures },
    );

    expect(next.result?.outcome).toBe('ticketed');
    expect(failures.list().filter((row) => row.step === 'incident-log')).toEqual([
      expect.objectContaining({
        step: 'incident-log',
        findingId: finding.Id,
        cause: expect.stringContaining('ProvisionedThroughputExceeded'),
      }),
    ]);
  });

  it('refuses a state without the decision of the incident step', async () => {
    const { tickets } = fakeTickets();

    await expect(
      notifyIncidentStep(stateFor('incident'), { tickets, watermarks: createMemoryWatermarks() }),
    ).rejects.toThrow();
  });
});

describe('Function: notifyFixedStep', () => {
  it('resolves the finding first, then tells the team; a failed chat copy does not fail the step', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets, calls } = fakeTickets();
    const warnings: string[] = [];
    const state = stateFor('remediate', {
      remediation: { kind: 'remediated', changes: ['Revoked sgr-1.'], beforeImages: [], simulated: false },
    });

    const next = await notifyFixedStep(state, {
      tickets,
      securityHub,
      logger: { ...SILENT_LOGGER, warn: (message) => void warnings.push(message) },
    });

    expect(securityHub.finding(finding.Id)?.Workflow?.Status).toBe('RESOLVED');
    expect(securityHub.finding(finding.Id)?.Note?.Text).toBe('Fixed by SOAR: Revoked sgr-1.');
    expect(calls).toEqual(['notify-fixed']);
    expect(warnings).toEqual(['A chat copy was not delivered']);
    expect(next.result).toEqual({ outcome: 'remediated', summary: 'Fixed by SOAR: Revoked sgr-1.' });
  });

  it('fails the step when the email still fails after its retries, with the finding already resolved', async () => {
    // Arrange: SES is down, so the team would never learn that SOAR changed their resource
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets } = fakeTickets({ emailFails: true });
    const state = stateFor('remediate', {
      remediation: { kind: 'remediated', changes: ['Revoked sgr-1.'], beforeImages: [], simulated: false },
    });

    // Act
    const error = await notifyFixedStep(state, { tickets, securityHub }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(NotificationNotDeliveredError);
    expect(error).toMatchObject({ name: 'NotificationNotDeliveredError', step: 'notify-fixed' });
    expect((error as Error).message).toContain('SES is down');
    expect(securityHub.finding(finding.Id)?.Workflow?.Status).toBe('RESOLVED');
  });

  it('cuts a long note to the 512 characters Security Hub takes', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets } = fakeTickets();
    const changes = Array.from(
      { length: 40 },
      (_, i) => `Revoked rule sgr-${i} that opened port 22 to the world.`,
    );
    const state = stateFor('remediate', {
      remediation: { kind: 'remediated', changes, beforeImages: [], simulated: false },
    });

    await notifyFixedStep(state, { tickets, securityHub });

    expect(securityHub.finding(finding.Id)?.Note?.Text).toHaveLength(512);
  });
});

describe('Function: closeTicketStep', () => {
  it('closes the ticket from the decision and sets TicketOpen to No', async () => {
    const resolved = { ...finding, UserDefinedFields: { TicketOpen: 'Yes', TicketId: 'SOAR-1' } };
    const securityHub = createLocalSecurityHub({ findings: [resolved] });
    const { tickets, calls } = fakeTickets();
    const state = {
      ...stateFor('close_ticket'),
      pad: createScratchpad(resolved),
      decision: decision('close_ticket', { ticketId: 'SOAR-1' }),
    };

    const next = await closeTicketStep(state, { tickets, securityHub, watermarks: createMemoryWatermarks() });

    expect(calls).toEqual(['close:SOAR-1']);
    expect(securityHub.finding(finding.Id)?.UserDefinedFields).toMatchObject({ TicketOpen: 'No' });
    expect(next.result?.outcome).toBe('ticket_closed');
  });

  it('still records the closure on the finding when a retry finds the ticket already closed', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets } = fakeTickets({ closed: false });
    const state = { ...stateFor('close_ticket'), decision: decision('close_ticket', { ticketId: 'SOAR-1' }) };

    const next = await closeTicketStep(state, { tickets, securityHub, watermarks: createMemoryWatermarks() });

    expect(next.result).toEqual({ outcome: 'ticket_not_open', summary: 'SOAR holds no open ticket SOAR-1.' });
    expect(securityHub.finding(finding.Id)?.UserDefinedFields).toMatchObject({ TicketOpen: 'No' });
  });

  it('fails the step when the "closed" email is not delivered, after recording the closure', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const { tickets } = fakeTickets({ emailFails: true });
    const state = { ...stateFor('close_ticket'), decision: decision('close_ticket', { ticketId: 'SOAR-1' }) };

    const error = await closeTicketStep(state, {
      tickets,
      securityHub,
      watermarks: createMemoryWatermarks(),
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NotificationNotDeliveredError);
    expect(securityHub.finding(finding.Id)?.UserDefinedFields).toMatchObject({ TicketOpen: 'No' });
  });

  it('refuses a close decision without a ticket id', async () => {
    const securityHub = createLocalSecurityHub({ findings: [finding] });

    await expect(
      closeTicketStep(stateFor('close_ticket'), {
        tickets: fakeTickets().tickets,
        securityHub,
        watermarks: createMemoryWatermarks(),
      }),
    ).rejects.toThrow(InvalidStepInputError);
  });
});

describe('Function: recordFailureStep', () => {
  it.each([
    ['suppress', undefined, 'suppress'],
    ['ticket', undefined, 'ticket'],
    ['close_ticket', undefined, 'close-ticket'],
    ['remediate', undefined, 'ticket'],
    ['remediate', 'remediated', 'notify-fixed'],
    ['remediate', 'resource_gone', 'suppress'],
    ['remediate', 'not_done', 'ticket'],
  ] as const)('a %s route with remediation %s failed in the %s step', (route, kind, step) => {
    const state = stateFor(
      route,
      kind === undefined ? {} : { remediation: { kind, changes: [], beforeImages: [], simulated: false } },
    );

    expect(failedStepOf(state)).toBe(step);
  });

  it('keeps an undelivered email in its own row, apart from a failure of the ticket itself', async () => {
    const failures = createMemoryFailureRecorder();
    const state = stateFor('ticket', {
      error: {
        Error: 'NotificationNotDeliveredError',
        Cause: JSON.stringify({ errorType: 'NotificationNotDeliveredError', errorMessage: 'SES is down' }),
      },
    });

    await recordFailureStep(state, { failures });

    expect(failures.list()).toEqual([expect.objectContaining({ step: 'ticket-email', key: 'k-1' })]);
  });

  it('keeps the failure with the finding and the error message', async () => {
    const failures = createMemoryFailureRecorder();
    const state = stateFor('ticket', {
      error: {
        Error: 'TicketSystemError',
        Cause: JSON.stringify({ errorType: 'TicketSystemError', errorMessage: 'Jira said 503' }),
      },
    });

    const next = await recordFailureStep(state, { failures, clock: () => new Date('2026-12-01T10:00:00Z') });

    expect(failures.list()).toEqual([
      {
        key: 'k-1',
        findingId: finding.Id,
        accountId: '111122223333',
        controlId: 'EC2.13',
        step: 'ticket',
        error: 'TicketSystemError',
        cause: 'TicketSystemError: Jira said 503',
        at: '2026-12-01T10:00:00.000Z',
      },
    ]);
    expect(next.result).toEqual({
      outcome: 'failed',
      summary: 'The ticket step failed: TicketSystemError: Jira said 503',
    });
  });
});

describe('The AI section of the messages', () => {
  /** An analyst that answers with the message kind and the context it was given, and remembers them. */
  function fakeAnalyst() {
    const asked: { kind: AiMessageKind; context?: string }[] = [];
    const ai: AiAnalyst = {
      analyse: (kind, _pad, context) => {
        asked.push({ kind, ...(context === undefined ? {} : { context: context.text }) });
        return Promise.resolve({ plaintext: `AI on ${kind}`, html: `<p>AI on ${kind}</p>` });
      },
    };
    return { ai, asked };
  }

  it('goes into the ticket message of the kind the step sends, and not into the state it returns', async () => {
    // Arrange
    const { ai, asked } = fakeAnalyst();
    const seen: string[] = [];
    const { tickets } = fakeTickets();
    const spy: TicketOperations = {
      ...tickets,
      openTeamTicket: (pad) => {
        seen.push(pad.messages.ai.plaintext);
        return tickets.openTeamTicket(pad);
      },
    };
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const failedFix = stateFor('ticket', {
      remediation: {
        kind: 'not_done',
        reason: 'AccessDenied',
        changes: [],
        beforeImages: [],
        simulated: false,
      },
    });

    // Act
    const opened = await ticketStep(stateFor('ticket'), {
      tickets: spy,
      securityHub,
      watermarks: createMemoryWatermarks(),
      ai,
    });
    await ticketStep(failedFix, { tickets: spy, securityHub, watermarks: createMemoryWatermarks(), ai });

    // Assert
    expect(asked.map((a) => a.kind)).toEqual(['ticket_opened', 'remediation_failed']);
    expect(seen).toEqual(['AI on ticket_opened', 'AI on remediation_failed']);
    expect(opened.pad.messages.ai.plaintext).toBe('');
  });

  it("gives the model an incident's context, and tells the team with the analysis", async () => {
    const { ai, asked } = fakeAnalyst();
    const { tickets } = fakeTickets();
    const incident = {
      action: 'notify',
      kind: 'generic',
      domain: 'INFRA',
      incidentType: 'Software and Configuration Checks/CloudWatch Alarms/soar-cloudwatch-alarms',
      summary: 'HIGH incident, ticketed',
      actionsTaken: [],
      openTicket: true,
      context: {
        title: 'Alarm context: INFRA-Orders-SM-Failure-HIGH',
        text: 'Failed executions in the window (2)',
      },
    } as const;

    await notifyIncidentStep(
      { ...stateFor('incident'), incident },
      { tickets, watermarks: createMemoryWatermarks(), ai },
    );

    expect(asked).toEqual([{ kind: 'incident', context: 'Failed executions in the window (2)' }]);
  });
});
