import { type AslState } from './asl';

interface Retrier {
  readonly errorEquals: readonly string[];
  readonly maxAttempts: number;
}

interface Chain {
  attempt: number;
  token: number;
  inFlight: boolean;
  retryPending: boolean;
  readonly retrierAttempts: number[];
}

function retriersOf(state: AslState): Retrier[] {
  const retry = state['Retry'];
  if (!Array.isArray(retry)) return [];
  return retry.map((raw: unknown) => {
    const retrier = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const errorEquals = Array.isArray(retrier['ErrorEquals'])
      ? retrier['ErrorEquals'].filter((e): e is string => typeof e === 'string')
      : [];
    const maxAttempts = typeof retrier['MaxAttempts'] === 'number' ? retrier['MaxAttempts'] : 3;
    return { errorEquals, maxAttempts };
  });
}

/**
 * Numbers the attempts of each Task state entry, so a handler knows it is being retried.
 *
 * A handler is not told by the library whether it is called for a new state entry or a retry, so
 * this mirrors the library's retry decision (StateExecutor.shouldRetry in aws-local-stepfunctions
 * 3.0.0): the first retrier whose `ErrorEquals` matches the error name, `States.ALL`, or
 * `States.TaskFailed` (not for `States.Timeout`) retries until its `MaxAttempts` (default 3) is used
 * up. Keys are per execution (root, Map iteration, Parallel branch) and state, so concurrent
 * iterations do not mix.
 */
export class AttemptCounter {
  private readonly chains = new Map<string, Chain>();
  private tokens = 0;

  public constructor(private readonly statesByName: ReadonlyMap<string, AslState>) {}

  /** Starts an attempt; returns its number and the token to settle it with. */
  public begin(key: string, stateName: string): { attempt: number; token: number } {
    const token = ++this.tokens;
    const chain = this.chains.get(key);
    if (chain?.inFlight) {
      // The previous attempt has not settled and the state runs again: the library timed it out.
      this.fail(key, stateName, chain.token, 'States.Timeout');
    }
    if (chain?.retryPending) {
      chain.attempt++;
      chain.retryPending = false;
      chain.inFlight = true;
      chain.token = token;
      return { attempt: chain.attempt, token };
    }
    const retriers = retriersOf(this.statesByName.get(stateName) ?? { Type: 'Task' });
    this.chains.set(key, {
      attempt: 1,
      token,
      inFlight: true,
      retryPending: false,
      retrierAttempts: retriers.map(() => 0),
    });
    return { attempt: 1, token };
  }

  public succeed(key: string, token: number): void {
    const chain = this.chains.get(key);
    if (chain?.token !== token) return;
    chain.inFlight = false;
    chain.retryPending = false;
  }

  public fail(key: string, stateName: string, token: number, errorName: string): void {
    const chain = this.chains.get(key);
    if (chain?.token !== token || !chain.inFlight) return;
    chain.inFlight = false;
    chain.retryPending = false;
    const retriers = retriersOf(this.statesByName.get(stateName) ?? { Type: 'Task' });
    for (const [index, retrier] of retriers.entries()) {
      const matches = retrier.errorEquals.some(
        (e) =>
          e === errorName ||
          e === 'States.ALL' ||
          (e === 'States.TaskFailed' && errorName !== 'States.Timeout'),
      );
      if (!matches) continue;
      const used = chain.retrierAttempts[index] ?? 0;
      if (used < retrier.maxAttempts) {
        chain.retrierAttempts[index] = used + 1;
        chain.retryPending = true;
      }
      return;
    }
  }
}
