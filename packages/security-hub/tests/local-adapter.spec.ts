import type { SecurityHubFindingsImportedEvent } from '@soar/asff-schema';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';

import {
  createLocalSecurityHub,
  type FindingUpdate,
  FindingImportError,
  FindingUpdateError,
  notifiedUpdate,
  severityUpdate,
  suppressUpdate,
  ticketClosedUpdate,
} from '../src';

const NOW = new Date('2026-11-21T09:00:00.000Z');

describe('Function: createLocalSecurityHub → updateFindings', () => {
  it('applies workflow, note, ticket fields and severity, and keeps UpdatedAt as Security Hub does', async () => {
    // Arrange
    const finding = aControlFinding({ severity: 'HIGH' });
    const hub = createLocalSecurityHub({ findings: [finding], now: () => NOW });

    // Act
    await hub.updateFindings([
      notifiedUpdate(finding, { ticketId: 'SEC-7' }, 'Ticket opened'),
      severityUpdate(finding, 'LOW', 'Lowered'),
    ]);

    // Assert
    const stored = hub.finding(finding.Id);
    expect(stored).toMatchObject({
      Workflow: { Status: 'NOTIFIED' },
      UserDefinedFields: { TicketOpen: 'Yes', TicketId: 'SEC-7' },
      Note: { Text: 'Lowered', UpdatedBy: 'SOAR', UpdatedAt: NOW.toISOString() },
      Severity: { Label: 'LOW', Normalized: 1, Original: 'HIGH' },
      ProcessedAt: NOW.toISOString(),
      UpdatedAt: finding.UpdatedAt,
    });
  });

  it('merges user-defined fields instead of replacing them', async () => {
    // Arrange
    const finding = {
      ...aControlFinding(),
      UserDefinedFields: { Owner: 'team-a', TicketOpen: 'Yes', TicketId: 'SEC-1' },
    };
    const hub = createLocalSecurityHub({ findings: [finding] });

    // Act
    await hub.updateFindings([ticketClosedUpdate(finding)]);

    // Assert
    expect(hub.finding(finding.Id)?.UserDefinedFields).toEqual({
      Owner: 'team-a',
      TicketOpen: 'No',
      TicketId: 'SEC-1',
    });
  });

  it('emits a Findings - Imported event with the updated finding, as real Security Hub does', async () => {
    // Arrange
    const finding = aControlFinding({ region: 'eu-central-1' });
    const events: SecurityHubFindingsImportedEvent[] = [];
    const hub = createLocalSecurityHub({
      findings: [finding],
      now: () => NOW,
      eventAccountId: '999988887777',
      onFindingsImported: (event) => {
        events.push(event);
      },
    });

    // Act
    await hub.updateFindings([suppressUpdate(finding, 'Handled')]);

    // Assert
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      source: 'aws.securityhub',
      'detail-type': 'Security Hub Findings - Imported',
      account: '999988887777',
      region: 'eu-central-1',
      time: NOW.toISOString(),
      resources: [`${finding.ProductArn}/${finding.Id}`],
      detail: { findings: [expect.objectContaining({ Id: finding.Id, Workflow: { Status: 'SUPPRESSED' } })] },
    });
  });

  it('lets a local workflow react to its own update, like the Security Hub feedback loop', async () => {
    // Arrange: a "workflow" that closes the ticket when it sees TicketOpen Yes on a PASSED finding.
    const finding = { ...aControlFinding({ status: 'PASSED' }) };
    const seen: string[] = [];
    const hub = createLocalSecurityHub({
      findings: [finding],
      onFindingsImported: async (event) => {
        const current = event.detail.findings[0];
        if (current === undefined) return;
        seen.push(current.UserDefinedFields?.['TicketOpen'] ?? 'none');
        if (current.UserDefinedFields?.['TicketOpen'] === 'Yes')
          await hub.updateFindings([ticketClosedUpdate(current)]);
      },
    });

    // Act
    await hub.updateFindings([notifiedUpdate(finding, { ticketId: 'SEC-3' })]);

    // Assert
    expect(seen).toEqual(['Yes', 'No']);
    expect(hub.finding(finding.Id)?.UserDefinedFields?.['TicketOpen']).toBe('No');
    expect(hub.history().map((change) => change.sequence)).toEqual([1, 2]);
    expect(hub.history(1).map((change) => change.sequence)).toEqual([2]);
    expect(hub.history(2)).toEqual([]);
  });

  it('does not find a finding from another region or account: FindingNotFound, nothing changed', async () => {
    // Arrange
    const finding = aControlFinding({ region: 'us-east-1' });
    const hub = createLocalSecurityHub({ findings: [finding] });
    const wrongRegion: FindingUpdate = { ...suppressUpdate(finding, 'x'), region: 'eu-west-1' };

    // Act
    const error = await hub.updateFindings([wrongRegion]).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(FindingUpdateError);
    expect(error).toMatchObject({
      failures: [expect.objectContaining({ findingId: finding.Id, errorCode: 'FindingNotFound' })],
    });
    expect(hub.finding(finding.Id)?.Workflow?.Status).toBe('NEW');
    expect(hub.history()).toEqual([]);
  });

  it('records every applied change in history', async () => {
    // Arrange
    const finding = aControlFinding();
    const hub = createLocalSecurityHub({ findings: [finding], now: () => NOW });
    const update = suppressUpdate(finding, 'x');

    // Act
    await hub.updateFindings([update]);

    // Assert
    expect(hub.history()).toEqual([
      {
        sequence: 1,
        at: NOW.toISOString(),
        operation: 'BatchUpdateFindings',
        findingId: finding.Id,
        productArn: finding.ProductArn,
        accountId: finding.AwsAccountId,
        region: finding.Region,
        changes: update.changes,
      },
    ]);
  });
});

describe('Function: createLocalSecurityHub → importFindings', () => {
  const target = { accountId: '111122223333', region: 'eu-west-1' };
  const customProduct = `arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default`;

  it('creates a finding with workflow NEW and emits an event', async () => {
    // Arrange
    const events: SecurityHubFindingsImportedEvent[] = [];
    const hub = createLocalSecurityHub({ onFindingsImported: (event) => void events.push(event) });
    const { Workflow: _workflow, ...finding } = { ...aGuardDutyFinding(), ProductArn: customProduct };

    // Act
    const result = await hub.importFindings(target, [finding]);

    // Assert
    expect(result.imported).toEqual([finding.Id]);
    expect(hub.findings()).toEqual([
      expect.objectContaining({ Id: finding.Id, Workflow: { Status: 'NEW' } }),
    ]);
    expect(events).toHaveLength(1);
    expect(hub.history()[0]).toMatchObject({ operation: 'BatchImportFindings', created: true });
  });

  it('refuses a finding whose ProductArn is in another region than the import', async () => {
    // Arrange
    const hub = createLocalSecurityHub();
    const finding = {
      ...aGuardDutyFinding(),
      ProductArn: 'arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default',
    };

    // Act
    const error = await hub.importFindings(target, [finding]).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(FindingImportError);
    expect(error).toMatchObject({
      failures: [expect.objectContaining({ errorCode: 'InvalidInput', findingId: finding.Id })],
    });
    expect(hub.findings()).toEqual([]);
  });

  it('refuses a finding of another account and invalid ASFF, naming the field', async () => {
    // Arrange
    const hub = createLocalSecurityHub();
    const otherAccount = { ...aGuardDutyFinding({ accountId: '444455556666' }), ProductArn: customProduct };
    const invalid = { ...aGuardDutyFinding(), ProductArn: customProduct, Resources: [] };

    // Act
    const error = await hub
      .importFindings(target, [otherAccount, invalid])
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toMatchObject({
      failures: [
        expect.objectContaining({
          findingId: otherAccount.Id,
          errorMessage: expect.stringContaining('AwsAccountId'),
        }),
        expect.objectContaining({
          findingId: invalid.Id,
          errorMessage: expect.stringContaining('Resources'),
        }),
      ],
    });
  });

  it('keeps fields SOAR set when the provider re-imports, and re-opens a NOTIFIED finding that fails again', async () => {
    // Arrange
    const failing = aControlFinding({ status: 'FAILED' });
    const hub = createLocalSecurityHub({ findings: [failing] });
    await hub.updateFindings([notifiedUpdate(failing, { ticketId: 'SEC-5' })]);
    const passing = {
      ...failing,
      Compliance: { ...failing.Compliance, Status: 'PASSED' as const },
      Workflow: { Status: 'NEW' as const },
    };
    const failingAgain = { ...passing, Compliance: { ...failing.Compliance, Status: 'FAILED' as const } };

    // Act
    await hub.importFindings({ accountId: failing.AwsAccountId, region: 'eu-west-1' }, [passing]);
    const afterPass = hub.finding(failing.Id);
    await hub.importFindings({ accountId: failing.AwsAccountId, region: 'eu-west-1' }, [failingAgain]);
    const afterRegression = hub.finding(failing.Id);

    // Assert
    expect(afterPass).toMatchObject({
      Workflow: { Status: 'NOTIFIED' },
      UserDefinedFields: { TicketOpen: 'Yes' },
    });
    expect(afterRegression).toMatchObject({
      Workflow: { Status: 'NEW' },
      UserDefinedFields: { TicketId: 'SEC-5' },
    });
  });
});
