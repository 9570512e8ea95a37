import { mapLimited, describeError, isRecord, SILENT_LOGGER, SoarError, type SoarLogger } from '.';
import { closestMatch, findingDigest, quote, truncateChars, truncateUtf8 } from './text';

describe('Function: closestMatch', () => {
  it.each([
    ['enviroment', 'environment'],
    ['organisationId', 'organizationId'],
    ['organization_id', 'organizationId'],
    ['env', 'environment'],
    ['tgas', 'tags'],
  ])('takes %s for %s', (word, expected) => {
    expect(closestMatch(word, ['environment', 'organizationId', 'tags', 'team'])).toBe(expected);
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closestMatch('colour', ['environment', 'organizationId'])).toBeUndefined();
    expect(closestMatch('', ['a'])).toBeUndefined();
  });
});

describe('Function: quote', () => {
  it('escapes control characters, so a value cannot forge a log line', () => {
    expect(quote('ABC-1\r\nX-Injected: 1')).toBe('"ABC-1\\r\\nX-Injected: 1"');
  });

  it('cuts long values', () => {
    expect(quote('a'.repeat(100), 5)).toBe('"aaaaa…"');
  });
});

describe('Function: truncateUtf8 and truncateChars', () => {
  it('never splits a character', () => {
    expect(truncateUtf8('héllo', 2)).toBe('h');
    expect(Buffer.byteLength(truncateUtf8('😀😀', 5))).toBe(4);
    expect(truncateChars('a long summary', 6)).toBe('a lon…');
  });

  it('gives the same digest for the same finding, another for another occurrence', () => {
    expect(findingDigest('f-1')).toBe(findingDigest('f-1'));
    expect(findingDigest('f-1', '2')).not.toBe(findingDigest('f-1'));
  });
});

describe('Class: SoarError', () => {
  class TestError extends SoarError {
    public override name = 'TestError';
  }

  it('carries only the context it was given, and its cause', () => {
    const cause = new Error('boom');
    const error = new TestError('failed', { cause, context: { findingId: 'f-1', accountId: undefined } });

    expect(error).toBeInstanceOf(SoarError);
    expect(error).toMatchObject({ name: 'TestError', message: 'failed', findingId: 'f-1', cause });
    expect(Object.keys(error)).not.toContain('accountId');
    expect(describeError(error)).toBe('TestError: failed');
  });
});

describe('Function: isRecord', () => {
  it('takes objects, not arrays or null', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord('x')).toBe(false);
  });
});

describe('Constant: SILENT_LOGGER', () => {
  it('takes every level without output', () => {
    const logger: SoarLogger = SILENT_LOGGER;
    const spy = jest.spyOn(process.stdout, 'write');

    logger.error('x', { a: 1 });

    expect(spy).not.toHaveBeenCalled();
  });
});

describe('Function: mapLimited', () => {
  it('runs at most `limit` at once and keeps the order of the items', async () => {
    let running = 0;
    let most = 0;
    const work = async (n: number) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => setImmediate(resolve));
      running -= 1;
      return n * 10;
    };

    const results = await mapLimited([3, 1, 2, 5, 4], 2, work);

    expect(results).toEqual([30, 10, 20, 50, 40]);
    expect(most).toBe(2);
  });

  it('runs one at a time for a limit below one, and answers [] for no items', async () => {
    expect(await mapLimited([1, 2], 0, (n) => Promise.resolve(n))).toEqual([1, 2]);
    expect(await mapLimited([], 4, (n: number) => Promise.resolve(n))).toEqual([]);
  });

  it('rejects with the first failure', async () => {
    await expect(
      mapLimited([1, 2], 2, (n) => (n === 2 ? Promise.reject(new Error('no 2')) : Promise.resolve(n))),
    ).rejects.toThrow('no 2');
  });
});
