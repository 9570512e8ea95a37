import { ASFF_LIMITS, describeZodIssues, safeParseFinding, type AwsSecurityFinding } from '@soar/asff-schema';
import { EventBridgeEventSchema } from '@soar/asff-schema/events';
import * as z from 'zod';
import { createScratchpad, type Account } from '@soar/scratchpad';
import { AccountNotFoundError } from '@soar/accounts';
import { decide, type Decision, type Route } from '@soar/triage';
import { preprocessFinding } from '@soar/triage/preprocess';
import { digestKey, eventKey, executionName } from '../keys';
import { SILENT_LOGGER, type SoarLogger, describeError, isRecord, withLogAttributes } from '@soar/common';
import { IntakeRetryError } from '../errors';
import type { AccountLookup, ExecutionStarter, IntakePorts } from '../ports';
import { jsonBytes, withinStateBudget } from '../state-budget';
import { eventMarkOf, type EventMark } from '../watermark';

/** Why intake refused an event or one of its findings. */
export type IntakeRejection =
  /** Not a Security Hub "Findings - Imported" event: wrong `source` or `detail-type`, envelope fields missing. */
  | 'invalid_event'
  /** The event is larger than EventBridge delivers (256 KiB) or carries more findings than it can. */
  | 'event_too_large'
  /** One finding is larger than Security Hub accepts (240 KB). */
  | 'finding_too_large'
  /** One finding is not valid ASFF, or breaks one of Security Hub's field limits. */
  | 'invalid_finding'
  /** One finding comes from a product SOAR does not trust (see `provenanceOf` in `@soar/triage`). */
  | 'untrusted_source';

/** The error names intake records for each {@link IntakeRejection}, as the failures table shows them. */
export const INTAKE_REJECTION_ERRORS: Readonly<Record<IntakeRejection, string>> = {
  invalid_event: 'InvalidEventError',
  event_too_large: 'InvalidEventError',
  finding_too_large: 'InvalidFindingError',
  invalid_finding: 'InvalidFindingError',
  untrusted_source: 'UntrustedFindingError',
};

/**
 * The `message` of the log line intake writes for every refused event or finding (with `rejection`,
 * an {@link IntakeRejection}): the stack counts these lines, so the alarm follows a rename.
 */
export const INTAKE_REJECTED_LOG_MESSAGE = 'Finding rejected';

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
  /**
   * Pre-processed (see `preprocessFinding`): re-imported into the account that owns its resource and
   * suppressed (`reassigned`), or its severity lowered (`reclassified`); SOAR acts on the finding
   * Security Hub sends next.
   */
  | {
      readonly status: 'reassigned' | 'reclassified';
      readonly findingId: string;
      readonly decision: Decision;
      readonly detail: string;
    }
  /** Refused: recorded as a failure with the reason, logged for the rejections alarm, never acted on. */
  | {
      readonly status: 'rejected';
      readonly reason: IntakeRejection;
      readonly findingId?: string;
      readonly error: string;
    }
  /**
   * A service SOAR reads, records a refusal in or starts executions with failed for this finding; the
   * other findings of the event were still handled, and intake throws {@link IntakeRetryError} at the
   * end so the event is delivered again (the findings already started are duplicates then, and start
   * nothing). `findingId` is `detail.findings[<index>]` for a finding without a usable `Id`.
   */
  | { readonly status: 'failed'; readonly findingId: string; readonly error: string }
  /**
   * An event of the finding older than one already acted on (by `UpdatedAt`, then `ProcessedAt`): it
   * changes nothing, so a late FAILED event cannot reopen what a newer PASSED event closed.
   */
  | {
      readonly status: 'stale';
      readonly findingId: string;
      readonly decision: Decision;
      readonly newer: EventMark;
    };

/** The limits intake holds an event to, as AWS documents them. */
export const INTAKE_LIMITS = {
  /** An EventBridge event is at most 256 KiB. */
  eventBytes: 256 * 1024,
  /** `BatchImportFindings` takes at most 100 findings, and Security Hub sends one per event. */
  findingsPerEvent: 100,
} as const;

/**
 * The Security Hub "Findings - Imported" envelope, checked before any finding is read. The findings
 * themselves are parsed one by one, so one bad finding is refused alone.
 */
const FindingsImportedEnvelopeSchema = EventBridgeEventSchema.extend({
  source: z.literal('aws.securityhub'),
  'detail-type': z.literal('Security Hub Findings - Imported'),
  region: z
    .string()
    .regex(/^[a-z]{2,4}(-[a-z]+)+-\d+$/, 'Invalid region: expected an AWS region, such as eu-west-1'),
  detail: z.looseObject({
    findings: z
      .array(z.unknown())
      .min(1, 'findings must hold at least one finding')
      .max(INTAKE_LIMITS.findingsPerEvent, `at most ${INTAKE_LIMITS.findingsPerEvent} findings`),
  }),
});

/**
 * The first step for every Security Hub "Findings - Imported" event: check the envelope, then for
 * each finding of the event check its size, its ASFF and its provenance, read the account and every
 * gate in one round, `decide` (pure), and start the finding processor state machine only when there
 * is something to do. A failed control of an organization account that was never synced (no marker
 * row in the enabled-controls table) has its account synced first (`ports.controls`), then the gates
 * are read again. The execution is named after the finding event
 * (`executionName(eventKey(finding))`), so a duplicate delivery starts nothing.
 *
 * Never drops a finding and never lets one finding sink the others: an event that is not a findings
 * event, and every finding that is too large, invalid or from an untrusted product, is refused with a
 * typed reason, recorded in its own failure row (keyed by the event and the finding) and logged as
 * `Finding rejected` (the stack counts those and alarms). When a service fails for one finding
 * (Organizations, DynamoDB, Step Functions), the rest of the event is still handled, and intake then
 * throws {@link IntakeRetryError}, so the invocation is retried and, when retries run out, lands in
 * the dead-letter queue.
 *
 * @throws {IntakeRetryError} after handling every finding, when a service failed for at least one
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
  const reject = async (
    rejection: { reason: IntakeRejection; error: string; findingId?: string | undefined },
    key: string,
  ): Promise<IntakeResult> => {
    const findingId = rejection.findingId === undefined ? undefined : bounded(rejection.findingId);
    await ports.failures.record({
      key,
      ...(findingId === undefined ? {} : { findingId }),
      step: 'intake',
      error: INTAKE_REJECTION_ERRORS[rejection.reason],
      cause: rejection.error,
      at: now().toISOString(),
    });
    logger.error(INTAKE_REJECTED_LOG_MESSAGE, {
      rejection: rejection.reason,
      findingId,
      error: rejection.error,
    });
    return {
      status: 'rejected',
      reason: rejection.reason,
      ...(findingId === undefined ? {} : { findingId }),
      error: rejection.error,
    };
  };

  // A whole event refused: when its failure row cannot be written, the event is delivered again
  // with the same error as when one finding's row cannot be (IntakeRetryError), never a bare one.
  const rejectEvent = async (reason: IntakeRejection, error: string): Promise<IntakeResult[]> => {
    try {
      return [await reject({ reason, error }, rawKey(event))];
    } catch (cause) {
      const failed: IntakeResult = { status: 'failed', findingId: 'event', error: describeError(cause) };
      throw new IntakeRetryError([{ findingId: 'event', error: cause }], [failed]);
    }
  };
  const size = jsonBytes(event);
  if (size > INTAKE_LIMITS.eventBytes) {
    const error = `The event is ${size} bytes; EventBridge delivers at most ${INTAKE_LIMITS.eventBytes}.`;
    return rejectEvent('event_too_large', error);
  }
  const envelope = FindingsImportedEnvelopeSchema.safeParse(event);
  if (!envelope.success) {
    const issues = describeZodIssues(envelope.error.issues, [], { schema: FindingsImportedEnvelopeSchema });
    const error = `The event is not a Security Hub findings event: ${issues.join('; ')}`;
    // Too large only when the findings really are a list longer than an event carries: zod also
    // reports the length limit for a string or any value with a `length` in that place.
    const reason = findingCount(event) > INTAKE_LIMITS.findingsPerEvent ? 'event_too_large' : 'invalid_event';
    return rejectEvent(reason, error);
  }

  const { id: eventId, detail } = envelope.data;
  const results: IntakeResult[] = [];
  const failures: { findingId: string; error: unknown }[] = [];
  for (const [index, candidate] of detail.findings.entries()) {
    const candidateId = idOf(candidate);
    const key = rejectionKey(eventId, index, candidateId);
    // Refusals are inside the try too: when the failures table cannot take one, the other findings
    // are still handled and the event is delivered again, as for any other service that fails.
    try {
      const findingSize = jsonBytes(candidate);
      if (findingSize > ASFF_LIMITS.findingBytes) {
        const error = `The finding is ${findingSize} bytes; Security Hub accepts at most ${ASFF_LIMITS.findingBytes}.`;
        results.push(await reject({ reason: 'finding_too_large', error, findingId: candidateId }, key));
        continue;
      }
      const parsed = safeParseFinding(candidate);
      if (!parsed.success) {
        results.push(
          await reject(
            { reason: 'invalid_finding', error: parsed.error.message, findingId: candidateId },
            key,
          ),
        );
        continue;
      }
      // Every line about this finding carries the key its execution and steps log too.
      const findingLogger = withLogAttributes(logger, {
        findingId: parsed.data.Id,
        correlation_id: eventKey(parsed.data),
      });
      const result = await intakeFinding(parsed.data, ports, findingLogger, now);
      results.push(
        result.status === 'done' && result.decision.rule === 'untrusted_source'
          ? await reject(
              { reason: 'untrusted_source', error: result.decision.reason, findingId: result.findingId },
              key,
            )
          : result,
      );
    } catch (error) {
      const findingId = candidateId === undefined ? `detail.findings[${index}]` : bounded(candidateId);
      logger.error('Finding not handled; the event will be delivered again', {
        findingId,
        error: describeError(error),
      });
      failures.push({ findingId, error });
      results.push({ status: 'failed', findingId, error: describeError(error) });
    }
  }
  if (failures.length > 0) throw new IntakeRetryError(failures, results);
  return results;
}
async function intakeFinding(
  finding: AwsSecurityFinding,
  ports: IntakePorts,
  logger: SoarLogger,
  now: () => Date,
): Promise<IntakeResult> {
  const [account, loaded] = await Promise.all([
    accountOf(finding.AwsAccountId, ports.accounts, logger),
    ports.gates.load(finding),
  ]);
  const pad = createScratchpad(finding, account === undefined ? {} : { account });
  let gates = loaded;
  let decision = decide(pad, gates, ports.decide);
  const findingId = finding.Id;
  // A failed control of an organization account the sync has never read: sync that account now
  // and decide again with its rows, rather than leave the finding until the next scheduled sync.
  // Only for accounts the organization knows (never for an account id a finding merely claims),
  // and only when the decision reached the control gate (trusted, failed, not new).
  if (
    gates.accountSynced === false &&
    account !== undefined &&
    ports.controls !== undefined &&
    decision.gates.some((gate) => gate.gate === 'control_enabled' && gate.verdict !== 'not_reached')
  ) {
    const [summary] = await ports.controls.syncAccounts([finding.AwsAccountId]);
    if (summary?.status === 'synced') {
      logger.info('Account synced before deciding: it had never been synced', {
        findingId,
        accountId: finding.AwsAccountId,
        put: summary.put,
      });
      gates = await ports.gates.load(finding, { consistentRead: true });
      decision = decide(pad, gates, ports.decide);
    } else {
      // The control gate lets a finding of an unsynced account through (see `decide`): a fix or a
      // ticket, never a wait for a sync that may keep failing.
      logger.warn('Account could not be synced before deciding; its control counts as enabled', {
        findingId,
        accountId: finding.AwsAccountId,
        status: summary?.status,
        error: summary?.error?.message ?? summary?.reason,
      });
    }
  }
  logger.info('Decided', { findingId, route: decision.route, rule: decision.rule, reason: decision.reason });
  // An untrusted finding must not move the watermark: a forged copy with a later UpdatedAt would
  // otherwise make every genuine event of the finding look stale.
  if (decision.rule === 'untrusted_source')
    return { status: 'done', findingId, route: 'do_nothing', decision };
  if (ports.preprocess !== undefined) {
    const outcome = await preprocessFinding(finding, {
      ...ports.preprocess,
      clock: now,
      logger,
      // A failed reassignment or reclassification is a failure row (alarmed); the finding goes on.
      reportFailure: ({ what, error }) =>
        ports.failures.record({
          key: digestKey('preprocess', what, findingId, finding.UpdatedAt),
          findingId,
          accountId: finding.AwsAccountId,
          step: 'preprocess',
          error: error.name,
          cause: `${what}: ${error.message}`,
          at: now().toISOString(),
        }),
    });
    if (outcome.kind !== 'continue')
      return { status: outcome.kind, findingId, decision, detail: outcome.detail };
  }
  const key = eventKey(finding);
  if (ports.watermarks !== undefined) {
    const claim = await ports.watermarks.claim(eventMarkOf(key, finding), now());
    if (claim.kind === 'stale') {
      logger.info('Stale event: a newer event of this finding was already acted on', {
        findingId,
        newerUpdatedAt: claim.newer.updatedAt,
      });
      return { status: 'stale', findingId, decision, newer: claim.newer };
    }
  }

  const start = async (
    route: Exclude<Route, 'do_nothing'>,
    executions: ExecutionStarter,
  ): Promise<IntakeResult> => {
    const name = executionName(key);
    const penalty = decision.penaltyScore === undefined ? {} : { penalty_score: decision.penaltyScore };
    const input = withinStateBudget({ key, pad: { ...pad, ...penalty }, decision });
    if (input.omitted !== undefined)
      logger.warn('Finding too large for the workflow state; parts left out', {
        findingId,
        omitted: input.omitted,
      });
    const started = await executions.start({ name, input });
    if (started.status === 'duplicate')
      logger.info('Duplicate delivery: already running', { findingId, name });
    return {
      status: started.status,
      findingId,
      route,
      decision,
      executionName: name,
      executionArn: started.executionArn,
    };
  };
  switch (decision.route) {
    case 'do_nothing':
      return { status: 'done', findingId, route: 'do_nothing', decision };
    case 'incident':
      if (ports.incidentExecutions === undefined)
        return { status: 'left_for_incidents', findingId, route: 'incident', decision };
      return start('incident', ports.incidentExecutions);
    default:
      return start(decision.route, ports.executions);
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

/** How many findings the event's `detail.findings` lists; 0 when it is not a list. */
function findingCount(event: unknown): number {
  const detail = isRecord(event) ? event['detail'] : undefined;
  const findings = isRecord(detail) ? detail['findings'] : undefined;
  return Array.isArray(findings) ? findings.length : 0;
}

function idOf(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null || !('Id' in candidate)) return undefined;
  return typeof candidate.Id === 'string' && candidate.Id.trim() !== '' ? candidate.Id : undefined;
}

/** A finding id as far as it fits a failure row: ids of refused findings may be of any length. */
function bounded(findingId: string): string {
  return findingId.length <= ASFF_LIMITS.idLength
    ? findingId
    : `${findingId.slice(0, ASFF_LIMITS.idLength)}…`;
}

/**
 * The failure row of one refused finding: the event's id, the finding's place in it and its id, so
 * two refusals never share a row (a refused finding has no trustworthy `UpdatedAt` to key on).
 */
function rejectionKey(eventId: string, index: number, findingId: string | undefined): string {
  return digestKey(eventId, String(index), findingId ?? '');
}

/** A stable key for input that has no finding id: the hash of its JSON. */
function rawKey(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return digestKey(text);
}
