import { OVERDUE_RECORD } from '../../tests/render-fixtures';
import { overdueReminderMessage } from './build-overdue-reminder';
import { MessageValidationError } from '../errors';

describe('Function: overdueReminderMessage', () => {
  it('builds the reminder from the ticket record alone', () => {
    const message = overdueReminderMessage(OVERDUE_RECORD);

    expect(message).toMatchObject({
      kind: 'overdue_reminder',
      ticketId: 'PAY-123',
      severity: 'HIGH',
      controlId: 'EC2.2',
      region: 'eu-west-1',
      escalate: true,
      account: { id: '111122223333', name: 'payments-prod', environment: 'production', team: 'payments' },
      resources: [],
    });
    expect(message.facts).toContainEqual({ label: 'Open for', value: '2 days 3 hours' });
    expect(message.facts).toContainEqual({ label: 'Overdue by', value: '1 day 19 hours' });
  });

  it('reads the region from the finding ARN when the record has none, and does not escalate by default', () => {
    const { region: _region, escalate: _escalate, ...record } = OVERDUE_RECORD;

    const message = overdueReminderMessage({
      ...record,
      findingId: 'arn:aws:securityhub:us-east-2:111122223333:x/y',
    });

    expect(message.region).toBe('us-east-2');
    expect(message.escalate).toBe(false);
  });

  it('leaves the region out when nothing says it', () => {
    expect(
      overdueReminderMessage({ ...OVERDUE_RECORD, findingId: 'custom-finding-1' }).region,
    ).toBeUndefined();
  });

  it('still reminds when the record has no title', () => {
    expect(overdueReminderMessage({ ...OVERDUE_RECORD, title: ' ' }).title).toBe('Untitled finding');
  });

  it('rejects a record without a ticket id, naming the field', () => {
    const act = () => overdueReminderMessage({ ...OVERDUE_RECORD, ticketId: ' ', accountId: '12' });

    expect(act).toThrow(MessageValidationError);
    expect(act).toThrow(/ticketId: .*; accountId: must be a 12-digit AWS account id/);
  });
});
