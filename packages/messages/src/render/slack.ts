import { isHttpsUrl } from '../model/message';
import type { Json, SlackMessage } from '../rendered';
import type { MessageView } from './view';
import type { ViewSection } from './wording';

type Block = { readonly [key: string]: Json };

/** Slack Block Kit limits we must respect. */
export const SLACK_LIMITS = {
  header: 150,
  sectionText: 3_000,
  field: 2_000,
  fields: 10,
  buttonText: 75,
  buttonUrl: 3_000,
  contextText: 2_000,
  fallbackText: 3_000,
} as const;

/**
 * Escapes text for Slack: `&`, `<` and `>` become entities, so `<!channel>`, `<@U123>` and
 * `<https://evil|click>` show as typed instead of pinging people or forming links. Slack decodes
 * these three entities in every text field.
 *
 * @example
 * ```ts
 * slackEscape('<!channel> & <@U123>'); // '&lt;!channel&gt; &amp; &lt;@U123&gt;'
 * ```
 */
export function slackEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes, then fits in `max` characters (counted after escaping, never cutting an entity or a surrogate pair). */
function fit(value: string, max: number): string {
  const escaped = slackEscape(value);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const char of value) {
    const piece = slackEscape(char);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out.trimEnd()}…`;
}

function plainText(value: string, max: number): Block {
  return { type: 'plain_text', text: fit(value, max), emoji: false };
}

/** `*heading*` plus already-escaped body, as mrkdwn with `verbatim` (no auto-linking of mentions or URLs). */
function mrkdwn(heading: string, body: string, max: number): Block {
  const title = `*${slackEscape(heading)}*\n`;
  return { type: 'mrkdwn', text: `${title}${fit(body, max - title.length)}`, verbatim: true };
}

function sectionBlock(section: ViewSection): Block {
  const body = [
    ...section.paragraphs.map((p) => p.lines.join('\n')),
    section.items.map((item) => `• ${item}`).join('\n'),
    ...section.after.map((p) => p.lines.join('\n')),
  ].filter((part) => part !== '');
  return { type: 'section', text: mrkdwn(section.heading, body.join('\n\n'), SLACK_LIMITS.sectionText) };
}

function resourcesBlock(view: MessageView): Block[] {
  if (view.resources.length === 0) return [];
  const lines = view.resources.map((resource) => `• ${resource.type}: ${resource.id}`);
  if (view.moreResources > 0) lines.push(`• and ${view.moreResources} more`);
  return [
    { type: 'section', text: mrkdwn('Affected resources', lines.join('\n'), SLACK_LIMITS.sectionText) },
  ];
}

function factsBlock(view: MessageView): Block[] {
  if (view.facts.length === 0) return [];
  const fields = view.facts
    .slice(0, SLACK_LIMITS.fields)
    .map((fact) => mrkdwn(fact.label, fact.value, SLACK_LIMITS.field));
  return [{ type: 'section', fields }];
}

function aiBlock(view: MessageView): Block[] {
  if (view.ai === null || view.ai.paragraphs.length === 0) return [];
  const body = [
    'Written by an AI model from the finding. Check it before you act on it.',
    ...view.ai.paragraphs.map((p) => p.lines.join('\n')),
  ].join('\n\n');
  return [{ type: 'section', text: mrkdwn('AI analysis', body, SLACK_LIMITS.sectionText) }];
}

/** The first lines of an incident's context; the email and the ticket have all of it. */
function incidentContextBlock(view: MessageView): Block[] {
  if (view.context === null) return [];
  const more = view.context.shortened ? ['', '(Shortened. The email and the ticket have all of it.)'] : [];
  const body = [...view.context.preview, ...more].join('\n');
  return [{ type: 'section', text: mrkdwn(view.context.title, body, SLACK_LIMITS.sectionText) }];
}

function linksBlock(view: MessageView): Block[] {
  const buttons = view.links
    .filter((link) => isHttpsUrl(link.url) && link.url.length <= SLACK_LIMITS.buttonUrl)
    .map((link, index): Block => ({
      type: 'button',
      action_id: `open-link-${index}`,
      text: plainText(link.label, SLACK_LIMITS.buttonText),
      url: link.url,
    }));
  return buttons.length === 0 ? [] : [{ type: 'actions', elements: buttons }];
}

function contextBlock(view: MessageView): Block {
  const finding = view.findingId === '' ? '' : ` · Finding ${view.findingId}`;
  return {
    type: 'context',
    elements: [
      ...(view.redactionNote === ''
        ? []
        : [{ type: 'mrkdwn', text: fit(view.redactionNote, SLACK_LIMITS.contextText), verbatim: true }]),
      { type: 'mrkdwn', text: fit(`${view.footer}${finding}`, SLACK_LIMITS.contextText), verbatim: true },
    ],
  };
}

/**
 * Renders a message view as a Slack incoming-webhook payload (Block Kit): a header, the intro, one
 * section per part of the story, resources, up to 10 facts as fields, the AI analysis, link buttons
 * and a context line. Every text from a finding is escaped with {@link slackEscape}; mrkdwn objects
 * set `verbatim` so Slack does not turn names into mentions or links; limits are respected.
 *
 * @example
 * ```ts
 * await fetch(webhookUrl, { method: 'POST', body: JSON.stringify(renderSlack(view)) });
 * ```
 */
export function renderSlack(view: MessageView): SlackMessage {
  return {
    text: fit(view.subject, SLACK_LIMITS.fallbackText),
    blocks: [
      { type: 'header', text: plainText(view.subject, SLACK_LIMITS.header) },
      { type: 'section', text: plainText(view.intro, SLACK_LIMITS.sectionText) },
      ...view.sections.map(sectionBlock),
      ...resourcesBlock(view),
      ...factsBlock(view),
      ...incidentContextBlock(view),
      ...aiBlock(view),
      ...linksBlock(view),
      contextBlock(view),
    ],
  };
}
