import { defaultRegistry, remediate, type Registry } from '@soar/remediations';
import type { Remediator } from '../ports';
import { isTicketOnly, type RuntimeConfig } from '../runtime-config';
import { awsClients } from './clients';

/**
 * Remediations for real, in the finding's account through the member role, each session limited to
 * its control's actions; the configured opt-out tag and ticket-only rules apply.
 *
 * @example
 * ```ts
 * const { result } = await awsRemediator(config).remediate(pad); // result.kind: 'remediated' | 'not_done' | …
 * ```
 */
export function awsRemediator(
  config: Pick<RuntimeConfig, 'memberRoleName' | 'remediation'>,
  registry: Registry = defaultRegistry,
): Remediator {
  const access = awsClients.access(config);
  const { optOutTag, ticketOnly } = config.remediation;
  return {
    async remediate(pad) {
      const done = await remediate(pad, {
        access,
        registry,
        optOutTag,
        ticketOnly: (control, account) => isTicketOnly(ticketOnly, control, account?.Environment),
      });
      return { ...done, simulated: false };
    },
  };
}
