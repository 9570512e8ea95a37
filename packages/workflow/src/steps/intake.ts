import { createHash } from 'node:crypto';
import { safeParseFinding, type AwsSecurityFinding } from '@soar/asff-schema';
import { createScratchpad, type Account } from '@soar/scratchpad';
import { AccountNotFoundError } from '@soar/accounts';
import { decide, type Decision, type Route } from '@soar/triage';
import { eventKey, executionName } from '../keys';
import { SILENT_LOGGER, type SoarLogger, describeError } from '@soar/common';
import type { AccountLookup, IntakePorts } from '../ports';
import type { FlowState } from '../state';

/** What intake did with one finding of an event. */
export type IntakeResult =
  /** The finding processor runs for it (or ran already: `duplicate`). */
  | {
      readonly status: 'started' | 'duplicate';
      readonly findingId: string;
      readonly route: Exclude<Route, 'do_nothing'>;
      readonly decision: Decision;
      readonly executionName: string;
      readonly executionArn: string;
    }
  /** Nothing to do now: no execution is started, which costs no state transition. */
  | {
      readonly status: 'done';
      readonly findingId: string;
      readonly route: 'do_nothing';
      readonly decision: Decision;
    }
  /**
   * A security incident (not a control finding). Incident handling is not part of this release: the
   * finding is left NEW, so the incidents workflow picks it up once it is deployed.
   */
  | {
      readonly status: 'left_for_incidents';
      readonly findingId: string;
      readonly route: 'incident';
      readonly decision: Decision;
    }
  /** Not a valid finding: recorded as a failure (never dropped in silence). */
  | { readonly status: 'rejected'; readonly findingId?: string; readonly error: string };

/**
 * The first step for every Security Hub "Findings - Imported" event: for each finding of the event,
 * read the account and every gate in one round, `decide` (pure), and start the finding processor
 * state machine only when there is something to do. The execution is named after the finding event
 * (`executionName(eventKey(finding))`), so a duplicate delivery starts nothing.
 *
 * Never drops a finding: an event that is not a findings event, and every finding in it that is not
 * valid ASFF, is recorded as a failure with the reason (and the rest of the event still runs). Errors
 * of the services it reads (Organizations, DynamoDB) are thrown, so the invocation is retried and,
 * when retries run out, lands in the dead-letter queue.
 *
 * @example
 * ```ts
 * const results = await intake(event, { accounts, gates, executions, failures, decide: config.decide });
 * results[0]; // { status: 'started', route: 'remediate', executionName: 'finding-5f0c…', ... }
 * ```
 */
export async function intake(event: unknown, ports: IntakePorts): Promise<IntakeResult[]> {
  const logger = ports.logger ?? SILENT_LOGGER;
  const now = ports.clock ?? (() => new Date());
  const candidates = findingsOf(event);
  if (candidates === undefined) {
    const error = 'The event is not a Security Hub findings event (no `detail.findings` array).';
    await ports.failures.record({
      key: rawKey(event),
      step: 'intake',
      error: 'InvalidEventError',
      cause: error,
      at: now().toISOString(),
    });
    logger.error('Event rejected', { error });
    return [{ status: 'rejected', error }];
  }

  const results: IntakeResult[] = [];
  for (const candidate of candidates) {
    const parsed = safeParseFinding(candidate);
    if (!parsed.success) {
      const findingId = idOf(candidate);
      const error = parsed.error.message;
      await ports.failures.record({
        key: findingId === undefined ? rawKey(candidate) : eventKey({ Id: findingId, UpdatedAt: '' }),
        findingId,
        step: 'intake',
        error: 'InvalidFindingError',
        cause: error,
        at: now().toISOString(),
      });
      logger.error('Finding rejected', { findingId, error });
      results.push({ status: 'rejected', ...(findingId === undefined ? {} : { findingId }), error });
      continue;
    }
    results.push(await intakeFinding(parsed.data, ports, logger));
  }
  return results;
}

async function intakeFinding(
  finding: AwsSecurityFinding,
  ports: IntakePorts,
  logger: SoarLogger,
): Promise<IntakeResult> {
  const [account, gates] = await Promise.all([
    accountOf(finding.AwsAccountId, ports.accounts, logger),
    ports.gates.load(finding),
  ]);
  const pad = createScratchpad(finding, account === undefined ? {} : { account });
  const decision = decide(pad, gates, ports.decide);
  const findingId = finding.Id;
  logger.info('Decided', { findingId, route: decision.route, rule: decision.rule, reason: decision.reason });

  switch (decision.route) {
    case 'do_nothing':
      return { status: 'done', findingId, route: 'do_nothing', decision };
    case 'incident':
      return { status: 'left_for_incidents', findingId, route: 'incident', decision };
    default: {
      const key = eventKey(finding);
      const name = executionName(key);
      const penalty = decision.penaltyScore === undefined ? {} : { penalty_score: decision.penaltyScore };
      const input: FlowState = { key, pad: { ...pad, ...penalty }, decision };
      const started = await ports.executions.start({ name, input });
      if (started.status === 'duplicate')
        logger.info('Duplicate delivery: already running', { findingId, name });
      return {
        status: started.status,
        findingId,
        route: decision.route,
        decision,
        executionName: name,
        executionArn: started.executionArn,
      };
    }
  }
}

/** Account metadata, or `undefined` for an account the organization does not know (the gates still run). */
async function accountOf(
  accountId: string,
  accounts: AccountLookup,
  logger: SoarLogger,
): Promise<Account | undefined> {
  try {
    return await accounts.getAccount(accountId);
  } catch (error) {
    if (!(error instanceof AccountNotFoundError)) throw error;
    logger.warn('Account not in the organization; deciding without its metadata', {
      accountId,
      error: describeError(error),
    });
    return undefined;
  }
}

/** The findings of an event, unparsed, or `undefined` when it carries none. */
function findingsOf(event: unknown): unknown[] | undefined {
  if (typeof event !== 'object' || event === null || !('detail' in event)) return undefined;
  const { detail } = event;
  if (typeof detail !== 'object' || detail === null || !('findings' in detail)) return undefined;
  const { findings } = detail;
  return Array.isArray(findings) && findings.length > 0 ? findings : undefined;
}

function idOf(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null || !('Id' in candidate)) return undefined;
  return typeof candidate.Id === 'string' && candidate.Id.trim() !== '' ? candidate.Id : undefined;
}

/** A stable key for input that has no finding id: the hash of its JSON. */
function rawKey(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return createHash('sha256').update(text).digest('hex');
}
