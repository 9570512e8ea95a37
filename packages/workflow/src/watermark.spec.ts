import { compareEvents, createMemoryWatermarks, decideWatermark, type EventMark } from './watermark';

const mark = (key: string, updatedAt: string, processedAt?: string): EventMark => ({
  findingId: 'f-1',
  key,
  updatedAt,
  ...(processedAt === undefined ? {} : { processedAt }),
});

const at10 = mark('k-10', '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:05.000Z');
const at11 = mark('k-11', '2026-11-20T11:00:00.000Z', '2026-11-20T11:00:05.000Z');

describe('Function: decideWatermark', () => {
  it('acts on the first event of a finding', () => {
    expect(decideWatermark(undefined, at10)).toEqual({ kind: 'advance', next: at10 });
  });

  it('acts on a newer event', () => {
    expect(decideWatermark(at10, at11)).toEqual({ kind: 'advance', next: at11 });
  });

  it('lets the run of the event it names go on (a later step, or a retried one)', () => {
    expect(decideWatermark(at11, at11)).toEqual({ kind: 'same_event' });
  });

  it('leaves an older event alone, naming the newer one', () => {
    expect(decideWatermark(at11, at10)).toEqual({ kind: 'stale', newer: at11 });
  });

  it('compares ProcessedAt when UpdatedAt is the same instant', () => {
    const first = mark('k-a', '2026-11-20T10:00:00Z', '2026-11-20T10:00:01Z');
    const later = mark('k-b', '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:09Z');

    expect(decideWatermark(first, later).kind).toBe('advance');
    expect(decideWatermark(later, first).kind).toBe('stale');
  });

  it('treats another copy with the very same times as already acted on', () => {
    const copy = mark('k-copy', at10.updatedAt, at10.processedAt);

    expect(decideWatermark(at10, copy)).toEqual({ kind: 'stale', newer: at10 });
  });
});

describe('Function: compareEvents', () => {
  it('orders by UpdatedAt as instants, not as text', () => {
    // '2026-11-20T10:30:00+01:00' is 09:30 UTC: older, though it sorts later as text
    expect(compareEvents(mark('a', '2026-11-20T10:30:00+01:00'), mark('b', '2026-11-20T10:00:00Z'))).toBe(-1);
  });

  it('puts a missing ProcessedAt first', () => {
    expect(compareEvents(mark('a', at10.updatedAt), mark('b', at10.updatedAt, at10.processedAt))).toBe(-1);
  });
});

describe('Function: createMemoryWatermarks', () => {
  it('moves only forward', async () => {
    const watermarks = createMemoryWatermarks();
    const now = new Date('2026-11-20T12:00:00Z');

    expect(await watermarks.claim(at11, now)).toEqual({ kind: 'act' });
    expect(await watermarks.claim(at10, now)).toEqual({ kind: 'stale', newer: at11 });
    expect(watermarks.get('f-1')).toEqual(at11);
  });
});
