import { getSeverityLabel, NORMALIZED_SEVERITY_BY_LABEL } from '@soar/asff-schema';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';

import { batchUpdates, changesKey } from './batches';
import { InvalidFindingUpdateError } from './errors';
import {
  findingUpdate,
  NOTE_TEXT_MAX_LENGTH,
  notifiedUpdate,
  resolvedUpdate,
  severityUpdate,
  suppressUpdate,
  ticketClosedUpdate,
  toFindingNote,
} from './finding-update';

describe('Function: suppressUpdate', () => {
  it('sets SUPPRESSED with a note, in the finding account and region', () => {
    // Arrange
    const finding = aControlFinding({ accountId: '111122223333', region: 'ap-southeast-2' });

    // Act
    const update = suppressUpdate(finding, 'Suppressed by a local rule');

    // Assert
    expect(update).toEqual({
      finding: { Id: finding.Id, ProductArn: finding.ProductArn },
      accountId: '111122223333',
      region: 'ap-southeast-2',
      changes: {
        workflowStatus: 'SUPPRESSED',
        note: { text: 'Suppressed by a local rule', updatedBy: 'SOAR' },
      },
    });
  });

  it('writes no UserDefinedFields, so no account data leaks into the finding', () => {
    // Arrange
    const finding = { ...aControlFinding(), UserDefinedFields: { TicketOpen: 'Yes', TicketId: 'SEC-1' } };

    // Act
    const update = suppressUpdate(finding, { text: 'Handled', updatedBy: 'Acme SOAR' });

    // Assert
    expect(update.changes.userDefinedFields).toBeUndefined();
    expect(JSON.stringify(update)).not.toContain('AccountDataJSON');
    expect(update.changes.note?.updatedBy).toBe('Acme SOAR');
  });

  it('uses the region of the first resource when the finding has no Region', () => {
    // Arrange
    const { Region: _region, ...finding } = aGuardDutyFinding({ region: 'sa-east-1' });

    // Act
    const update = suppressUpdate(finding, 'x');

    // Assert
    expect(update.region).toBe('sa-east-1');
  });

  it('names the Region field and the finding when no region can be found', () => {
    // Arrange
    const base = aControlFinding();
    const finding = {
      ...base,
      Region: undefined,
      ProductArn: 'arn:aws:securityhub:::product/aws/securityhub',
      Resources: base.Resources.map((resource) => ({ ...resource, Region: undefined })),
    };

    // Act
    const act = () => suppressUpdate(finding, 'x');

    // Assert
    expect(act).toThrow(InvalidFindingUpdateError);
    expect(act).toThrow(finding.Id);
    try {
      act();
    } catch (error) {
      expect(error).toMatchObject({
        name: 'InvalidFindingUpdateError',
        field: 'Region',
        findingId: finding.Id,
      });
    }
  });
});

describe('Function: notifiedUpdate', () => {
  it('sets NOTIFIED with TicketOpen Yes and the ticket id', () => {
    // Arrange
    const finding = aControlFinding();

    // Act
    const update = notifiedUpdate(finding, { ticketId: 'SEC-1234' });

    // Assert
    expect(update.changes).toEqual({
      workflowStatus: 'NOTIFIED',
      userDefinedFields: { TicketOpen: 'Yes', TicketId: 'SEC-1234' },
      note: { text: expect.stringContaining('SEC-1234'), updatedBy: 'SOAR' },
    });
  });

  it('rejects a blank ticket id, naming the field', () => {
    expect(() => notifiedUpdate(aControlFinding(), { ticketId: '  ' })).toThrow(
      expect.objectContaining({ field: 'ticket.ticketId' }),
    );
  });
});

describe('Function: resolvedUpdate', () => {
  it('sets RESOLVED and leaves the ticket fields alone without a ticket', () => {
    const update = resolvedUpdate(aControlFinding(), 'Fixed automatically');
    expect(update.changes).toEqual({
      workflowStatus: 'RESOLVED',
      note: { text: 'Fixed automatically', updatedBy: 'SOAR' },
    });
  });

  it('records the remediation ticket when one is given', () => {
    const update = resolvedUpdate(aControlFinding(), 'Fixed automatically', { ticketId: 'SEC-9' });
    expect(update.changes.userDefinedFields).toEqual({ TicketOpen: 'Yes', TicketId: 'SEC-9' });
  });
});

describe('Function: ticketClosedUpdate', () => {
  it('sets TicketOpen No, keeps the ticket id and does not touch the workflow', () => {
    // Arrange
    const finding = { ...aControlFinding(), UserDefinedFields: { TicketOpen: 'Yes', TicketId: 'SEC-77' } };

    // Act
    const update = ticketClosedUpdate(finding);

    // Assert
    expect(update.changes.userDefinedFields).toEqual({ TicketOpen: 'No', TicketId: 'SEC-77' });
    expect(update.changes.workflowStatus).toBeUndefined();
    expect(update.changes.note?.text).toContain('SEC-77');
  });

  it('sets only TicketOpen when the finding has no ticket id', () => {
    expect(ticketClosedUpdate(aControlFinding()).changes.userDefinedFields).toEqual({ TicketOpen: 'No' });
  });
});

describe('Function: severityUpdate', () => {
  it('writes INFORMATIONAL with Normalized 0, not 1 (a LOW score) as the original did', () => {
    const update = severityUpdate(aControlFinding(), 'INFORMATIONAL', 'Only a notification');
    expect(update.changes.severity).toEqual({ label: 'INFORMATIONAL', normalized: 0 });
  });

  it.each([
    ['LOW', 1],
    ['MEDIUM', 40],
    ['HIGH', 70],
    ['CRITICAL', 90],
  ] as const)('writes %s with the normalized score Security Hub uses for it (%d)', (label, normalized) => {
    expect(severityUpdate(aControlFinding(), label, 'x').changes.severity).toEqual({ label, normalized });
    expect(getSeverityLabel({ Normalized: NORMALIZED_SEVERITY_BY_LABEL[label] })).toBe(label);
  });

  it('writes only the label when asked', () => {
    const update = severityUpdate(aControlFinding(), 'LOW', 'x', { normalized: 'label-only' });
    expect(update.changes.severity).toEqual({ label: 'LOW' });
  });
});

describe('Function: toFindingNote', () => {
  it('cuts texts longer than Security Hub accepts', () => {
    const note = toFindingNote('a'.repeat(2000));
    expect(note.text).toHaveLength(NOTE_TEXT_MAX_LENGTH);
    expect(note.text.endsWith('…')).toBe(true);
  });

  it('rejects a blank text', () => {
    expect(() => toFindingNote(' ')).toThrow(expect.objectContaining({ field: 'note.text' }));
  });
});

describe('Function: findingUpdate', () => {
  it('rejects an update that changes nothing', () => {
    expect(() => findingUpdate(aControlFinding(), {})).toThrow(expect.objectContaining({ field: 'changes' }));
  });
});

describe('Function: batchUpdates', () => {
  it('puts up to 100 findings with the same changes, account and region in one batch', () => {
    // Arrange
    const updates = Array.from({ length: 250 }, () => suppressUpdate(aControlFinding(), 'Same note'));

    // Act
    const batches = batchUpdates(updates);

    // Assert
    expect(batches.map((batch) => batch.findings.length)).toEqual([100, 100, 50]);
  });

  it('keeps apart updates of other regions, accounts or changes', () => {
    // Arrange
    const updates = [
      suppressUpdate(aControlFinding({ region: 'eu-west-1' }), 'a'),
      suppressUpdate(aControlFinding({ region: 'us-east-1' }), 'a'),
      suppressUpdate(aControlFinding({ region: 'eu-west-1', accountId: '444455556666' }), 'a'),
      suppressUpdate(aControlFinding({ region: 'eu-west-1' }), 'b'),
      suppressUpdate(aControlFinding({ region: 'eu-west-1' }), 'a'),
    ];

    // Act
    const batches = batchUpdates(updates);

    // Assert
    expect(batches.map((batch) => [batch.accountId, batch.region, batch.findings.length])).toEqual([
      ['111122223333', 'eu-west-1', 2],
      ['111122223333', 'us-east-1', 1],
      ['444455556666', 'eu-west-1', 1],
      ['111122223333', 'eu-west-1', 1],
    ]);
  });

  it('sends the same finding once per batch', () => {
    const finding = aControlFinding();
    const batches = batchUpdates([suppressUpdate(finding, 'a'), suppressUpdate(finding, 'a')]);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.findings).toHaveLength(1);
  });

  it('treats equal user-defined fields in another key order as the same changes', () => {
    expect(changesKey({ userDefinedFields: { A: '1', B: '2' } })).toBe(
      changesKey({ userDefinedFields: { B: '2', A: '1' } }),
    );
  });
});
