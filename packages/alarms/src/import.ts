import type { AccessScope, AwsAccess, AwsClientConstructor, Target } from '@soar/aws-access';
import { createAwsSecurityHub, type SecurityHubPort } from '@soar/security-hub';
import { type RetryOptions } from '@soar/security-hub/aws';

import { AlarmsError } from './errors';

/**
 * The session the import runs in, in the alarm's account: role session `soar-import-alarm-finding`
 * (so CloudTrail tells alarm imports from SOAR's other writes), limited by its session policy to
 * `securityhub:BatchImportFindings`.
 */
export const IMPORT_ALARM_FINDING_SCOPE: AccessScope = {
  purpose: 'import-alarm-finding',
  actions: ['securityhub:BatchImportFindings'],
};

/** Options of {@link createAlarmSecurityHub}. */
export interface AlarmSecurityHubOptions extends RetryOptions {
  /** Cross-account client factory from `@soar/aws-access` (`createAwsAccess({ roleName })`). */
  readonly access: Pick<AwsAccess, 'client'>;
}

/** The one Security Hub operation the alarm import needs. */
export type AlarmSecurityHub = Pick<SecurityHubPort, 'importFindings'>;

function sameActions(scope: AccessScope): boolean {
  const wanted = IMPORT_ALARM_FINDING_SCOPE.actions ?? [];
  const asked = scope.actions ?? [];
  return asked.length === wanted.length && asked.every((action) => wanted.includes(action));
}

/**
 * The Security Hub adapter of `@soar/security-hub` (`createAwsSecurityHub`), for alarm findings: it
 * validates the target, imports into the given account and region through a session in that account,
 * retries the findings Security Hub reports as retryable, and rejects with `FindingImportError` when
 * any finding still fails (`FailedCount > 0` is an error, never a silent `false`). The only change:
 * the session is {@link IMPORT_ALARM_FINDING_SCOPE}.
 *
 * @example
 * ```ts
 * const securityHub = createAlarmSecurityHub({ access: createAwsAccess({ roleName: 'SecurityHubRole' }) });
 * await securityHub.importFindings({ accountId: event.account, region: event.region }, [finding]);
 * ```
 */
export function createAlarmSecurityHub(options: AlarmSecurityHubOptions): AlarmSecurityHub {
  const { access, ...retry } = options;
  const scoped: Pick<AwsAccess, 'client'> = {
    client: <C>(ClientClass: AwsClientConstructor<C>, target: Target, scope: AccessScope): C => {
      if (!sameActions(scope)) {
        throw new AlarmsError(
          `The alarm import may only call securityhub:BatchImportFindings, not ${(scope.actions ?? ['every action of the role']).join(', ')}`,
        );
      }
      return access.client(ClientClass, target, IMPORT_ALARM_FINDING_SCOPE);
    },
  };
  const securityHub = createAwsSecurityHub({ ...retry, access: scoped });
  return { importFindings: (target, findings) => securityHub.importFindings(target, findings) };
}
