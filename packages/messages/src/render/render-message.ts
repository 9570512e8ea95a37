import { redact } from '@soar/redaction';
import { parseOrThrow } from '../errors';
import { isRecord } from '@soar/common';
import { MAX_CONTEXT_TEXT, MAX_CONTEXT_TITLE, type Message, messageSchemaOf } from '../model/message';
import type { RenderedMessage } from '../rendered';
import { renderHtml } from './html';
import { renderJiraDescription } from './jira';
import { type RenderOptions, resolveRenderOptions } from './options';
import { renderPlainText } from './plain-text';
import { renderSlack } from './slack';
import { MAX_SUBJECT_LENGTH } from './subject';
import { renderTeams } from './teams';
import { oneLine, truncate } from './text';
import { viewOf } from './view';

/** Longest ServiceNow short description we produce. */
export const MAX_SERVICENOW_SHORT_DESCRIPTION = 160;

/**
 * An incident's context cut back to its limits: redaction may lengthen a text (`token=x` becomes
 * `token=[redacted]`), and a context at its limit must not make the redacted message invalid.
 */
function withContextFitted(message: unknown): unknown {
  if (!isRecord(message) || !isRecord(message['context'])) return message;
  const { title, text } = message['context'];
  if (typeof title !== 'string' || typeof text !== 'string') return message;
  const context = { title: truncate(title, MAX_CONTEXT_TITLE), text: truncate(text, MAX_CONTEXT_TEXT) };
  return { ...message, context };
}

/**
 * Renders a message for every channel at once: email subject, text and HTML, Jira issue fields,
 * ServiceNow fields, a Slack Block Kit payload and a Teams Adaptive Card.
 *
 * The message is validated first (it may come from a serialised workflow state), then every value
 * that looks like a secret is replaced with `[redacted]` (`@soar/redaction`: environment variable
 * values in resource details, values under secret-looking keys, private keys and tokens in text),
 * and every channel says how many were. Everything from the
 * finding is escaped per channel (HTML entities, Slack entities, Adaptive Card markdown escapes or
 * literal `TextRun`s) or carried as data (Jira ADF text nodes); the only raw HTML is the AI analysis
 * after an allow-list sanitiser. Links are https only, and from a finding only on trusted hosts.
 *
 * @throws {MessageValidationError} when the message or the options are invalid
 *
 * @example
 * ```ts
 * const message = teamFixMessage(pad, { ticketId: 'PAY-123' });
 * const rendered = renderMessage(message, {
 *   productName: 'OpenSecOps SOAR',
 *   consoleBaseUrl: 'https://console.aws.amazon.com',
 * });
 * rendered.subject; // '[HIGH] Action needed: VPC default security groups should not allow inbound or outbound traffic'
 * await ses.send(new SendEmailCommand({ Content: { Simple: { Subject: { Data: rendered.subject },
 *   Body: { Html: { Data: rendered.html }, Text: { Data: rendered.text } } } }, ... }));
 * ```
 */
export function renderMessage(message: Message, options: RenderOptions): RenderedMessage {
  const resolved = resolveRenderOptions(options);
  const context = {
    ...(typeof message.findingId === 'string' ? { findingId: message.findingId } : {}),
    ...(typeof message.account?.id === 'string' ? { accountId: message.account.id } : {}),
  };
  const valid = parseOrThrow(messageSchemaOf(message), message, 'Invalid message', context);
  const { value, redacted } = redact(valid);
  const redactedMessage = withContextFitted(value);
  // Redaction keeps the message's shape (only strings and numbers under secret-looking keys change,
  // and no field of the message model has such a key); validating again proves it.
  const safe = parseOrThrow(
    messageSchemaOf(redactedMessage),
    redactedMessage,
    'Invalid message after redaction',
    context,
  );
  const view = viewOf(safe, resolved, redacted);
  const text = renderPlainText(view);
  return {
    subject: oneLine(view.subject, MAX_SUBJECT_LENGTH),
    text,
    html: renderHtml(view),
    jira: { summary: oneLine(view.subject, MAX_SUBJECT_LENGTH), description: renderJiraDescription(view) },
    serviceNow: {
      shortDescription: oneLine(view.subject, MAX_SERVICENOW_SHORT_DESCRIPTION),
      description: text,
    },
    slack: renderSlack(view),
    teams: renderTeams(view),
  };
}
