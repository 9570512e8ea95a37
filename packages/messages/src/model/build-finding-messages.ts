import type { AwsSecurityFinding, SeverityLabel } from '@soar/asff-schema';
import type { Scratchpad } from '@soar/scratchpad';
import {
  accountFacts,
  actionLines,
  commonParts,
  fact,
  findingTypeOf,
  productNameOf,
  remediationOf,
  timeFact,
} from './finding-parts';
import type {
  AutoFixedMessage,
  CloseReason,
  Fact,
  GenericMessage,
  IncidentContext,
  IncidentKind,
  IncidentMessage,
  MessageCommon,
  RemediationAdvice,
  RequiredAction,
  TeamFixMessage,
  TicketClosedMessage,
} from './message';
import { MAX_CONTEXT_TEXT, MAX_CONTEXT_TITLE } from './message';
import { cleanText, oneLine, truncate } from '../render/text';

type Common = Omit<MessageCommon, 'facts'>;

function optionalText(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  return text === '' ? undefined : text;
}

/** Severity, control, account, region: the facts every finding message starts with. */
function leadingFacts(common: Common): Fact[] {
  return [
    ...fact('Severity', common.severity),
    ...fact('Control', common.controlId),
    ...accountFacts(common.account),
    ...fact('Region', common.region),
  ];
}

function ticketAndFindingFacts(common: Common, ticketId: string | undefined): Fact[] {
  return [...fact('Ticket', ticketId, true), ...fact('Finding ID', common.findingId, true)];
}

function withRemediation<T extends object>(
  message: T,
  remediation: RemediationAdvice | undefined,
): T & { remediation?: RemediationAdvice } {
  return remediation === undefined ? message : { ...message, remediation };
}

/** Options of {@link teamFixMessage}. */
export interface TeamFixOptions {
  /** The ticket opened for the team, when ticketing is on. */
  readonly ticketId?: string;
}

/**
 * The message for a failed control the owning team must fix: what failed, what SOAR did already,
 * what the team must do, and the provider's fix instructions.
 *
 * @example
 * ```ts
 * const message = teamFixMessage(pad, { ticketId: 'PAY-123' });
 * const rendered = renderMessage(message, { productName: 'SOAR' });
 * ```
 */
export function teamFixMessage(pad: Scratchpad, options: TeamFixOptions = {}): TeamFixMessage {
  const common = commonParts(pad);
  const ticketId = optionalText(options.ticketId);
  const firstObservedAt = optionalText(pad.finding.FirstObservedAt);
  const lastObservedAt = optionalText(pad.finding.LastObservedAt);
  const message: TeamFixMessage = {
    kind: 'team_fix',
    ...common,
    facts: [
      ...leadingFacts(common),
      ...fact('Finding type', findingTypeOf(pad.finding)),
      ...timeFact('First seen', firstObservedAt),
      ...timeFact('Last seen', lastObservedAt),
      ...ticketAndFindingFacts(common, ticketId),
    ],
    actionsTaken: actionLines(pad.messages.actions_taken),
    actionsRequired: actionLines(pad.messages.actions_required),
    ...(ticketId === undefined ? {} : { ticketId }),
    ...(firstObservedAt === undefined ? {} : { firstObservedAt }),
    ...(lastObservedAt === undefined ? {} : { lastObservedAt }),
  };
  return withRemediation(message, remediationOf(pad.finding));
}

/** Options of {@link autoFixedMessage}. */
export interface AutoFixedOptions {
  /** A ticket recording the change, when one was opened. */
  readonly ticketId?: string;
  /** The fix was only planned (a simulation): the message says SOAR would fix it. */
  readonly planned?: boolean;
}

/**
 * The message for a failed control SOAR fixed itself: what it changed, and what the team should still
 * do (usually: make the same change in their infrastructure code so a deploy does not undo it).
 *
 * @example
 * ```ts
 * const message = autoFixedMessage(pad);
 * message.actionsTaken; // ['Removed all rules from the default security group.']
 * ```
 */
export function autoFixedMessage(pad: Scratchpad, options: AutoFixedOptions = {}): AutoFixedMessage {
  const common = commonParts(pad);
  const ticketId = optionalText(options.ticketId);
  const message: AutoFixedMessage = {
    kind: 'auto_fixed',
    ...common,
    facts: [...leadingFacts(common), ...ticketAndFindingFacts(common, ticketId)],
    actionsTaken: actionLines(pad.messages.actions_taken),
    actionsRequired: actionLines(pad.messages.actions_required),
    ...(ticketId === undefined ? {} : { ticketId }),
    ...(options.planned === true ? { planned: true } : {}),
  };
  return withRemediation(message, remediationOf(pad.finding));
}

/**
 * Why a control finding stopped failing: the first `Compliance.StatusReasons` entry that has a
 * description (with its reason code), else the first reason code, else nothing (renderers then give a
 * generic explanation).
 *
 * @example
 * ```ts
 * closeReasonOf(finding); // { description: 'The security group has no rules.', code: 'CONFIG_EVALUATIONS_EMPTY' }
 * ```
 */
export function closeReasonOf(finding: AwsSecurityFinding): CloseReason {
  const reasons = Array.isArray(finding.Compliance?.StatusReasons) ? finding.Compliance.StatusReasons : [];
  const described = reasons.find((reason) => optionalText(reason.Description) !== undefined);
  const chosen = described ?? reasons[0];
  const description = optionalText(chosen?.Description);
  const code = optionalText(chosen?.ReasonCode);
  return { ...(description === undefined ? {} : { description }), ...(code === undefined ? {} : { code }) };
}

/** Options of {@link ticketClosedMessage}. */
export interface TicketClosedOptions {
  /** The ticket SOAR closed. */
  readonly ticketId: string;
}

/**
 * The message for a ticket SOAR closed because its finding is resolved: which ticket, and why.
 *
 * @example
 * ```ts
 * const message = ticketClosedMessage(pad, { ticketId: 'PAY-123' });
 * message.reason; // { description: 'The security group has no rules.', code: 'RULES_REMOVED' }
 * ```
 */
export function ticketClosedMessage(pad: Scratchpad, options: TicketClosedOptions): TicketClosedMessage {
  const common = commonParts(pad);
  const ticketId = optionalText(options.ticketId) ?? 'unknown';
  const reason = closeReasonOf(pad.finding);
  const workflowStatus = optionalText(pad.finding.Workflow?.Status);
  const complianceStatus = optionalText(pad.finding.Compliance?.Status);
  return {
    kind: 'ticket_closed',
    ...common,
    facts: [
      ...leadingFacts(common),
      ...fact('Workflow status', workflowStatus),
      ...fact('Compliance status', complianceStatus),
      ...fact('Reason code', reason.code, true),
      ...ticketAndFindingFacts(common, ticketId),
    ],
    ticketId,
    reason,
    ...(workflowStatus === undefined ? {} : { workflowStatus }),
    ...(complianceStatus === undefined ? {} : { complianceStatus }),
  };
}

/**
 * What an incident asks of the team. INFORMATIONAL: nothing; generic incidents with provider advice:
 * that advice; LOW: an optional look; anything else: investigate.
 *
 * @example
 * ```ts
 * requiredActionFor('HIGH', 'ec2', undefined); // { level: 'investigate' }
 * ```
 */
export function requiredActionFor(
  severity: SeverityLabel,
  incidentKind: IncidentKind,
  remediation: RemediationAdvice | undefined,
): RequiredAction {
  if (severity === 'INFORMATIONAL') return { level: 'none' };
  if (incidentKind === 'generic' && remediation?.text !== undefined) {
    return { level: 'recommendation', text: remediation.text };
  }
  if (severity === 'LOW') return { level: 'optional' };
  return { level: 'investigate' };
}

/** Options of {@link incidentMessage}. */
export interface IncidentOptions {
  /** Which wording to use: a GuardDuty EC2, EKS, IAM user or S3 finding, or any other incident. */
  readonly incidentKind: IncidentKind;
  /**
   * What SOAR did, e.g. `'Terminated instance i-0abc1234def567890.'`; defaults to the scratchpad's
   * `messages.actions_taken`. An empty list (or "No changes were made.") means nothing.
   */
  readonly actionsTaken?: string | readonly string[];
  /** The SOC or team ticket, when one was opened. */
  readonly ticketId?: string;
  /**
   * What SOAR found out around the incident (e.g. the alarm's enriched context). The title is put on
   * one line; both are cut to {@link MAX_CONTEXT_TITLE} and {@link MAX_CONTEXT_TEXT} characters; a
   * context with blank text is left out.
   */
  readonly context?: { readonly title: string; readonly text: string };
}

/** The context of an incident, fitted to its limits; `undefined` when it has no text. */
function contextOf(context: IncidentOptions['context']): IncidentContext | undefined {
  const text = cleanText(context?.text ?? '');
  if (context === undefined || text === '') return undefined;
  return { title: oneLine(context.title, MAX_CONTEXT_TITLE), text: truncate(text, MAX_CONTEXT_TEXT) };
}

/**
 * The message for a security incident: what the product saw, what SOAR did (terminated an instance,
 * took a snapshot, or nothing), and what the team should do given the severity.
 *
 * @example
 * ```ts
 * const message = incidentMessage(pad, { incidentKind: 'ec2', actionsTaken: ['Terminated instance i-0abc.'] });
 * message.requiredAction; // { level: 'investigate' } for MEDIUM and above
 * ```
 */
export function incidentMessage(pad: Scratchpad, options: IncidentOptions): IncidentMessage {
  const common = commonParts(pad);
  const ticketId = optionalText(options.ticketId);
  const productName = productNameOf(pad.finding);
  const findingType = findingTypeOf(pad.finding);
  const remediation = remediationOf(pad.finding);
  const context = contextOf(options.context);
  const message: IncidentMessage = {
    kind: 'incident',
    ...common,
    facts: [
      ...fact('Severity', common.severity),
      ...fact('Detected by', productName),
      ...fact('Finding type', findingType),
      ...accountFacts(common.account),
      ...fact('Region', common.region),
      ...timeFact('Created', pad.finding.CreatedAt),
      ...ticketAndFindingFacts(common, ticketId),
    ],
    incidentKind: options.incidentKind,
    productName,
    createdAt: pad.finding.CreatedAt,
    actionsTaken: actionLines(options.actionsTaken ?? pad.messages.actions_taken),
    requiredAction: requiredActionFor(common.severity, options.incidentKind, remediation),
    ...(findingType === undefined ? {} : { findingType }),
    ...(ticketId === undefined ? {} : { ticketId }),
    ...(context === undefined ? {} : { context }),
  };
  return withRemediation(message, remediation);
}

/** Options of {@link genericMessage}. */
export interface GenericOptions {
  /** One sentence saying why the team gets this message. */
  readonly summary?: string;
}

/**
 * A plain notice about a finding, for events no other kind covers.
 *
 * @example
 * ```ts
 * const message = genericMessage(pad, { summary: 'This finding was reassigned to your account.' });
 * ```
 */
export function genericMessage(pad: Scratchpad, options: GenericOptions = {}): GenericMessage {
  const common = commonParts(pad);
  const summary = optionalText(options.summary);
  return {
    kind: 'generic',
    ...common,
    facts: [
      ...leadingFacts(common),
      ...fact('Detected by', productNameOf(pad.finding)),
      ...ticketAndFindingFacts(common, undefined),
    ],
    ...(summary === undefined ? {} : { summary }),
  };
}
