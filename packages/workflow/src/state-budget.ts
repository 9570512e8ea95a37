import type { AwsSecurityFinding } from '@soar/asff-schema';
import { TICKET_ID_FIELD, TICKET_OPEN_FIELD } from '@soar/security-hub';
import type { FlowState } from './state';

/**
 * The most a finding processor state may weigh when intake starts it, in UTF-8 bytes of its JSON.
 * Step Functions refuses a state input or output over 256 KiB (`States.DataLimitExceeded`); the rest
 * is left for what the steps add (remediation results, ticket, messages, a caught error).
 */
export const STATE_BUDGET_BYTES = 192 * 1024;

/**
 * The parts of a finding that no step of the finding processor reads, dropped first, in this order,
 * when a state would be over budget. They stay in Security Hub, and the state lists what was left out.
 */
const UNREAD_PARTS = [
  'Vulnerabilities',
  'Threats',
  'ThreatIntelIndicators',
  'Malware',
  'Network',
  'NetworkPath',
  'Process',
  'Action',
  'Detection',
  'PatchSummary',
  'RelatedFindings',
  'GeneratorDetails',
  'FindingProviderFields',
] as const;

/**
 * Keeps a finding processor state within {@link STATE_BUDGET_BYTES} by design, so that no finding
 * Security Hub accepts (up to 240 KB) can make the workflow fail on Step Functions' 256 KiB limit.
 * Drops, in order and only while the state is over budget: the parts of the finding no step reads,
 * then the `Details` of every resource but the first, then those of the first, then
 * `UserDefinedFields` other than SOAR's own `TicketOpen` and `TicketId`. What was dropped is listed in `omitted`, so messages and people can tell that
 * the full finding is in Security Hub.
 *
 * Pure: returns the state unchanged (the same object) when it fits.
 *
 * @example
 * ```ts
 * const input = withinStateBudget({ key, pad, decision });
 * input.omitted; // undefined, or e.g. ['Vulnerabilities', 'Resources[1..].Details']
 * ```
 */
export function withinStateBudget(state: FlowState, budget = STATE_BUDGET_BYTES): FlowState {
  if (jsonBytes(state) <= budget) return state;
  let finding: AwsSecurityFinding = state.pad.finding;
  const omitted: string[] = [];
  const current = (): FlowState => ({ ...state, pad: { ...state.pad, finding }, omitted: [...omitted] });

  for (const part of UNREAD_PARTS) {
    if (finding[part] === undefined) continue;
    const { [part]: _dropped, ...rest } = finding;
    finding = rest;
    omitted.push(part);
    if (jsonBytes(current()) <= budget) return current();
  }
  const withoutDetails = (from: number): AwsSecurityFinding => ({
    ...finding,
    Resources: finding.Resources.map((resource, index) => {
      if (index < from || resource.Details === undefined) return resource;
      const { Details: _details, ...rest } = resource;
      return rest;
    }) as AwsSecurityFinding['Resources'],
  });
  if (finding.Resources.slice(1).some((resource) => resource.Details !== undefined)) {
    finding = withoutDetails(1);
    omitted.push('Resources[1..].Details');
    if (jsonBytes(current()) <= budget) return current();
  }
  if (finding.Resources[0]?.Details !== undefined) {
    finding = withoutDetails(0);
    omitted.push('Resources[0].Details');
    if (jsonBytes(current()) <= budget) return current();
  }
  const fields = finding.UserDefinedFields;
  if (fields !== undefined) {
    // SOAR's own fields say whether a ticket is open and which: dropping them would lose the ticket.
    const kept = Object.fromEntries(Object.entries(fields).filter(([name]) => SOAR_FIELDS.has(name)));
    finding = { ...finding, UserDefinedFields: kept };
    omitted.push('UserDefinedFields (other than TicketOpen and TicketId)');
  }
  return current();
}

/** The `UserDefinedFields` SOAR writes and reads back (see `@soar/security-hub`'s finding updates). */
const SOAR_FIELDS: ReadonlySet<string> = new Set([TICKET_OPEN_FIELD, TICKET_ID_FIELD]);

/** The size of a value as JSON, in UTF-8 bytes; a value that cannot be serialised counts as 0. */
export function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return 0;
  }
}
