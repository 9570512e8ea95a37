import { backoffMs, describeFailure, verdictOf } from './retry';

function named(name: string, message = 'message'): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('Function: verdictOf', () => {
  it.each([
    ['ThrottlingException', 'throttled', true],
    ['ServiceUnavailableException', 'error', true],
    ['ModelNotReadyException', 'error', true],
    ['InternalServerException', 'error', true],
    ['ServiceQuotaExceededException', 'throttled', false],
    ['AccessDeniedException', 'access_denied', false],
    ['ResourceNotFoundException', 'model_not_found', false],
    ['ValidationException', 'validation', false],
    ['ModelTimeoutException', 'timeout', false],
    ['TimeoutError', 'timeout', false],
    ['ModelErrorException', 'error', false],
    ['Error', 'error', false],
  ])('%s → %s, retryable %s', (name, failure, retryable) => {
    expect(verdictOf(named(name))).toEqual({ failure, retryable });
  });

  it('treats a thrown non-error as a plain error', () => {
    expect(verdictOf('boom')).toEqual({ failure: 'error', retryable: false });
  });
});

describe('Function: backoffMs', () => {
  it.each([
    [1, 0, 500],
    [1, 0.999, 1_000],
    [2, 0.5, 1_500],
    [3, 0.5, 3_000],
    [10, 0.5, 7_500],
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(backoffMs(attempt, () => random, 1_000, 10_000)).toBe(expected);
  });
});

describe('Function: describeFailure', () => {
  it('gives name and message on one line, secrets replaced, cut to 300 characters', () => {
    expect(describeFailure(named('ValidationException', 'bad\n  password=hunter2'))).toBe(
      'ValidationException: bad password=[redacted]',
    );
    expect(describeFailure(named('X', 'y'.repeat(400)))).toHaveLength(300);
    expect(describeFailure('plain')).toBe('plain');
  });
});
