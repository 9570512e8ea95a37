/**
 * A message rendered for every channel at once. Renderers (`src/render`) produce it from a typed
 * message; channels (`src/channels`) send the part they need. Everything from a finding is escaped
 * (HTML) or carried as data (JSON payloads), never spliced into markup.
 */
export interface RenderedMessage {
  /** One line, plain text, at most 255 characters. */
  readonly subject: string;
  /** Plain-text body (email text part, ServiceNow description). */
  readonly text: string;
  /** A complete HTML email document with inline styles. */
  readonly html: string;
  /** Jira Cloud REST API v3 issue fields. */
  readonly jira: { readonly summary: string; readonly description: AdfDocument };
  /** ServiceNow table API fields. */
  readonly serviceNow: { readonly shortDescription: string; readonly description: string };
  /** Slack incoming-webhook payload (Block Kit). */
  readonly slack: SlackMessage;
  /** Microsoft Teams Workflows webhook payload carrying an Adaptive Card. */
  readonly teams: TeamsMessage;
}

/** Atlassian Document Format (the rich-text format of Jira Cloud REST API v3). */
export interface AdfDocument {
  readonly version: 1;
  readonly type: 'doc';
  readonly content: readonly AdfNode[];
}

/** One ADF node: block (`paragraph`, `heading`, `bulletList`, `table`...) or inline (`text`). */
export interface AdfNode {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly content?: readonly AdfNode[];
  readonly text?: string;
  readonly marks?: readonly { readonly type: string; readonly attrs?: Readonly<Record<string, unknown>> }[];
}

/** A JSON value, for webhook payloads. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** Slack incoming-webhook body: fallback `text` plus Block Kit `blocks`. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly { readonly [key: string]: Json }[];
}

/**
 * Body a Teams "Workflows" webhook (the successor of the retired Office 365 connectors) accepts:
 * a message with one Adaptive Card attachment.
 */
export interface TeamsMessage {
  readonly type: 'message';
  readonly attachments: readonly [
    {
      readonly contentType: 'application/vnd.microsoft.card.adaptive';
      readonly contentUrl: null;
      readonly content: { readonly [key: string]: Json };
    },
  ];
}
