import { TicketInputError } from '../errors';
import { toItem } from './attribute-values';
import { TicketStoreConfigSchema } from './config';
import {
  checkConfirmed,
  claimHeldUntil,
  decideAbandon,
  decideClaim,
  decideClose,
  decideConfirm,
  decideReminder,
  parseOpenInput,
  timeOf,
} from './lifecycle';
import { parseTicketRow, ticketAttributes, type Ticket } from './ticket-row';

const T0 = new Date('2026-05-01T00:00:00.000Z');
const SECOND = 1000;
const HOUR = 3600 * SECOND;
/** The injected clock: `T0` plus `ms` milliseconds. */
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const iso = (ms: number): string => at(ms).toISOString();

const config = TicketStoreConfigSchema.parse({
  tableName: 'tickets',
  claimSeconds: 300,
  closedRetentionDays: 30,
  maxHistory: 3,
});
const FINDING = 'finding-1';
const input = parseOpenInput({
  findingId: FINDING,
  accountId: '111122223333',
  accountName: 'payments-prod',
  region: 'eu-west-1',
  controlId: 'EC2.2',
  title: 'Security groups allow unrestricted SSH',
  severityLabel: ' high ',
  penaltyScore: 7,
  team: 'payments',
  project: 'PAY',
});

/** The row a successful claim writes (fails the test when the lifecycle refuses). */
function claimed(current: Ticket | undefined, now: Date, token = 'token-1', severityLabel = 'HIGH'): Ticket {
  const decision = decideClaim(current, { ...input, severityLabel, token }, now, config);
  if (decision.kind !== 'claim') throw new Error(`expected a claim, got ${decision.kind}`);
  return decision.next;
}

function opened(current: Ticket, token: string, ticketId: string, now: Date, url?: string): Ticket {
  const ticket = { ticketId, ticketSystem: 'JIRA', ...(url === undefined ? {} : { url }) };
  const decision = decideConfirm(current, { findingId: FINDING, token, ticket }, now);
  if (decision.kind !== 'confirm') throw new Error(`expected a confirmation, got ${decision.kind}`);
  return decision.next;
}

function closed(current: Ticket, ticketId: string, now: Date, reason?: string): Ticket {
  const decision = decideClose(current, { findingId: FINDING, ticketId, reason }, now, config);
  if (decision.kind !== 'close') throw new Error(`expected a close, got ${decision.kind}`);
  return decision.next;
}

function abandoned(
  current: Ticket,
  token: string,
  now: Date,
  error: unknown = new Error('Jira 503'),
): Ticket {
  const decision = decideAbandon(current, { findingId: FINDING, token, error }, now);
  if (decision.kind !== 'abandon') throw new Error(`expected an abandon, got ${decision.kind}`);
  return decision.next;
}

/** An OPEN ticket PAY-1, claimed and confirmed at T0. */
const anOpenTicket = (): Ticket => opened(claimed(undefined, T0), 'token-1', 'PAY-1', T0);

describe('Module: lifecycle', () => {
  describe('input checks', () => {
    it('upper-cases the severity and fills the defaults of a claim', () => {
      expect(input).toMatchObject({
        severityLabel: 'HIGH',
        environment: 'Unspecified',
        destination: 'TEAM',
        domain: 'INFRA',
      });
    });

    it('names the bad field of a claim, and of a confirmation', () => {
      const claim = () => parseOpenInput({ ...input, accountId: 'payments-prod' });
      expect(claim).toThrow(TicketInputError);
      expect(claim).toThrow(expect.objectContaining({ field: 'accountId', findingId: FINDING }));
      expect(() => checkConfirmed(FINDING, { ticketId: ' ', ticketSystem: 'JIRA' })).toThrow(
        expect.objectContaining({ name: 'TicketInputError', field: 'ticketId', findingId: FINDING }),
      );
      expect(() => checkConfirmed(FINDING, { ticketId: 'PAY-1', ticketSystem: 'JIRA' })).not.toThrow();
    });

    it('refuses an invalid clock reading in every decision', () => {
      const invalid = new Date(Number.NaN);
      const open = anOpenTicket();
      const refusal = expect.objectContaining({ name: 'TicketInputError', field: 'now' });

      expect(() => timeOf(invalid, FINDING)).toThrow(/Invalid date Invalid Date for finding finding-1/);
      expect(timeOf(at(5))).toBe(T0.getTime() + 5);
      expect(() => decideClaim(undefined, { ...input, token: 't' }, invalid, config)).toThrow(refusal);
      expect(() =>
        decideConfirm(
          undefined,
          { findingId: FINDING, token: 't', ticket: { ticketId: 'X-1', ticketSystem: 'JIRA' } },
          invalid,
        ),
      ).toThrow(refusal);
      expect(() => decideAbandon(undefined, { findingId: FINDING, token: 't', error: 'e' }, invalid)).toThrow(
        refusal,
      );
      expect(() => decideClose(open, { findingId: FINDING, ticketId: 'PAY-1' }, invalid, config)).toThrow(
        refusal,
      );
      expect(() => decideReminder(open, { findingId: FINDING, escalated: false }, invalid)).toThrow(refusal);
    });
  });

  describe('decideClaim', () => {
    it('claims a finding without a row: OPENING, due from the SLA, held for claimSeconds', () => {
      // Act
      const decision = decideClaim(undefined, { ...input, token: 'token-1' }, at(0), config);

      // Assert
      expect(decision).toEqual({
        kind: 'claim',
        reason: 'new',
        token: 'token-1',
        expiresAt: iso(300 * SECOND),
        next: {
          findingId: FINDING,
          status: 'OPENING',
          kind: 'TEAM_FIX',
          accountId: '111122223333',
          accountName: 'payments-prod',
          region: 'eu-west-1',
          controlId: 'EC2.2',
          title: 'Security groups allow unrestricted SSH',
          severityLabel: 'HIGH',
          penaltyScore: 7,
          environment: 'Unspecified',
          team: 'payments',
          project: 'PAY',
          destination: 'TEAM',
          domain: 'INFRA',
          openedAt: iso(0),
          dueAt: iso(8 * HOUR),
          claimToken: 'token-1',
          claimExpiresAt: iso(300 * SECOND),
          version: 1,
          history: [],
        },
      });
    });

    it('gives an incident ticket no due date, whatever its severity', () => {
      const decision = decideClaim(
        undefined,
        { ...parseOpenInput({ ...input, kind: 'INCIDENT', severityLabel: 'CRITICAL' }), token: 't' },
        at(0),
        config,
      );

      expect(decision).toMatchObject({ kind: 'claim', next: { kind: 'INCIDENT', dueAt: undefined } });
    });

    it('fixes the due date from the severity: none for INFORMATIONAL, at once for an unknown label', () => {
      expect(claimed(undefined, at(0), 't', 'CRITICAL').dueAt).toBe(iso(4 * HOUR));
      expect(claimed(undefined, at(0), 't', 'INFORMATIONAL').dueAt).toBeUndefined();
      expect(claimed(undefined, at(0), 't', 'SEVERE').dueAt).toBe(iso(0));
    });

    it('answers exists for an OPEN ticket, whatever the time', () => {
      const open = anOpenTicket();
      expect(decideClaim(open, { ...input, token: 't2' }, at(0), config)).toEqual({
        kind: 'exists',
        ticket: open,
      });
      expect(decideClaim(open, { ...input, token: 't2' }, at(1000 * HOUR), config)).toMatchObject({
        kind: 'exists',
      });
    });

    it('answers in_progress while a claim is live, up to and including its expiry instant', () => {
      // Arrange: claimed at T0, expires at T0 + 300 s
      const opening = claimed(undefined, at(0), 'token-1');

      // Act + Assert
      for (const ms of [0, 299 * SECOND, 300 * SECOND - 1, 300 * SECOND]) {
        expect(decideClaim(opening, { ...input, token: 'token-2' }, at(ms), config)).toEqual({
          kind: 'in_progress',
          until: iso(300 * SECOND),
        });
      }
    });

    it('takes over a claim one millisecond after its expiry, keeping its errors and history', () => {
      // Arrange: a claim that failed once, then was claimed again and left to expire
      const first = abandoned(claimed(undefined, at(0), 'token-1'), 'token-1', at(SECOND));
      const second = claimed(first, at(2 * SECOND), 'token-2');

      // Act
      const decision = decideClaim(second, { ...input, token: 'token-3' }, at(302 * SECOND + 1), config);

      // Assert
      expect(decision).toMatchObject({
        kind: 'claim',
        reason: 'expired',
        token: 'token-3',
        expiresAt: iso(602 * SECOND + 1),
        next: {
          status: 'OPENING',
          claimToken: 'token-3',
          openedAt: iso(302 * SECOND + 1),
          dueAt: iso(8 * HOUR + 302 * SECOND + 1),
          lastError: 'Error: Jira 503',
          lastErrorAt: iso(SECOND),
          failedAttempts: 1,
          version: 4,
          history: [],
        },
      });
    });

    it('takes over an abandoned claim at once, long before the old expiry', () => {
      const released = abandoned(claimed(undefined, at(0), 'token-1'), 'token-1', at(SECOND));

      expect(claimHeldUntil(released, at(SECOND))).toBeUndefined();
      expect(decideClaim(released, { ...input, token: 'token-2' }, at(2 * SECOND), config)).toMatchObject({
        kind: 'claim',
        reason: 'abandoned',
        next: { claimToken: 'token-2', lastError: 'Error: Jira 503', failedAttempts: 1, version: 3 },
      });
    });

    it('re-opens a CLOSED finding: the closed ticket moves into the history, its own fields are cleared', () => {
      // Arrange: PAY-1 opened at T0, reminded, closed after 6 hours
      const open = anOpenTicket();
      const reminded = decideReminder(open, { findingId: FINDING, escalated: true }, at(5 * HOUR));
      if (reminded.kind !== 'remind') throw new Error('expected a reminder');
      const closedRow = closed(
        { ...reminded.next, ticketUrl: 'https://jira.example.com/browse/PAY-1' },
        'PAY-1',
        at(6 * HOUR),
        'RESOLVED',
      );

      // Act
      const decision = decideClaim(closedRow, { ...input, token: 'token-2' }, at(7 * HOUR), config);

      // Assert
      expect(decision).toMatchObject({ kind: 'claim', reason: 'reopened' });
      if (decision.kind !== 'claim') throw new Error('expected a claim');
      expect(decision.next).toEqual({
        ...claimed(undefined, at(7 * HOUR), 'token-2'),
        version: closedRow.version + 1,
        history: [
          {
            ticketId: 'PAY-1',
            ticketSystem: 'JIRA',
            ticketUrl: 'https://jira.example.com/browse/PAY-1',
            openedAt: iso(0),
            closedAt: iso(6 * HOUR),
            closeReason: 'RESOLVED',
          },
        ],
      });
      expect(decision.next).toMatchObject({
        ticketId: undefined,
        closedAt: undefined,
        reminderSentAt: undefined,
        escalated: undefined,
        expiresAt: undefined,
      });
    });

    it('keeps at most maxHistory earlier tickets, dropping the oldest', () => {
      // Arrange: four tickets opened and closed one after another (maxHistory is 3)
      let row: Ticket | undefined;
      for (let n = 1; n <= 4; n++) {
        const token = `token-${n}`;
        row = closed(
          opened(claimed(row, at(n * HOUR), token), token, `PAY-${n}`, at(n * HOUR)),
          `PAY-${n}`,
          at(n * HOUR + 60 * SECOND),
        );
      }

      // Act
      const fifth = claimed(row, at(5 * HOUR), 'token-5');

      // Assert
      expect(fifth.history.map((entry) => entry.ticketId)).toEqual(['PAY-2', 'PAY-3', 'PAY-4']);
      expect(fifth.version).toBe(13);
    });

    it('trims a history longer than maxHistory when an expired claim is taken over', () => {
      const entry = {
        ticketId: 'OLD',
        ticketSystem: 'JIRA',
        ticketUrl: undefined,
        openedAt: iso(0),
        closedAt: iso(1),
        closeReason: undefined,
      };
      const opening = {
        ...claimed(undefined, at(0)),
        history: [1, 2, 3, 4].map((n) => ({ ...entry, ticketId: `OLD-${n}` })),
      };

      const next = claimed(opening, at(301 * SECOND), 'token-2');

      expect(next.history.map((old) => old.ticketId)).toEqual(['OLD-2', 'OLD-3', 'OLD-4']);
    });
  });

  describe('claimHeldUntil', () => {
    it('is the expiry of a live claim, and undefined for every other row', () => {
      const opening = claimed(undefined, at(0));

      expect(claimHeldUntil(opening, at(300 * SECOND))).toBe(iso(300 * SECOND));
      expect(claimHeldUntil(opening, at(300 * SECOND + 1))).toBeUndefined();
      expect(claimHeldUntil(undefined, at(0))).toBeUndefined();
      expect(claimHeldUntil(anOpenTicket(), at(0))).toBeUndefined();
    });

    it('compares the expiry as an instant, not as text', () => {
      // 02:05 at +02:00 is 00:05 UTC; compared as text, it would still hold the finding at 00:05:01 UTC
      const opening = { ...claimed(undefined, at(0)), claimExpiresAt: '2026-05-01T02:05:00.000+02:00' };

      expect(claimHeldUntil(opening, at(240 * SECOND))).toBe('2026-05-01T02:05:00.000+02:00');
      expect(claimHeldUntil(opening, at(301 * SECOND))).toBeUndefined();
    });
  });

  describe('decideConfirm', () => {
    const confirm = (current: Ticket | undefined, token: string, ticketId: string, now: Date, url?: string) =>
      decideConfirm(
        current,
        {
          findingId: FINDING,
          token,
          ticket: { ticketId, ticketSystem: 'JIRA', ...(url === undefined ? {} : { url }) },
        },
        now,
      );

    it('makes the holder’s row an OPEN ticket and clears the claim and its errors', () => {
      // Arrange: a second claim after a failed first one
      const retried = claimed(
        abandoned(claimed(undefined, at(0), 'token-1'), 'token-1', at(SECOND)),
        at(2 * SECOND),
        'token-2',
      );

      // Act
      const decision = confirm(
        retried,
        'token-2',
        'PAY-1',
        at(3 * SECOND),
        'https://jira.example.com/browse/PAY-1',
      );

      // Assert
      expect(decision).toEqual({
        kind: 'confirm',
        next: {
          ...retried,
          status: 'OPEN',
          ticketId: 'PAY-1',
          ticketSystem: 'JIRA',
          ticketUrl: 'https://jira.example.com/browse/PAY-1',
          claimToken: undefined,
          claimExpiresAt: undefined,
          lastError: undefined,
          lastErrorAt: undefined,
          failedAttempts: undefined,
          version: retried.version + 1,
        },
      });
    });

    it('confirms after the claim expired, as long as nobody took over', () => {
      const opening = claimed(undefined, at(0), 'token-1');

      expect(confirm(opening, 'token-1', 'PAY-9', at(HOUR))).toMatchObject({
        kind: 'confirm',
        next: { status: 'OPEN', ticketId: 'PAY-9', ticketUrl: undefined, openedAt: iso(0) },
      });
    });

    it('repeats a confirmation of the same ticket id without writing, even with another token', () => {
      const open = anOpenTicket();

      expect(confirm(open, 'token-1', 'PAY-1', at(HOUR))).toEqual({ kind: 'confirmed', ticket: open });
      expect(confirm(open, 'token-9', 'PAY-1', at(HOUR))).toEqual({ kind: 'confirmed', ticket: open });
    });

    it('refuses a token that does not hold the finding, saying what the row is now', () => {
      // Arrange
      const first = claimed(undefined, at(0), 'token-1');
      const takenOver = claimed(first, at(301 * SECOND), 'token-2');
      const released = abandoned(first, 'token-1', at(SECOND));
      const open = opened(takenOver, 'token-2', 'PAY-2', at(302 * SECOND));
      const closedRow = closed(open, 'PAY-2', at(HOUR));

      // Act + Assert
      const lost = (state: string) => ({ kind: 'claim_lost', state });
      expect(confirm(first, 'token-x', 'PAY-1', at(SECOND))).toEqual(
        lost('another execution holds the claim now'),
      );
      expect(confirm(takenOver, 'token-1', 'PAY-1', at(301 * SECOND))).toEqual(
        lost('another execution holds the claim now'),
      );
      expect(confirm(released, 'token-1', 'PAY-1', at(2 * SECOND))).toEqual(
        lost('another execution holds the claim now'),
      );
      expect(confirm(open, 'token-1', 'PAY-1', at(HOUR))).toEqual(lost('the row is OPEN with ticket PAY-2'));
      expect(confirm(open, 'token-2', 'PAY-3', at(HOUR))).toEqual(lost('the row is OPEN with ticket PAY-2'));
      expect(confirm(closedRow, 'token-2', 'PAY-2', at(2 * HOUR))).toEqual(
        lost('the row is CLOSED with ticket PAY-2'),
      );
      expect(confirm(undefined, 'token-1', 'PAY-1', at(0))).toEqual(lost('the row is gone'));
    });

    it('refuses a blank ticket id', () => {
      expect(() => confirm(claimed(undefined, at(0)), 'token-1', '  ', at(0))).toThrow(
        expect.objectContaining({ name: 'TicketInputError', field: 'ticketId' }),
      );
    });
  });

  describe('decideAbandon', () => {
    const abandon = (
      current: Ticket | undefined,
      token: string,
      now: Date,
      error: unknown = new Error('Jira 503'),
    ) => decideAbandon(current, { findingId: FINDING, token, error }, now);

    it('releases the holder’s claim and records the error, counting the failures', () => {
      // Arrange
      const opening = claimed(undefined, at(0), 'token-1');

      // Act
      const first = abandon(opening, 'token-1', at(SECOND));
      if (first.kind !== 'abandon') throw new Error('expected an abandon');
      const again = claimed(first.next, at(2 * SECOND), 'token-2');
      const second = abandon(again, 'token-2', at(3 * SECOND), 'socket hang up');

      // Assert
      expect(first.next).toEqual({
        ...opening,
        claimToken: undefined,
        claimExpiresAt: undefined,
        lastError: 'Error: Jira 503',
        lastErrorAt: iso(SECOND),
        failedAttempts: 1,
        version: 2,
      });
      expect(second).toMatchObject({
        kind: 'abandon',
        next: {
          status: 'OPENING',
          lastError: 'socket hang up',
          lastErrorAt: iso(3 * SECOND),
          failedAttempts: 2,
          version: 4,
        },
      });
    });

    it('keeps at most 2,000 characters of the error', () => {
      const decision = abandon(claimed(undefined, at(0)), 'token-1', at(SECOND), new Error('x'.repeat(5000)));
      if (decision.kind !== 'abandon') throw new Error('expected an abandon');
      expect(decision.next.lastError).toHaveLength(2000);
      expect(decision.next.lastError?.startsWith('Error: xxx')).toBe(true);
    });

    it('lets the holder abandon after the claim expired, while nobody took over', () => {
      expect(abandon(claimed(undefined, at(0)), 'token-1', at(HOUR))).toMatchObject({ kind: 'abandon' });
    });

    it('refuses when the token does not hold the finding', () => {
      const opening = claimed(undefined, at(0), 'token-1');

      expect(abandon(opening, 'token-x', at(SECOND))).toEqual({ kind: 'not_held' });
      expect(abandon(abandoned(opening, 'token-1', at(SECOND)), 'token-1', at(2 * SECOND))).toEqual({
        kind: 'not_held',
      });
      expect(abandon(claimed(opening, at(301 * SECOND), 'token-2'), 'token-1', at(302 * SECOND))).toEqual({
        kind: 'not_held',
      });
      expect(abandon(anOpenTicket(), 'token-1', at(SECOND))).toEqual({ kind: 'not_held' });
      expect(abandon(closed(anOpenTicket(), 'PAY-1', at(SECOND)), 'token-1', at(2 * SECOND))).toEqual({
        kind: 'not_held',
      });
      expect(abandon(undefined, 'token-1', at(SECOND))).toEqual({ kind: 'not_held' });
    });
  });

  describe('decideClose', () => {
    const close = (current: Ticket | undefined, ticketId: string, now: Date, reason?: string) =>
      decideClose(current, { findingId: FINDING, ticketId, reason }, now, config);

    it('closes the row’s OPEN ticket: closed_at, reason, and a TTL closedRetentionDays later', () => {
      // Arrange: an open ticket that was reminded
      const reminded = decideReminder(anOpenTicket(), { findingId: FINDING, escalated: true }, at(9 * HOUR));
      if (reminded.kind !== 'remind') throw new Error('expected a reminder');

      // Act
      const decision = close(reminded.next, 'PAY-1', at(10 * HOUR + 999), 'RESOLVED');

      // Assert
      expect(decision).toEqual({
        kind: 'close',
        next: {
          ...reminded.next,
          status: 'CLOSED',
          closedAt: iso(10 * HOUR + 999),
          closeReason: 'RESOLVED',
          expiresAt: Math.floor(T0.getTime() / 1000) + 10 * 3600 + 30 * 86_400,
          version: reminded.next.version + 1,
        },
      });
      expect(close(anOpenTicket(), 'PAY-1', at(HOUR))).toMatchObject({
        kind: 'close',
        next: { closeReason: undefined },
      });
    });

    it('answers already_closed for a ticket closed now or earlier, without writing', () => {
      // Arrange: PAY-1 closed, then the finding re-opened as PAY-2
      const closedRow = closed(anOpenTicket(), 'PAY-1', at(HOUR));
      const reopened = opened(claimed(closedRow, at(2 * HOUR), 'token-2'), 'token-2', 'PAY-2', at(2 * HOUR));

      // Act + Assert
      expect(close(closedRow, 'PAY-1', at(3 * HOUR))).toEqual({ kind: 'already_closed', ticket: closedRow });
      expect(close(reopened, 'PAY-1', at(3 * HOUR))).toEqual({ kind: 'already_closed', ticket: reopened });
      expect(close(claimed(closedRow, at(2 * HOUR), 'token-2'), 'PAY-1', at(3 * HOUR))).toMatchObject({
        kind: 'already_closed',
      });
    });

    it('answers other_ticket when the row holds another ticket or one still being opened', () => {
      const open = anOpenTicket();
      const opening = claimed(undefined, at(0));

      expect(close(open, 'EVIL-1', at(HOUR))).toEqual({ kind: 'other_ticket', ticket: open });
      expect(close(opening, 'PAY-1', at(HOUR))).toEqual({ kind: 'other_ticket', ticket: opening });
      expect(close(closed(open, 'PAY-1', at(HOUR)), 'PAY-7', at(2 * HOUR))).toMatchObject({
        kind: 'other_ticket',
      });
    });

    it('answers not_found without a row', () => {
      expect(close(undefined, 'PAY-1', at(0))).toEqual({ kind: 'not_found' });
    });
  });

  describe('decideReminder', () => {
    const remind = (current: Ticket | undefined, now: Date, escalated: boolean, ticketId?: string) =>
      decideReminder(current, { findingId: FINDING, escalated, ticketId }, now);

    it('records the one reminder of an open ticket, and whether it was escalated', () => {
      const open = anOpenTicket();

      const decision = remind(open, at(9 * HOUR), true, 'PAY-1');

      expect(decision).toEqual({
        kind: 'remind',
        next: { ...open, reminderSentAt: iso(9 * HOUR), escalated: true, version: open.version + 1 },
      });
      expect(remind(open, at(9 * HOUR), false)).toMatchObject({ kind: 'remind', next: { escalated: false } });
    });

    it('never reminds a ticket twice, nor a ticket the row does not hold open', () => {
      const open = anOpenTicket();
      const first = remind(open, at(9 * HOUR), false);
      if (first.kind !== 'remind') throw new Error('expected a reminder');

      expect(remind(first.next, at(10 * HOUR), true)).toEqual({ kind: 'skip', reason: 'already_reminded' });
      expect(remind(open, at(9 * HOUR), false, 'PAY-0')).toEqual({ kind: 'skip', reason: 'other_ticket' });
      expect(remind(claimed(undefined, at(0)), at(9 * HOUR), false)).toEqual({
        kind: 'skip',
        reason: 'not_open',
      });
      expect(remind(closed(open, 'PAY-1', at(HOUR)), at(9 * HOUR), false)).toEqual({
        kind: 'skip',
        reason: 'not_open',
      });
      expect(remind(undefined, at(9 * HOUR), false)).toEqual({ kind: 'skip', reason: 'not_found' });
    });

    it('reminds an overdue ticket again only when the SLA says so, and that long after the last reminder', () => {
      const first = remind(anOpenTicket(), at(9 * HOUR), false);
      if (first.kind !== 'remind') throw new Error('expected a reminder');
      const again = (now: Date) =>
        decideReminder(first.next, { findingId: FINDING, escalated: false, remindAgainAfterHours: 24 }, now);

      expect(again(at(32 * HOUR))).toEqual({ kind: 'skip', reason: 'already_reminded' });
      expect(again(at(33 * HOUR))).toMatchObject({
        kind: 'remind',
        next: { reminderSentAt: iso(33 * HOUR) },
      });
    });

    it('reminds a re-opened ticket again', () => {
      const first = remind(anOpenTicket(), at(9 * HOUR), false);
      if (first.kind !== 'remind') throw new Error('expected a reminder');
      const closedRow = closed(first.next, 'PAY-1', at(10 * HOUR));
      const reopened = opened(
        claimed(closedRow, at(11 * HOUR), 'token-2'),
        'token-2',
        'PAY-2',
        at(11 * HOUR),
      );

      expect(remind(reopened, at(20 * HOUR), false, 'PAY-2')).toMatchObject({
        kind: 'remind',
        next: { reminderSentAt: iso(20 * HOUR) },
      });
    });
  });

  it('produces rows that survive the round trip through the stored attributes', () => {
    // Arrange: every kind of row a finding goes through
    const opening = claimed(undefined, at(0), 'token-1', 'INFORMATIONAL');
    const released = abandoned(opening, 'token-1', at(SECOND));
    const retried = claimed(released, at(2 * SECOND), 'token-2');
    const open = opened(retried, 'token-2', 'PAY-1', at(3 * SECOND), 'https://jira.example.com/browse/PAY-1');
    const reminded = decideReminder(open, { findingId: FINDING, escalated: true }, at(HOUR));
    if (reminded.kind !== 'remind') throw new Error('expected a reminder');
    const closedRow = closed(reminded.next, 'PAY-1', at(2 * HOUR), 'RESOLVED');
    const reopened = claimed(closedRow, at(3 * HOUR), 'token-3');

    // Act + Assert
    expect(reopened.history[0]?.ticketUrl).toBe('https://jira.example.com/browse/PAY-1');
    for (const row of [opening, released, retried, open, reminded.next, closedRow, reopened]) {
      expect(parseTicketRow(toItem({ id: row.findingId, ...ticketAttributes(row) }))).toEqual(row);
    }
    expect(
      [opening, released, retried, open, reminded.next, closedRow, reopened].map((row) => row.version),
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
