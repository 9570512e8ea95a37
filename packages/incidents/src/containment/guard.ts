import { type AwsSecurityFinding, getSeverityLabel } from '@soar/asff-schema';
import { provenanceOf } from '@soar/triage';
import * as z from 'zod';
import { classifyIncident, type InstanceRef } from '../classify';
import type { ForensicsConfig, IncidentsConfig } from '../config';
import type { IncidentContext } from '../plan';

/** The EC2 states in which an instance is still worth terminating. */
export const RUNNING_STATES: readonly string[] = ['pending', 'running'];

/**
 * The instance as re-read from EC2 just before acting: its state, tags and termination protection,
 * or that it no longer exists.
 *
 * @example
 * ```ts
 * InstanceSnapshotSchema.parse({
 *   found: true, instanceId: 'i-0b1c2d3e4f5a6b7c8', state: 'running',
 *   tags: { Name: 'web-1' }, terminationProtection: false,
 * });
 * ```
 */
export const InstanceSnapshotSchema = z.lazy(() =>
  z.discriminatedUnion('found', [
    z.strictObject({ found: z.literal(false), instanceId: z.string() }),
    z.strictObject({
      found: z.literal(true),
      instanceId: z.string(),
      /** The EC2 state name: `pending`, `running`, `stopping`, `stopped`, `shutting-down`, `terminated`. */
      state: z.string(),
      tags: z.record(z.string(), z.string()),
      /** `DisableApiTermination`. */
      terminationProtection: z.boolean(),
    }),
  ]),
);
export type InstanceSnapshot = z.infer<typeof InstanceSnapshotSchema>;

/** Why an instance is not terminated. */
export type RefusalReason =
  | 'disabled'
  | 'untrusted_finding'
  | 'not_ec2'
  | 'wrong_severity'
  | 'no_instance'
  | 'account_mismatch'
  | 'excluded_environment'
  | 'environment_unknown'
  | 'instance_not_found'
  | 'instance_mismatch'
  | 'not_running'
  | 'protected_tag'
  | 'termination_protection';

/** A refusal, and why in words (for the ticket and the email). */
export interface Refusal {
  readonly action: 'refuse';
  readonly reason: RefusalReason;
  readonly detail: string;
}

/** Forensics collection that is configured (not `none`). */
export type ForensicsTarget = Exclude<ForensicsConfig, { kind: 'none' }>;

/** What to do with the instance of a GuardDuty EC2 finding. */
export type ContainmentDecision =
  | { readonly action: 'terminate'; readonly instance: InstanceRef; readonly detail: string }
  | {
      readonly action: 'forensics_then_terminate';
      readonly instance: InstanceRef;
      readonly forensics: ForensicsTarget;
      readonly detail: string;
    }
  | Refusal;

const refuse = (reason: RefusalReason, detail: string): Refusal => ({ action: 'refuse', reason, detail });

/**
 * The checks that need no AWS call (pure): containment is enabled; the finding passed the trust
 * checks and is GuardDuty's own (its `ProductArn`); it is an EC2 finding at a containment severity;
 * it names an instance of its own account; the account's environment is not excluded (an unknown
 * environment is refused while exclusions are configured). Returns the instance to re-read, or the
 * refusal.
 *
 * @example
 * ```ts
 * const target = containmentTarget(finding, { account }, config);
 * if ('action' in target) return target; // refused
 * const snapshot = await ports.readInstance(target);
 * ```
 */
export function containmentTarget(
  finding: AwsSecurityFinding,
  context: IncidentContext,
  config: Pick<IncidentsConfig, 'containment' | 'trustedProducts'>,
): InstanceRef | Refusal {
  const settings = config.containment;
  if (!settings.enabled) return refuse('disabled', 'Containment is turned off (containment.enabled).');
  const provenance = provenanceOf(finding, config.trustedProducts);
  if (provenance.kind !== 'product' || provenance.product !== 'aws/guardduty') {
    return refuse(
      'untrusted_finding',
      provenance.kind === 'untrusted'
        ? `The finding failed the trust checks: ${provenance.reason}`
        : 'Only a finding of GuardDuty itself can terminate an instance.',
    );
  }
  const classification = classifyIncident(finding);
  if (classification.kind !== 'ec2') {
    return refuse('not_ec2', `The finding is a ${classification.kind} finding, not an EC2 one.`);
  }
  const severity = getSeverityLabel(finding.Severity) ?? 'INFORMATIONAL';
  if (!settings.severities.includes(severity)) {
    return refuse(
      'wrong_severity',
      `${severity} is not a containment severity (${settings.severities.join(', ') || 'none'}).`,
    );
  }
  const instance = classification.guardDuty?.instance;
  if (instance === undefined) return refuse('no_instance', 'The finding names no EC2 instance.');
  if (instance.accountId !== finding.AwsAccountId) {
    return refuse(
      'account_mismatch',
      `The instance ${instance.instanceId} is in account ${instance.accountId}, not the finding's ${finding.AwsAccountId}.`,
    );
  }
  if (settings.excludedEnvironments.length > 0) {
    const environment = context.account?.Environment.trim().toUpperCase();
    if (environment === undefined) {
      return refuse(
        'environment_unknown',
        'The account environment is unknown, and some environments are excluded.',
      );
    }
    if (settings.excludedEnvironments.includes(environment)) {
      return refuse(
        'excluded_environment',
        `The account's environment ${environment} is excluded from containment.`,
      );
    }
  }
  return instance;
}

/**
 * Decides whether to terminate the instance of a GuardDuty EC2 finding, on the instance as re-read
 * just now (pure). On top of {@link containmentTarget}: the instance still exists and is the one the
 * finding names, it is still `pending` or `running`, it has no protect tag (`soar:protect` by default,
 * any value) and no termination protection (the original turned protection off; SOAR respects it).
 * With forensics configured, collection comes first.
 *
 * @example
 * ```ts
 * containmentDecision(finding, snapshot, config, { account });
 * // { action: 'refuse', reason: 'protected_tag', detail: 'The instance i-0… has the tag soar:protect.' }
 * ```
 */
export function containmentDecision(
  finding: AwsSecurityFinding,
  snapshot: InstanceSnapshot,
  config: Pick<IncidentsConfig, 'containment' | 'trustedProducts'>,
  context: IncidentContext = {},
): ContainmentDecision {
  const target = containmentTarget(finding, context, config);
  if ('action' in target) return target;
  const id = target.instanceId;
  if (snapshot.instanceId !== id) {
    return refuse('instance_mismatch', `The instance read (${snapshot.instanceId}) is not ${id}.`);
  }
  if (!snapshot.found) return refuse('instance_not_found', `The instance ${id} no longer exists.`);
  if (!RUNNING_STATES.includes(snapshot.state)) {
    return refuse('not_running', `The instance ${id} is ${snapshot.state}, no longer running.`);
  }
  const tag = config.containment.protectTag;
  if (Object.hasOwn(snapshot.tags, tag)) {
    return refuse('protected_tag', `The instance ${id} has the tag ${tag}.`);
  }
  if (snapshot.terminationProtection) {
    return refuse('termination_protection', `The instance ${id} has termination protection on.`);
  }
  const forensics = config.containment.forensics;
  if (forensics.kind === 'none') {
    return { action: 'terminate', instance: target, detail: `The instance ${id} is to be terminated.` };
  }
  return {
    action: 'forensics_then_terminate',
    instance: target,
    forensics,
    detail: `Forensic disk collection for ${id} first, then termination.`,
  };
}
