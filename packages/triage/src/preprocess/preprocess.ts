import type { AwsSecurityFinding } from '@soar/asff-schema';
import { SILENT_LOGGER, type SoarLogger } from '@soar/common';
import { suppressUpdate, type SecurityHubPort } from '@soar/security-hub';
import type { ErrorReport } from '@soar/security-hub/aws';
import { reclassifyHealthFinding } from '../health/health-reclassifier';
import { reassignFinding } from '../reassignment/account-reassignment';

/** Which pre-processing runs (SOAR's runtime configuration, `preprocessing`). */
export interface PreprocessConfig {
  readonly reassignment: boolean;
  /** The security account: only its findings are reassigned. Without it, nothing is. */
  readonly securityAccountId?: string | undefined;
  readonly healthReclassification: boolean;
}

/** What the pre-processing acts through (see {@link preprocessFinding}). */
export interface PreprocessPorts {
  readonly securityHub: SecurityHubPort;
  readonly config: PreprocessConfig;
  /**
   * Records a pre-processing that failed (the caller's failure row, alarmed); the finding is then
   * handled as it came.
   */
  readonly reportFailure: (failure: { readonly what: string; readonly error: ErrorReport }) => Promise<void>;
  readonly clock?: () => Date;
  readonly logger?: SoarLogger;
}

/**
 * What pre-processing did with a finding: nothing (`continue`: decide and act on it as it came), or
 * SOAR changed it in Security Hub and handles the finding Security Hub sends next instead:
 * - `reassigned`: a finding of the security account about a member account's resource was imported
 *   into that account (a copy with a deterministic id), and the original suppressed;
 * - `reclassified`: an AWS Health notification's severity was lowered to INFORMATIONAL.
 */
export type PreprocessOutcome =
  { readonly kind: 'continue' } | { readonly kind: 'reassigned' | 'reclassified'; readonly detail: string };

/**
 * The pre-processing of a trusted finding, before it is acted on (the original's account
 * reassignment and AWS Health reclassifier): the finding of a member account's resource that the
 * security account produced goes to the account that owns it, and a Health notification is not
 * handled at the severity Health gave it. Each is switched by `preprocessing` in the configuration.
 *
 * Fail-safe: a reassignment or reclassification that fails is reported (`reportFailure`: SOAR's
 * intake writes a failure row, alarmed like every other) and the finding is handled as it came,
 * never dropped. Suppressing the original after its copy was imported is not fail-safe: it throws, so that
 * intake has the event delivered again (the import is idempotent: the copy's id is deterministic).
 *
 * @example
 * ```ts
 * const outcome = await preprocessFinding(finding, { securityHub, config, reportFailure: record });
 * if (outcome.kind !== 'continue') return; // Security Hub sends the finding SOAR handles next
 * ```
 */
export async function preprocessFinding(
  finding: AwsSecurityFinding,
  ports: PreprocessPorts,
): Promise<PreprocessOutcome> {
  const { config, securityHub } = ports;
  const logger = ports.logger ?? SILENT_LOGGER;
  const now = ports.clock ?? (() => new Date());
  const failed = async (what: string, error: ErrorReport) => {
    logger.error(`${what} failed; the finding is handled as it came`, { findingId: finding.Id, error });
    await ports.reportFailure({ what, error });
  };

  if (config.reassignment && config.securityAccountId !== undefined) {
    const result = await reassignFinding(finding, securityHub, {
      securityAccountId: config.securityAccountId,
      now,
    });
    if (result.error !== undefined) await failed('Account reassignment', result.error);
    if (result.suppressOriginal) {
      const detail =
        `Re-imported into account ${result.targetAccountId ?? '?'}, which owns the resource, as ` +
        `${result.findingId ?? '?'}; SOAR handles it there.`;
      await securityHub.updateFindings([suppressUpdate(finding, `SOAR: ${detail}`)]);
      logger.info('Finding reassigned to the account that owns it', { findingId: finding.Id, detail });
      return { kind: 'reassigned', detail };
    }
  }
  if (config.healthReclassification) {
    const result = await reclassifyHealthFinding(finding, securityHub, { enabled: true });
    if (result.error !== undefined) await failed('AWS Health reclassification', result.error);
    if (result.reconsiderLater) {
      const detail =
        'An AWS Health notification: its severity was lowered to INFORMATIONAL; SOAR handles it ' +
        'when Security Hub sends it again.';
      logger.info('Health notification reclassified', { findingId: finding.Id });
      return { kind: 'reclassified', detail };
    }
  }
  return { kind: 'continue' };
}
