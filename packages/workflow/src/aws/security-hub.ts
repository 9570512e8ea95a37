import { createAwsSecurityHub, type SecurityHubPort } from '@soar/security-hub';
import type { RuntimeConfig } from '../runtime-config';
import { awsClients } from './clients';

/**
 * Security Hub in each finding's own account and region, through the member role with a session
 * limited to the finding updates SOAR makes.
 *
 * @example
 * ```ts
 * await awsSecurityHubPort(config).updateFindings([suppressUpdate(finding, 'SOAR: …')]);
 * ```
 */
export function awsSecurityHubPort(config: Pick<RuntimeConfig, 'memberRoleName'>): SecurityHubPort {
  return createAwsSecurityHub({ access: awsClients.access(config) });
}
