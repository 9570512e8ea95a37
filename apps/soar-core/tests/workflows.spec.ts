/**
 * Workflow tests: findings go through the synthesized stack exactly as in AWS (the rules filter the
 * event, the Intake function decides, the finding processor state machine from the template runs
 * with the same steps the Lambda functions run), over embedded DynamoDB, a local Security Hub,
 * internal tickets and an outbox. One test per route of the finding
 * workflow; each asserts
 * the outcome, the Security Hub update, the ticket and the email.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { LOCAL_SECURITY_ACCOUNT } from '@soar/simulation';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';
import { internalTicketId } from '@soar/ticket-systems';
import {
  DEV,
  LEGACY,
  NEW_ACCOUNT,
  PROD,
  resolvedWithTicket,
  rootMfaMissing,
  run,
  sshOpenToTheWorld,
  testWorld,
  unusedElasticIpInGracePeriod,
  workflowUpdates,
} from './workflow-support';

describe('Workflow: the finding processor, route by route', () => {
  it('do nothing: a passing control starts no execution and changes nothing', async () => {
    const [result] = await run([aControlFinding({ controlId: 'EC2.13', accountId: PROD, status: 'PASSED' })]);

    expect(result?.decision).toMatchObject({ route: 'do_nothing', rule: 'control_passed' });
    expect(result?.execution).toBeUndefined();
    expect(result?.securityHub).toEqual([]);
    expect(result?.messages).toEqual([]);
  });

  it('immediate suppress: an evaluation error (WARNING) is suppressed without a ticket', async () => {
    const [result] = await run([
      aControlFinding({ controlId: 'Config.1', accountId: PROD, status: 'WARNING' }),
    ]);

    expect(result?.decision).toMatchObject({ route: 'suppress', rule: 'evaluation_error' });
    expect(result?.execution?.states).toEqual(['Route', 'Suppress']);
    expect(workflowUpdates(result!)).toEqual(['SUPPRESSED']);
    expect(result?.messages).toEqual([]);
  });

  it('new account: deferred by default (the finding stays NEW); suppressed when configured so', async () => {
    const finding = rootMfaMissing(NEW_ACCOUNT);

    const [deferred] = await run([finding]);
    const [suppressed] = await run([finding], { world: testWorld({ decide: { newAccount: 'suppress' } }) });

    expect(deferred?.decision?.gates[0]).toMatchObject({ gate: 'new_account', verdict: 'stop' });
    expect(deferred?.decision?.route).toBe('do_nothing');
    expect(deferred?.securityHub).toEqual([]);
    expect(suppressed?.decision?.route).toBe('suppress');
    expect(workflowUpdates(suppressed!)).toEqual(['SUPPRESSED']);
  });

  it('control not enabled: deferred by default; suppressed when configured so', async () => {
    const finding = sshOpenToTheWorld(LEGACY); // LEGACY has only IAM.6 enabled

    const [deferred] = await run([finding]);
    const [suppressed] = await run([finding], {
      world: testWorld({ decide: { controlNotEnabled: 'suppress' } }),
    });

    expect(deferred?.decision?.gates[1]).toMatchObject({ gate: 'control_enabled', verdict: 'stop' });
    expect(deferred?.securityHub).toEqual([]);
    expect(suppressed?.execution?.states).toEqual(['Route', 'Suppress']);
    expect(workflowUpdates(suppressed!)).toEqual(['SUPPRESSED']);
  });

  it('locally suppressed: a suppression rule that matches the account suppresses, with the rule as the reason', async () => {
    const [result] = await run([aControlFinding({ controlId: 'EC2.22', accountId: DEV })]);

    expect(result?.decision?.gates[2]).toMatchObject({ gate: 'local_suppression', verdict: 'stop' });
    expect(workflowUpdates(result!)).toEqual(['SUPPRESSED']);
    expect(result?.securityHub[0]?.changes?.note?.text).toContain('SOAR:');
  });

  it('team ticket: a control SOAR cannot fix gets one ticket, NOTIFIED with its id, and an email to the team', async () => {
    const finding = rootMfaMissing(PROD);

    const [result] = await run([finding]);

    expect(result?.decision?.route).toBe('ticket');
    expect(result?.execution?.states).toEqual(['Route', 'TicketTeam']);
    expect(result?.ticket).toEqual({ ticketId: internalTicketId(finding.Id), status: 'opened' });
    expect(result?.securityHub[0]?.changes).toMatchObject({
      workflowStatus: 'NOTIFIED',
      userDefinedFields: { TicketOpen: 'Yes', TicketId: internalTicketId(finding.Id) },
    });
    expect(result?.messages).toEqual([
      expect.objectContaining({
        to: ['payments-prod@example.com'],
        subject: expect.stringContaining('Action needed'),
      }),
    ]);
    expect(result?.messages[0]?.text).toContain(internalTicketId(finding.Id));
    // SOAR's own NOTIFIED update comes back from Security Hub and matches no rule: it costs nothing.
    expect(result?.followUps).toEqual([expect.objectContaining({ workflowStatus: 'NOTIFIED', rules: [] })]);
  });

  it('remediation success: the fix is planned from the finding, the finding RESOLVED, the team told what changed', async () => {
    const [result] = await run([sshOpenToTheWorld(DEV)]);

    expect(result?.decision?.route).toBe('remediate');
    expect(result?.execution?.states).toEqual(['Route', 'Remediate', 'RemediationOutcome', 'NotifyFixed']);
    expect(result?.remediation).toMatchObject({ kind: 'remediated', simulated: true });
    expect(result?.remediation?.changes.join(' ')).toContain('0.0.0.0/0');
    expect(workflowUpdates(result!)).toEqual(['RESOLVED']);
    expect(result?.ticket).toBeUndefined();
    expect(result?.messages).toEqual([expect.objectContaining({ to: ['payments-dev@example.com'] })]);
    expect(result?.messages[0]?.text).toContain('Planned (simulation, nothing was changed)');
  });

  it('remediation failed: a ticket that carries the error', async () => {
    const finding = sshOpenToTheWorld(DEV);

    const [result] = await run([finding], {
      interceptStep: async ({ functionId, run: real }) => {
        if (functionId !== 'Remediate') return real();
        const state = (await real()) as { remediation: object };
        return {
          ...state,
          remediation: {
            kind: 'not_done',
            reason: 'SOAR could not change sg-0a1b2c3d4e5f60718.',
            error: 'AccessDenied: not authorized',
            changes: [],
            beforeImages: [],
            simulated: false,
          },
        };
      },
    });

    expect(result?.execution?.states).toEqual(['Route', 'Remediate', 'RemediationOutcome', 'TicketTeam']);
    expect(result?.ticket?.status).toBe('opened');
    expect(workflowUpdates(result!)).toEqual(['NOTIFIED']);
    expect(result?.result?.summary).toContain(
      'not fixed automatically: SOAR could not change sg-0a1b2c3d4e5f60718.',
    );
  });

  it('remediation step crashed: the Catch turns it into a ticket with the error text', async () => {
    const [result] = await run([sshOpenToTheWorld(DEV)], {
      interceptStep: ({ functionId, run: real }) =>
        functionId === 'Remediate'
          ? Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
          : real(),
    });

    expect(result?.execution?.states).toEqual(['Route', 'Remediate', 'TicketTeam']);
    expect(result?.ticket?.status).toBe('opened');
    expect(result?.messages[0]?.text).toContain('ThrottlingException: Rate exceeded');
    expect(workflowUpdates(result!)).toEqual(['NOTIFIED']);
  });

  it('opted out: a resource its owners tagged is left alone, its finding SUPPRESSED with a note naming the tag', async () => {
    // Arrange: the same open SSH, on a group tagged to keep SOAR away
    const finding = sshOpenToTheWorld(DEV);
    const tagged = {
      ...finding,
      Resources: finding.Resources.map((resource) => ({
        ...resource,
        Tags: { 'soar:auto-remediation': 'off' },
      })),
    };

    // Act
    const [result] = await run([tagged]);

    // Assert: no change, no ticket, no email; suppressed, and the note says which tag did it
    expect(result?.execution?.states).toEqual(['Route', 'Remediate', 'RemediationOutcome', 'Suppress']);
    expect(result?.remediation).toMatchObject({ kind: 'opted_out', changes: [] });
    expect(workflowUpdates(result!)).toEqual(['SUPPRESSED']);
    expect(result?.securityHub[0]?.changes?.note?.text).toContain('tagged soar:auto-remediation = off');
    expect(result?.ticket).toBeUndefined();
    expect(result?.messages).toEqual([]);
  });

  it('resource gone: the remediation suppresses the finding', async () => {
    const [result] = await run([sshOpenToTheWorld(DEV)], {
      interceptStep: async ({ functionId, run: real }) => {
        if (functionId !== 'Remediate') return real();
        const state = (await real()) as object;
        return {
          ...state,
          remediation: {
            kind: 'resource_gone',
            reason: 'sg-0a1b2c3d4e5f60718 no longer exists.',
            changes: [],
            beforeImages: [],
            simulated: false,
          },
        };
      },
    });

    expect(result?.execution?.states).toEqual(['Route', 'Remediate', 'RemediationOutcome', 'Suppress']);
    expect(workflowUpdates(result!)).toEqual(['SUPPRESSED']);
    expect(result?.securityHub[0]?.changes?.note?.text).toBe('SOAR: sg-0a1b2c3d4e5f60718 no longer exists.');
    expect(result?.messages).toEqual([]);
  });

  it('reconsider later: an unused Elastic IP in its grace period changes nothing and tickets nobody', async () => {
    const [result] = await run([unusedElasticIpInGracePeriod(DEV)]);

    expect(result?.execution?.states).toEqual([
      'Route',
      'Remediate',
      'RemediationOutcome',
      'ReconsiderLater',
    ]);
    expect(result?.result?.outcome).toBe('reconsider_later');
    expect(result?.securityHub).toEqual([]);
    expect(result?.messages).toEqual([]);
  });

  it('close ticket: the ticket of a finding that passes now is closed, TicketOpen No, the team told', async () => {
    const finding = rootMfaMissing(PROD);
    const ticketId = internalTicketId(finding.Id);

    const [opened, closed] = await run([finding, resolvedWithTicket(finding, ticketId)]);

    expect(opened?.ticket?.ticketId).toBe(ticketId);
    expect(closed?.decision).toMatchObject({ route: 'close_ticket', ticketId });
    expect(closed?.execution?.states).toEqual(['Route', 'CloseTicket']);
    expect(closed?.result?.outcome).toBe('ticket_closed');
    expect(closed?.securityHub[0]?.changes?.userDefinedFields).toEqual({
      TicketOpen: 'No',
      TicketId: ticketId,
    });
    expect(closed?.messages).toEqual([
      expect.objectContaining({ subject: expect.stringContaining('Closed') }),
    ]);
  });

  it('close ticket from the world: a ticket the world lists as open is closed when its finding passes', async () => {
    // Arrange: the ticket was opened before the simulation starts
    const finding = rootMfaMissing(PROD);
    const ticketId = internalTicketId(finding.Id);
    const world = testWorld({
      tickets: [{ findingId: finding.Id, accountId: PROD, controlId: 'IAM.6', severity: 'CRITICAL' }],
    });

    // Act
    const [closed] = await run([resolvedWithTicket(finding, ticketId)], { world });

    // Assert
    expect(closed?.decision).toMatchObject({ route: 'close_ticket', ticketId });
    expect(closed?.execution?.states).toEqual(['Route', 'CloseTicket']);
    expect(closed?.result?.outcome).toBe('ticket_closed');
  });

  it('remediation planned from the live state the world gives, where the finding cannot tell (EC2.2)', async () => {
    // Arrange: a default security group that only its own members use, with an open egress rule
    const groupId = 'sg-0a1b2c3d4e5f60719';
    const finding = aControlFinding({
      controlId: 'EC2.2',
      accountId: DEV,
      resource: {
        Type: 'AwsEc2SecurityGroup',
        Id: `arn:aws:ec2:eu-west-1:${DEV}:security-group/${groupId}`,
        Partition: 'aws',
        Region: 'eu-west-1',
      },
    });
    const state = {
      groupId,
      groupName: 'default',
      vpcId: 'vpc-0123456789abcdef0',
      ingress: [],
      egress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      networkInterfaces: [],
      tags: {},
    };
    const withoutState = testWorld();
    const withState = testWorld({
      resources: [{ resourceId: finding.Resources[0]?.Id ?? '', controlId: 'EC2.2', state }],
    });

    // Act
    const [planned] = await run([finding], { world: withState });
    const [unknown] = await run([finding], { world: withoutState });

    // Assert: with the state, the fix is planned; without it, the team gets a ticket
    expect(planned?.remediation?.kind).toBe('remediated');
    expect(planned?.remediation?.changes.join(' ')).toContain(groupId);
    expect(planned?.result?.outcome).toBe('remediated');
    expect(unknown?.result?.outcome).toBe('ticketed');
  });

  it('never closes a ticket SOAR does not hold, whatever TicketId the finding carries', async () => {
    const finding = rootMfaMissing(PROD);

    const [result] = await run([resolvedWithTicket(finding, 'https://evil.example/api/close')]);

    expect(result?.decision).toMatchObject({ route: 'do_nothing', rule: 'resolved_without_ticket' });
    expect(result?.execution).toBeUndefined();
  });

  it('account reassignment: a finding the security account made about a member resource goes to that account', async () => {
    // Arrange: GuardDuty in the security account, about a role of the PROD account
    const original = {
      ...aGuardDutyFinding({ accountId: LOCAL_SECURITY_ACCOUNT }),
      Resources: [
        {
          Type: 'AwsIamRole',
          Id: `arn:aws:iam::${PROD}:role/deploy`,
          Partition: 'aws' as const,
          Region: 'eu-west-1',
        },
      ],
    };

    // Act
    const [result] = await run([original]);

    // Assert: the original suppressed with a note naming the copy; the copy handled in PROD
    expect(result?.intake[0]).toMatchObject({ status: 'reassigned' });
    expect(result?.execution).toBeUndefined();
    expect(JSON.stringify(result?.securityHub)).toContain('SUPPRESSED');
    expect(JSON.stringify(result?.securityHub)).toContain(`Re-imported into account ${PROD}`);
    expect(result?.followUps.flatMap((followUp) => followUp.intake)).toContainEqual(
      expect.objectContaining({
        status: 'started',
        route: 'incident',
        findingId: expect.stringContaining(`-reassigned-${PROD}`),
      }),
    );
  });

  it('AWS Health notification: lowered to INFORMATIONAL first, then handled as Security Hub sends it again', async () => {
    // Arrange
    const notification: AwsSecurityFinding = {
      ...aGuardDutyFinding({ accountId: PROD }),
      Id: `arn:aws:health:eu-west-1:${PROD}:event/EC2/AWS_EC2_OPERATIONAL_NOTIFICATION/n1`,
      ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/health',
      ProductName: 'Health',
      CompanyName: 'AWS',
      GeneratorId: 'AWS_EC2_OPERATIONAL_NOTIFICATION',
      Types: ['Software and Configuration Checks'],
      Severity: { Label: 'MEDIUM', Normalized: 40 },
      Title: 'AWS Health - AWS_EC2_OPERATIONAL_NOTIFICATION',
    };

    // Act
    const [result] = await run([notification]);

    // Assert
    expect(result?.intake[0]).toMatchObject({ status: 'reclassified' });
    expect(JSON.stringify(result?.securityHub)).toContain('INFORMATIONAL');
    // Once: the finding Security Hub sends back is INFORMATIONAL, which is not reclassified again.
    expect(result?.followUps.flatMap((followUp) => followUp.intake)).toEqual([
      expect.objectContaining({ status: 'started', route: 'incident', findingId: notification.Id }),
    ]);
  });
});

const INCIDENT_STATES = ['HandleIncident', 'IncidentOutcome', 'NotifyIncident', 'SuppressIncident'];

describe('Workflow: incidents, route by route', () => {
  it('handled: a ticket for the team, an email saying what happened, the finding SUPPRESSED with the ticket', async () => {
    const [result] = await run([aGuardDutyFinding({ accountId: PROD, severity: 'HIGH' })]);

    expect(result?.intake[0]).toMatchObject({ status: 'started', route: 'incident' });
    expect(result?.execution).toMatchObject({
      status: 'SUCCEEDED',
      states: INCIDENT_STATES,
      statesEntered: 4,
    });
    expect(result?.messages).toEqual([
      expect.objectContaining({
        to: ['payments-prod@example.com'],
        subject: expect.stringMatching(/^\[HIGH\] Incident: /),
      }),
    ]);
    const ticketId = result?.ticket?.ticketId ?? '';
    expect(ticketId).toMatch(/^SOAR-/);
    expect(result?.securityHub).toEqual([
      expect.objectContaining({
        changes: expect.objectContaining({
          workflowStatus: 'SUPPRESSED',
          note: expect.objectContaining({
            text: `SOAR: Incident handled: HIGH ec2 incident, ticketed; ticket ${ticketId}`,
          }),
        }),
      }),
    ]);
  });

  it('told without a ticket: an IAM user incident at a severity that gets no ticket still emails the team', async () => {
    // Arrange: tickets only from HIGH; a MEDIUM finding about an IAM user's access key
    const finding = {
      ...aGuardDutyFinding({
        accountId: PROD,
        severity: 'MEDIUM',
        type: 'UnauthorizedAccess:IAMUser/ConsoleLogin',
      }),
      Resources: [
        {
          Type: 'AwsIamAccessKey',
          Id: 'AKIAIOSFODNN7EXAMPLE',
          Partition: 'aws' as const,
          Region: 'eu-west-1',
          Details: { AwsIamAccessKey: { PrincipalName: 'deploy-bot', PrincipalType: 'IAMUser' } },
        },
      ],
    };
    const world = testWorld({ incidents: { socTicketSeverities: ['HIGH', 'CRITICAL'] } });

    // Act
    const [result] = await run([finding], { world });

    // Assert
    expect(result?.execution).toMatchObject({ status: 'SUCCEEDED', states: INCIDENT_STATES });
    expect(result?.ticket).toBeUndefined();
    expect(result?.messages).toEqual([
      expect.objectContaining({
        to: ['payments-prod@example.com'],
        subject: expect.stringMatching(/^\[MEDIUM\] /),
      }),
    ]);
    expect(JSON.stringify(result?.securityHub)).toContain('SUPPRESSED');
  });

  it('filtered: a finding of an ignored product is SUPPRESSED, with no ticket and no email', async () => {
    const inspector = {
      ...aGuardDutyFinding({ accountId: PROD }),
      ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/inspector',
      ProductName: 'Inspector',
      ProductFields: { 'aws/securityhub/ProductName': 'Inspector', 'aws/securityhub/CompanyName': 'Amazon' },
      Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    };

    const [result] = await run([inspector]);

    expect(result?.execution).toMatchObject({
      states: ['HandleIncident', 'IncidentOutcome', 'SuppressIncident'],
    });
    expect(result?.messages).toEqual([]);
    expect(result?.ticket).toBeUndefined();
    expect(JSON.stringify(result?.securityHub)).toContain('Inspector');
  });

  it('locally suppressed: a rule for the incident type that matches the account suppresses it, untold', async () => {
    const finding = aGuardDutyFinding({ accountId: DEV, type: 'Recon:EC2/PortProbeUnprotectedPort' });
    const world = testWorld({ incidentSuppressions: { [finding.Types[0] ?? '']: 'environment = DEV' } });

    const [result] = await run([finding], { world });

    expect(result?.execution).toMatchObject({
      states: ['HandleIncident', 'IncidentOutcome', 'SuppressIncident'],
    });
    expect(result?.messages).toEqual([]);
    expect(JSON.stringify(result?.securityHub)).toContain('SUPPRESSED');
  });
});

describe('Workflow: incidents with containment and alarm context', () => {
  const INSTANCE = 'i-0abc1234def567890';
  /** Containment on outside PROD, and the instance the GuardDuty test finding names, running in DEV. */
  const containmentWorld = (instance: Record<string, unknown> = {}) =>
    testWorld({
      incidents: { containment: { enabled: true, excludedEnvironments: ['PROD'] } },
      instances: [
        { instanceId: INSTANCE, accountId: DEV, region: 'eu-west-1', state: 'running', ...instance },
      ],
    });

  it('contained: a HIGH GuardDuty EC2 incident terminates its running instance; the ticket, email and note say so', async () => {
    // Arrange
    const finding = aGuardDutyFinding({
      accountId: DEV,
      severity: 'HIGH',
      type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS',
    });

    // Act
    const [result] = await run([finding], { world: containmentWorld() });

    // Assert
    expect(result?.execution).toMatchObject({ status: 'SUCCEEDED', statesEntered: 4 });
    const said = `The instance ${INSTANCE} has been terminated`;
    expect(result?.messages[0]?.text).toContain(said);
    expect(result?.ticket?.ticketId).toMatch(/^SOAR-/);
    expect(JSON.stringify(result?.securityHub)).toContain(said);
  });

  it.each([
    ['protected by its tag', { tags: { 'soar:protect': 'yes' } }, 'has the tag soar:protect'],
    ['already stopped', { state: 'stopped' }, 'is stopped'],
    ['protected from termination', { terminationProtection: true }, 'termination protection'],
  ])(
    'containment refused (%s): the instance is left alone and the email says why',
    async (_, instance, why) => {
      const finding = aGuardDutyFinding({ accountId: DEV, severity: 'HIGH' });

      const [result] = await run([finding], { world: containmentWorld(instance) });

      expect(result?.execution).toMatchObject({ status: 'SUCCEEDED', statesEntered: 4 });
      expect(result?.messages[0]?.text).toContain('The instance was not terminated.');
      expect(result?.messages[0]?.text).toContain(why);
    },
  );

  it.each([
    ['collected', 'collected the disks of i-0abc1234def567890), then the instance was terminated'],
    ['failed', 'was left running: forensic collection failed'],
  ] as const)('forensics first: collection %s, then the instance %s', async (forensics, said) => {
    const world = testWorld({
      incidents: {
        containment: {
          enabled: true,
          forensics: {
            kind: 'lambda',
            functionArn: 'arn:aws:lambda:eu-west-1:999999999999:function:forensics',
          },
        },
      },
      instances: [{ instanceId: INSTANCE, accountId: DEV, region: 'eu-west-1', forensics }],
    });

    const [result] = await run([aGuardDutyFinding({ accountId: DEV, severity: 'HIGH' })], { world });

    expect(result?.execution).toMatchObject({ status: 'SUCCEEDED', statesEntered: 4 });
    expect(result?.messages[0]?.text).toContain(said);
    expect(JSON.stringify(result?.securityHub)).toContain(said);
  });

  it('containment refused in an excluded environment and at a severity below the configured ones', async () => {
    const inProd = aGuardDutyFinding({ accountId: PROD, severity: 'HIGH' });
    const medium = aGuardDutyFinding({ accountId: DEV, severity: 'MEDIUM' });

    const [prod, low] = await run([inProd, medium], { world: containmentWorld() });

    expect(prod?.messages[0]?.text).toContain('PROD is excluded from containment');
    expect(low?.messages[0]?.text).not.toContain('has been terminated');
  });

  it('alarm with its context: the email carries the failed executions, their error lines and the history', async () => {
    // Arrange: the example alarm finding, and what its account's APIs and SOAR's history would answer
    const root = path.resolve(__dirname, '..', '..', '..');
    const alarm = JSON.parse(
      fs.readFileSync(path.join(root, 'examples', 'findings', '20-cloudwatch-alarm-incident.json'), 'utf8'),
    ) as AwsSecurityFinding;
    const machine = 'arn:aws:states:eu-west-1:111122223333:stateMachine:payments-orders';
    const world = testWorld({
      alarmContext: {
        alarms: [
          {
            name: 'INFRA-Payments-Orders-SM-Failure-HIGH',
            accountId: PROD,
            region: 'eu-west-1',
            namespace: 'AWS/States',
            metricName: 'ExecutionsFailed',
            dimensions: { StateMachineArn: machine },
            period: 60,
            evaluationPeriods: 1,
          },
        ],
        executions: [
          {
            stateMachineArn: machine,
            name: 'order-8812',
            startDate: '2026-12-01T08:01:49Z',
            stopDate: '2026-12-01T08:01:52Z',
            failedState: 'Charge card',
            error: 'PaymentGatewayTimeout',
            cause: 'no answer within 3000 ms',
            lambdaFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:charge',
          },
        ],
        logEvents: [
          {
            logGroupName: '/aws/lambda/charge',
            timestamp: '2026-12-01T08:01:51Z',
            message: '[ERROR] PaymentGatewayTimeout password=hunter2hunter2',
          },
        ],
        history: [
          {
            alarmName: 'INFRA-Payments-Orders-SM-Failure-HIGH',
            accountId: PROD,
            region: 'eu-west-1',
            times: ['2026-11-27T08:05:00Z', '2026-11-30T08:11:00Z'],
          },
        ],
      },
    });

    // Act
    const [result] = await run([alarm], { world });

    // Assert
    expect(result?.execution).toMatchObject({
      status: 'SUCCEEDED',
      states: INCIDENT_STATES,
      statesEntered: 4,
    });
    const body = result?.messages[0]?.text ?? '';
    expect(body).toContain('Alarm context: INFRA-Payments-Orders-SM-Failure-HIGH');
    expect(body).toContain('order-8812: FAILED at 2026-12-01 08:01:52 UTC in state "Charge card"');
    expect(body).toContain('[ERROR] PaymentGatewayTimeout');
    expect(body).toContain('FREQUENT_RECENT: 2 earlier incidents of this alarm in the last 7 days');
    // Log lines are redacted before they leave
    expect(body).not.toContain('hunter2hunter2');
    expect(result?.messages[0]?.subject).toBe('[HIGH] Incident: INFRA-Payments-Orders-SM-Failure-HIGH');
  });

  it('alarm without its context sources: the incident still goes out, and says what could not be read', async () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const alarm = JSON.parse(
      fs.readFileSync(path.join(root, 'examples', 'findings', '20-cloudwatch-alarm-incident.json'), 'utf8'),
    ) as AwsSecurityFinding;

    const [result] = await run([alarm]);

    expect(result?.execution).toMatchObject({ status: 'SUCCEEDED', statesEntered: 4 });
    expect(result?.messages[0]?.text).toContain("the alarm's configuration was not available");
  });
});

describe('Workflow: duplicate delivery', () => {
  it('the same event three times makes one ticket, one remediation, one email', async () => {
    const remediations: string[] = [];
    const ticketFinding = rootMfaMissing(PROD);
    const fixFinding = sshOpenToTheWorld(DEV);

    const results = await run(
      [ticketFinding, ticketFinding, ticketFinding, fixFinding, fixFinding, fixFinding],
      {
        interceptStep: ({ functionId, run: real }) => {
          if (functionId === 'Remediate') remediations.push('remediate');
          return real();
        },
      },
    );

    expect(results.map((r) => r.intake[0]?.status)).toEqual([
      'started',
      'duplicate',
      'duplicate',
      'started',
      'duplicate',
      'duplicate',
    ]);
    expect(results.flatMap((r) => (r.ticket === undefined ? [] : [r.ticket.ticketId]))).toEqual([
      internalTicketId(ticketFinding.Id),
    ]);
    expect(remediations).toEqual(['remediate']);
    expect(results.flatMap((r) => r.messages)).toHaveLength(2); // the ticket email and the fixed email
  });
});
