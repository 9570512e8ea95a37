/**
 * Workflow test: Slack on for one team, through the synthesized stack run locally (the same entries,
 * the local outbox keeping each channel's copy). The team that chose Slack gets the email and a Slack
 * copy of every message; the other teams get the email alone.
 */
import { simulate } from '@soar/simulation';
import { simulationAppConfig } from '../src/simulation';
import { synthTemplate } from '../src/synth';
import { DEV, PROD, rootMfaMissing, sshOpenToTheWorld, testWorld } from './workflow-support';

describe('Workflow: Slack for one team', () => {
  const world = testWorld();
  // The test world's team of each account is its name: Slack for the payments-dev team only.
  const template = synthTemplate(
    simulationAppConfig(world, {
      channels: { slack: { secretId: 'soar/slack', when: { teams: ['payments-dev'] } } },
    }),
  );

  it('the team with Slack gets the email and a Slack copy; the other team the email alone', async () => {
    // Act
    const report = await simulate({
      template,
      world,
      findings: [
        { source: 'dev-ticket', finding: rootMfaMissing(DEV) },
        { source: 'prod-ticket', finding: rootMfaMissing(PROD) },
        { source: 'dev-fixed', finding: sshOpenToTheWorld(DEV) },
      ],
    });

    // Assert
    const [devTicket, prodTicket, devFixed] = report.findings;
    expect(devTicket?.decision?.route).toBe('ticket');
    expect(devTicket?.messages.map((m) => m.channel)).toEqual(['email', 'slack']);
    expect(devTicket?.messages[1]?.subject).toBe(devTicket?.messages[0]?.subject);
    expect(prodTicket?.decision?.route).toBe('ticket');
    expect(prodTicket?.messages.map((m) => m.channel)).toEqual(['email']);
    expect(devFixed?.remediation?.kind).toBe('remediated');
    expect(devFixed?.messages.map((m) => m.channel)).toEqual(['email', 'slack']);
    // Nothing failed: no failure rows.
    expect(report.findings.flatMap((f) => f.failures)).toEqual([]);
  });
});
