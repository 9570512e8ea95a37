import type { AwsSecurityFinding } from '@soar/asff-schema';
import { describeError } from '@soar/common';
import type { InstanceRef } from '../classify';
import type { IncidentsConfig } from '../config';
import type { IncidentContext } from '../plan';
import {
  containmentDecision,
  containmentTarget,
  type ForensicsTarget,
  type InstanceSnapshot,
  type RefusalReason,
} from './guard';

/** What a termination request returned. */
export interface TerminationResult {
  readonly previousState?: string | undefined;
  readonly currentState?: string | undefined;
}

/** What forensic disk collection is asked to do. */
export interface ForensicsRequest {
  readonly finding: AwsSecurityFinding;
  readonly instance: InstanceRef;
  readonly forensics: ForensicsTarget;
}

/** Why forensic collection did not succeed. */
export type ForensicsFailure = 'start_failed' | 'function_error' | 'execution_failed' | 'timed_out';

/** How forensic disk collection went. */
export type ForensicsResult =
  | { readonly ok: true; readonly detail: string; readonly reference?: string }
  | {
      readonly ok: false;
      readonly failure: ForensicsFailure;
      readonly detail: string;
      /** The execution ARN or request id, when there is one. */
      readonly reference?: string;
    };

/** The AWS side of containment; `@soar/incidents/aws` has the adapters. */
export interface ContainmentPorts {
  /** Re-reads the instance in its account (state, tags, termination protection). */
  readonly readInstance: (instance: InstanceRef) => Promise<InstanceSnapshot>;
  readonly terminateInstance: (instance: InstanceRef) => Promise<TerminationResult>;
  /** Hands forensic disk collection off; needed only when forensics is configured. */
  readonly collectForensics?: ((request: ForensicsRequest) => Promise<ForensicsResult>) | undefined;
}

/** What containment did, with a sentence for the ticket and the email. */
export type ContainmentOutcome =
  | { readonly kind: 'refused'; readonly reason: RefusalReason; readonly summary: string }
  | {
      readonly kind: 'terminated';
      readonly instance: InstanceRef;
      readonly forensics?: ForensicsResult;
      readonly termination: TerminationResult;
      readonly summary: string;
    }
  | {
      readonly kind: 'forensics_failed';
      readonly instance: InstanceRef;
      readonly forensics: ForensicsResult;
      readonly summary: string;
    }
  | {
      readonly kind: 'failed';
      readonly stage: 'read' | 'forensics' | 'terminate';
      readonly instance: InstanceRef;
      readonly error: string;
      readonly summary: string;
    };

async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

/**
 * Contains a GuardDuty EC2 incident: re-reads the instance, asks {@link containmentDecision}, hands
 * forensic collection off first when configured, then terminates. Never throws for what AWS answers:
 * every refusal and failure is an outcome whose `summary` says what was done and why, for the ticket.
 * When forensics fails, the instance is left running.
 *
 * @example
 * ```ts
 * const outcome = await containIncident(finding, { account }, config, {
 *   ...createEc2Containment({ access }),
 *   collectForensics: createForensicsHandOff({ forensics: config.containment.forensics }),
 * });
 * ticket.actionsTaken = outcome.summary;
 * ```
 */
export async function containIncident(
  finding: AwsSecurityFinding,
  context: IncidentContext,
  config: Pick<IncidentsConfig, 'containment' | 'trustedProducts'>,
  ports: ContainmentPorts,
): Promise<ContainmentOutcome> {
  const target = containmentTarget(finding, context, config);
  if ('action' in target) {
    return {
      kind: 'refused',
      reason: target.reason,
      summary: `The instance was not terminated. ${target.detail}`,
    };
  }
  const id = target.instanceId;
  const read = await attempt(() => ports.readInstance(target));
  if (!read.ok) {
    return {
      kind: 'failed',
      stage: 'read',
      instance: target,
      error: read.error,
      summary: `The instance ${id} was not terminated: it could not be read (${read.error}).`,
    };
  }
  const decision = containmentDecision(finding, read.value, config, context);
  if (decision.action === 'refuse') {
    return {
      kind: 'refused',
      reason: decision.reason,
      summary: `The instance was not terminated. ${decision.detail}`,
    };
  }

  let forensics: ForensicsResult | undefined;
  if (decision.action === 'forensics_then_terminate') {
    const collect = ports.collectForensics;
    const handed =
      collect === undefined
        ? { ok: false as const, error: 'no forensics hand-off is wired' }
        : await attempt(() => collect({ finding, instance: target, forensics: decision.forensics }));
    if (!handed.ok) {
      return {
        kind: 'failed',
        stage: 'forensics',
        instance: target,
        error: handed.error,
        summary: `The instance ${id} was left running: forensic collection could not be started (${handed.error}).`,
      };
    }
    forensics = handed.value;
    if (!forensics.ok) {
      return {
        kind: 'forensics_failed',
        instance: target,
        forensics,
        summary: `The instance ${id} was left running: forensic collection failed (${forensics.failure}: ${forensics.detail}).`,
      };
    }
  }

  const terminated = await attempt(() => ports.terminateInstance(target));
  if (!terminated.ok) {
    return {
      kind: 'failed',
      stage: 'terminate',
      instance: target,
      error: terminated.error,
      summary: `The instance ${id} could not be terminated (${terminated.error})${
        forensics === undefined ? '' : ', after forensic collection succeeded'
      }.`,
    };
  }
  return {
    kind: 'terminated',
    instance: target,
    ...(forensics === undefined ? {} : { forensics }),
    termination: terminated.value,
    summary:
      forensics === undefined
        ? `The instance ${id} has been terminated.`
        : `Forensic disk collection for ${id} succeeded (${forensics.detail}), then the instance was terminated.`,
  };
}
