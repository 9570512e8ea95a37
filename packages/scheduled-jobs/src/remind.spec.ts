import { createMemoryFailureRecorder, NotificationNotDeliveredError } from '@soar/workflow';
import { remindOverdueStep } from './remind';

describe('Function: remindOverdueStep', () => {
  it('records each undelivered reminder in its own row, then fails so that the alarm fires', async () => {
    // Arrange
    const failures = createMemoryFailureRecorder();
    const sendOverdueReminders = () =>
      Promise.resolve({
        overdue: 3,
        reminded: [{ findingId: 'f-1', ticketId: 'SOAR-1', escalated: false }],
        failed: [
          { findingId: 'f-2', ticketId: 'SOAR-2', error: 'SES is down' },
          { findingId: 'f-3', ticketId: 'SOAR-3', error: 'SES is down' },
        ],
        skipped: 0,
        corrupt: 0,
      });

    // Act
    const error = await remindOverdueStep({
      tickets: { sendOverdueReminders },
      failures,
      clock: () => new Date('2026-12-01T10:00:00Z'),
    }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(NotificationNotDeliveredError);
    const rows = failures.list();
    expect(rows.map((row) => [row.findingId, row.step])).toEqual([
      ['f-2', 'overdue-reminder-email'],
      ['f-3', 'overdue-reminder-email'],
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(2);
    expect(rows[0]?.cause).toContain('SOAR-2');
  });

  it('returns the summary when every reminder went out', async () => {
    const failures = createMemoryFailureRecorder();
    const summary = { overdue: 0, reminded: [], failed: [], skipped: 0, corrupt: 0 };

    await expect(
      remindOverdueStep({ tickets: { sendOverdueReminders: () => Promise.resolve(summary) }, failures }),
    ).resolves.toEqual(summary);
    expect(failures.list()).toEqual([]);
  });

  it('keeps a failed chat copy of a delivered reminder in its own row, and does not fail', async () => {
    // Arrange
    const failures = createMemoryFailureRecorder();
    const tickets = {
      sendOverdueReminders: () =>
        Promise.resolve({
          overdue: 1,
          reminded: [{ findingId: 'f-1', ticketId: 'SOAR-1', escalated: false }],
          failed: [],
          skipped: 0,
          corrupt: 0,
          chatFailed: [{ findingId: 'f-1', ticketId: 'SOAR-1', channel: 'slack', error: 'HTTP 503' }],
        }),
    };

    // Act
    const summary = await remindOverdueStep({
      tickets,
      failures,
      clock: () => new Date('2026-12-01T10:00:00Z'),
    });

    // Assert
    expect(summary.reminded).toHaveLength(1);
    expect(failures.list()).toEqual([
      expect.objectContaining({ findingId: 'f-1', step: 'slack', error: 'ChannelError' }),
    ]);
  });
});
