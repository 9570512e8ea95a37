import { SeverityLabelSchema } from '@soar/asff-schema';
import { isRecord } from '@soar/common';
import * as z from 'zod';

/**
 * True for an absolute `https:` URL without credentials, the only kind of link a message may carry.
 *
 * @example
 * ```ts
 * isHttpsUrl('https://docs.aws.amazon.com/securityhub/'); // true
 * isHttpsUrl('javascript:alert(1)');                      // false
 * ```
 */
export function isHttpsUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
}

/** An absolute `https:` URL (no `javascript:`, `data:`, `http:`, relative or credential-bearing URLs). */
export const HttpsUrlSchema = z.lazy(() =>
  z.string().refine(isHttpsUrl, { message: 'must be an absolute https URL' }),
);

/** The AWS account a message is about, as people know it. */
export const AccountRefSchema = z.lazy(() =>
  z.object({
    /** 12-digit AWS account id. */
    id: z.string(),
    name: z.string().optional(),
    organizationalUnit: z.string().optional(),
    environment: z.string().optional(),
    team: z.string().optional(),
  }),
);
export type AccountRef = z.infer<typeof AccountRefSchema>;

/** One affected resource: its ASFF type and id (usually an ARN). */
export const ResourceRefSchema = z.lazy(() =>
  z.object({
    type: z.string(),
    id: z.string(),
    region: z.string().optional(),
  }),
);
export type ResourceRef = z.infer<typeof ResourceRefSchema>;

/** One key fact, shown as a label/value row. `code` marks identifiers (shown in monospace, wrapped anywhere). */
export const FactSchema = z.lazy(() =>
  z.object({
    label: z.string(),
    value: z.string(),
    code: z.boolean().optional(),
  }),
);
export type Fact = z.infer<typeof FactSchema>;

/** AI-written analysis. Untrusted: renderers escape `plaintext` and sanitise `html` with an allow-list. */
export const AiAnalysisSchema = z.lazy(() =>
  z.object({
    plaintext: z.string(),
    html: z.string(),
  }),
);
export type AiAnalysis = z.infer<typeof AiAnalysisSchema>;

/** Raw data for the technical appendix, kept as data (renderers lay it out as escaped key/value rows). */
export const AppendixSchema = z.lazy(() =>
  z.object({
    /** The finding's `Resources`, as JSON. */
    resources: z.array(z.json()),
    /** The finding's `ProductFields`. */
    productFields: z.record(z.string(), z.string()),
    /** The account metadata SOAR holds, as JSON; empty when the account lookup has not run. */
    account: z.record(z.string(), z.json()),
  }),
);
export type Appendix = z.infer<typeof AppendixSchema>;

/** The provider's fix advice: `Remediation.Recommendation`, with the URL kept only when it is https. */
export const RemediationSchema = z.lazy(() =>
  z.object({
    text: z.string().optional(),
    url: HttpsUrlSchema.optional(),
  }),
);
export type RemediationAdvice = z.infer<typeof RemediationSchema>;

/** Parts every message has (a function, so that each message kind's schema is built on its first use). */
const commonShape = () => ({
  severity: SeverityLabelSchema,
  title: z.string(),
  /** Free text; empty when there is nothing to say. */
  description: z.string(),
  account: AccountRefSchema,
  region: z.string().optional(),
  /** The finding's `Id` (an ARN for AWS products). */
  findingId: z.string().optional(),
  /** The Security Hub control id, for control findings. */
  controlId: z.string().optional(),
  /** Up to {@link MAX_RESOURCES} affected resources. */
  resources: z.array(ResourceRefSchema),
  /** How many resources the finding names in total (may exceed `resources.length`). */
  resourceCount: z.number().int().nonnegative(),
  facts: z.array(FactSchema),
  ai: AiAnalysisSchema.optional(),
  appendix: AppendixSchema.optional(),
});

/** The parts every message has. */
export const MessageCommonSchema = z.lazy(() => z.object(commonShape()));
export type MessageCommon = z.infer<typeof MessageCommonSchema>;

/** How many resources a message lists; the rest are counted. */
export const MAX_RESOURCES = 10;

/** A failed control the owning team must fix. */
export const TeamFixMessageSchema = z.lazy(() =>
  z.object({
    kind: z.literal('team_fix'),
    ...commonShape(),
    ticketId: z.string().optional(),
    /** What SOAR already did; empty when nothing. */
    actionsTaken: z.array(z.string()),
    /** What the team has to do. */
    actionsRequired: z.array(z.string()),
    remediation: RemediationSchema.optional(),
    firstObservedAt: z.string().optional(),
    lastObservedAt: z.string().optional(),
  }),
);
export type TeamFixMessage = z.infer<typeof TeamFixMessageSchema>;

/** SOAR fixed a failed control itself. */
export const AutoFixedMessageSchema = z.lazy(() =>
  z.object({
    kind: z.literal('auto_fixed'),
    ...commonShape(),
    ticketId: z.string().optional(),
    actionsTaken: z.array(z.string()),
    /** What the team should still do, typically in their infrastructure code. */
    actionsRequired: z.array(z.string()),
    remediation: RemediationSchema.optional(),
    /**
     * The fix was planned, not applied (a simulation): the subject and the wording say SOAR
     * would fix it, never that it did.
     */
    planned: z.boolean().optional(),
  }),
);
export type AutoFixedMessage = z.infer<typeof AutoFixedMessageSchema>;

/** Why a ticket was closed: the first `Compliance.StatusReasons` entry, or nothing known. */
export const CloseReasonSchema = z.lazy(() =>
  z.object({
    description: z.string().optional(),
    code: z.string().optional(),
  }),
);
export type CloseReason = z.infer<typeof CloseReasonSchema>;

/** The issue behind a ticket went away and SOAR closed the ticket. */
export const TicketClosedMessageSchema = z.lazy(() =>
  z.object({
    kind: z.literal('ticket_closed'),
    ...commonShape(),
    ticketId: z.string(),
    reason: CloseReasonSchema,
    workflowStatus: z.string().optional(),
    complianceStatus: z.string().optional(),
  }),
);
export type TicketClosedMessage = z.infer<typeof TicketClosedMessageSchema>;

/** A team ticket is past its deadline. Built from a ticket record, not a finding. */
export const OverdueReminderMessageSchema = z.lazy(() =>
  z.object({
    kind: z.literal('overdue_reminder'),
    ...commonShape(),
    ticketId: z.string(),
    /** When the ticket was opened (ISO 8601). */
    openedAt: z.string(),
    ageSeconds: z.number().nonnegative(),
    overdueBySeconds: z.number().nonnegative(),
    /** True when the reminder also goes to the escalation contacts. */
    escalate: z.boolean(),
  }),
);
export type OverdueReminderMessage = z.infer<typeof OverdueReminderMessageSchema>;

/** What an incident asks of the team, by severity (and the provider's advice for generic incidents). */
export const RequiredActionSchema = z.lazy(() =>
  z.discriminatedUnion('level', [
    z.object({ level: z.literal('none') }),
    z.object({ level: z.literal('optional') }),
    z.object({ level: z.literal('investigate') }),
    z.object({ level: z.literal('recommendation'), text: z.string() }),
  ]),
);
export type RequiredAction = z.infer<typeof RequiredActionSchema>;

/** The incident families SOAR words differently: GuardDuty EC2, EKS, IAM user and S3 findings, and the rest. */
export const IncidentKindSchema = z.lazy(() => z.enum(['ec2', 'eks', 'iam_user', 's3', 'generic']));
export type IncidentKind = z.infer<typeof IncidentKindSchema>;

/** Longest title of an incident's context (a heading). */
export const MAX_CONTEXT_TITLE = 120;
/** Longest text of an incident's context. */
export const MAX_CONTEXT_TEXT = 8_000;

/**
 * What SOAR found out around an incident, e.g. the enriched context of an alarm: a heading and plain
 * text whose lines are kept as written (markdown-like lists and indentation stay readable). Untrusted:
 * it quotes alarm names, execution errors and log lines, so renderers escape it like finding text.
 */
export const IncidentContextSchema = z.lazy(() =>
  z.object({
    title: z.string().max(MAX_CONTEXT_TITLE),
    text: z.string().max(MAX_CONTEXT_TEXT),
  }),
);
export type IncidentContext = z.infer<typeof IncidentContextSchema>;

/** A security incident (GuardDuty, Inspector, Macie, custom products...). */
export const IncidentMessageSchema = z.lazy(() =>
  z.object({
    kind: z.literal('incident'),
    ...commonShape(),
    incidentKind: IncidentKindSchema,
    /** The product that reported it, e.g. `GuardDuty`. */
    productName: z.string(),
    /** The finding's `CreatedAt`. */
    createdAt: z.string(),
    /** The finding's first type, e.g. `TTPs/Initial Access/UnauthorizedAccess:EC2/SSHBruteForce`. */
    findingType: z.string().optional(),
    ticketId: z.string().optional(),
    actionsTaken: z.array(z.string()),
    requiredAction: RequiredActionSchema,
    remediation: RemediationSchema.optional(),
    /** The enriched context (alarm configuration, failed executions, logs, history), when known. */
    context: IncidentContextSchema.optional(),
  }),
);
export type IncidentMessage = z.infer<typeof IncidentMessageSchema>;

/** Anything else worth telling a team about a finding. */
export const GenericMessageSchema = z.lazy(() =>
  z.object({
    kind: z.literal('generic'),
    ...commonShape(),
    /** One sentence saying why the team gets this message. */
    summary: z.string().optional(),
  }),
);
export type GenericMessage = z.infer<typeof GenericMessageSchema>;

/**
 * Every message SOAR sends, one typed variant per event, discriminated on `kind`. Built by the pure
 * builders in this folder and rendered for every channel by `renderMessage`.
 */
export const MessageSchema = z.lazy(() =>
  z.discriminatedUnion('kind', [
    TeamFixMessageSchema,
    AutoFixedMessageSchema,
    TicketClosedMessageSchema,
    OverdueReminderMessageSchema,
    IncidentMessageSchema,
    GenericMessageSchema,
  ]),
);
export type Message = z.infer<typeof MessageSchema>;
export type MessageKind = Message['kind'];

const SCHEMA_OF_KIND: Readonly<Record<MessageKind, z.ZodType<Message>>> = {
  team_fix: TeamFixMessageSchema,
  auto_fixed: AutoFixedMessageSchema,
  ticket_closed: TicketClosedMessageSchema,
  overdue_reminder: OverdueReminderMessageSchema,
  incident: IncidentMessageSchema,
  generic: GenericMessageSchema,
};

/**
 * The schema to check a message with: its kind's own, so that a function that sends one kind of
 * message builds only that kind's schema; {@link MessageSchema} when the kind is missing or unknown,
 * whose error then lists the kinds.
 *
 * @example
 * ```ts
 * messageSchemaOf({ kind: 'team_fix' }) === TeamFixMessageSchema; // true
 * ```
 */
export function messageSchemaOf(message: unknown): z.ZodType<Message> {
  const kind = isRecord(message) ? message['kind'] : undefined;
  return typeof kind === 'string' && Object.hasOwn(SCHEMA_OF_KIND, kind)
    ? SCHEMA_OF_KIND[kind as MessageKind]
    : MessageSchema;
}
