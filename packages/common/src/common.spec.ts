import { describeError, isRecord, SILENT_LOGGER, SoarError, type SoarLogger } from '.';
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
