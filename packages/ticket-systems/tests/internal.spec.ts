import fc from 'fast-check';

import { InternalTicketSystem, internalTicketId } from '../src/internal-ticket-system';
import { InvalidTicketIdError } from '../src/errors';
import { aRenderedMessage } from '@soar/messages/testing';
import { FINDING_ID, MALICIOUS_TICKET_IDS } from './fixtures';

describe('InternalTicketSystem', () => {
  const internal = new InternalTicketSystem();
  const request = {
    findingId: FINDING_ID,
    severity: 'HIGH',
    project: 'PAY',
    message: aRenderedMessage(),
  } as const;

  it('derives SOAR-<12 hex> from the finding id, the same on every retry', async () => {
    const first = await internal.open(request);
    const second = await internal.open(request);
    expect(first.ticketId).toMatch(/^SOAR-[0-9A-F]{12}$/u);
    expect(second).toEqual(first);
    expect(first.ticketId).toBe(internalTicketId(FINDING_ID));
  });

  it('gives different findings and occurrences different ids', async () => {
    const other = await internal.open({ ...request, findingId: `${FINDING_ID}-2` });
    const regressed = await internal.open({ ...request, occurrence: '2026-12-01T00:00:00Z' });
    const first = await internal.open(request);
    expect(new Set([first.ticketId, other.ticketId, regressed.ticketId]).size).toBe(3);
  });

  it('ids it makes are always valid', () => {
    fc.assert(fc.property(fc.string(), (findingId) => internal.isValidTicketId(internalTicketId(findingId))));
  });

  it('closes its own ids and rejects anything else', async () => {
    await expect(
      internal.close(internalTicketId(FINDING_ID), { findingId: FINDING_ID }),
    ).resolves.toBeUndefined();
    for (const id of [...MALICIOUS_TICKET_IDS, 'SOAR-abcdefabcdef', 'SOAR-ABCDEF']) {
      await expect(internal.close(id, { findingId: FINDING_ID })).rejects.toBeInstanceOf(
        InvalidTicketIdError,
      );
    }
  });
});
