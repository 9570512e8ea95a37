import type { SeverityLabel } from '@soar/asff-schema';
import { isHttpsUrl } from '../model/message';
import type { Json, TeamsMessage } from '../rendered';
import type { MessageView } from './view';
import type { ViewParagraph, ViewSection } from './wording';
import { truncate } from './text';

type Element = { readonly [key: string]: Json };

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_VERSION = '1.5';

/** Longest text run; keeps the card well under the ~28 KB Teams accepts. */
const MAX_RUN = 2_000;
const MAX_AI_RUNS = 4;

const CONTAINER_STYLE: Readonly<Record<SeverityLabel, string>> = {
  CRITICAL: 'attention',
  HIGH: 'attention',
  MEDIUM: 'warning',
  LOW: 'emphasis',
  INFORMATIONAL: 'emphasis',
};

/**
 * Neutralises Adaptive Card markdown in a single-line value: backslash-escapes the characters that
 * start emphasis, code, links, headings, quotes, tables or date functions (`\ * _ ~ \` [ ] ( ) # > <
 * ! | { }`), and a leading list marker (`-`, `+`, `1.`). Used for `FactSet` titles and values, the
 * only places finding text meets markdown.
 *
 * @example
 * ```ts
 * escapeCardMarkdown('[click](https://evil.example) **now**'); // '\\[click\\]\\(https://evil.example\\) \\*\\*now\\*\\*'
 * ```
 */
export function escapeCardMarkdown(value: string): string {
  return value.replace(/[\\`*_~[\]()#><!|{}]/g, '\\$&').replace(/^(\s*)([-+]|\d+\.)(?=\s)/, '$1\\$2');
}

/** Literal text (TextRun is never parsed as markdown). */
function run(text: string, style: Readonly<Record<string, Json>> = {}): Element {
  return { type: 'TextRun', text: truncate(text, MAX_RUN), ...style };
}

function richText(inlines: readonly Element[], extra: Readonly<Record<string, Json>> = {}): Element {
  return { type: 'RichTextBlock', inlines: [...inlines], ...extra };
}

/** Our own wording (headings, labels): no finding data, so markdown needs no escaping. */
function ownTextBlock(text: string, extra: Readonly<Record<string, Json>> = {}): Element {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function paragraphBlock(paragraph: ViewParagraph): Element {
  return richText([run(paragraph.lines.join('\n'))]);
}

function sectionElements(section: ViewSection): Element[] {
  return [
    ownTextBlock(section.heading, { weight: 'Bolder', spacing: 'Medium' }),
    ...section.paragraphs.map(paragraphBlock),
    ...section.items.map((item) => richText([run(`• ${item}`)], { spacing: 'Small' })),
    ...section.after.map(paragraphBlock),
  ];
}

function resourceElements(view: MessageView): Element[] {
  if (view.resources.length === 0) return [];
  const more =
    view.moreResources > 0 ? [richText([run(`and ${view.moreResources} more`, { isSubtle: true })])] : [];
  return [
    ownTextBlock('Affected resources', { weight: 'Bolder', spacing: 'Medium' }),
    ...view.resources.map((resource) =>
      richText([run(`${resource.type}: `, { isSubtle: true }), run(resource.id, { fontType: 'Monospace' })], {
        spacing: 'Small',
      }),
    ),
    ...more,
  ];
}

function factSet(view: MessageView): Element[] {
  if (view.facts.length === 0) return [];
  const facts = view.facts.map((fact) => ({
    title: escapeCardMarkdown(fact.label),
    value: escapeCardMarkdown(truncate(fact.value, MAX_RUN)),
  }));
  return [ownTextBlock('Details', { weight: 'Bolder', spacing: 'Medium' }), { type: 'FactSet', facts }];
}

function aiElements(view: MessageView): Element[] {
  if (view.ai === null || view.ai.paragraphs.length === 0) return [];
  const shown = view.ai.paragraphs.slice(0, MAX_AI_RUNS);
  const cut =
    view.ai.paragraphs.length > shown.length
      ? [richText([run('(Shortened. The email has the full analysis.)', { isSubtle: true, italic: true })])]
      : [];
  return [
    ownTextBlock('AI analysis', { weight: 'Bolder', spacing: 'Medium' }),
    ownTextBlock('Written by an AI model from the finding. Check it before you act on it.', {
      isSubtle: true,
      size: 'Small',
      spacing: 'None',
    }),
    ...shown.map(paragraphBlock),
    ...cut,
  ];
}

/** The first lines of an incident's context, literal and monospace; the email and the ticket have all of it. */
function contextElements(view: MessageView): Element[] {
  if (view.context === null) return [];
  const cut = view.context.shortened
    ? [
        richText([
          run('(Shortened. The email and the ticket have all of it.)', { isSubtle: true, italic: true }),
        ]),
      ]
    : [];
  return [
    richText([run(view.context.title, { weight: 'Bolder' })], { spacing: 'Medium' }),
    richText([run(view.context.preview.join('\n'), { fontType: 'Monospace' })]),
    ...cut,
  ];
}

function actions(view: MessageView): Element[] {
  return view.links
    .filter((link) => isHttpsUrl(link.url))
    .map((link) => ({ type: 'Action.OpenUrl', title: link.label, url: link.url }));
}

/**
 * Renders a message view as a Teams Workflows webhook message carrying one Adaptive Card (1.5).
 *
 * Markdown policy: Adaptive Card `TextBlock` and `FactSet` text is markdown, `RichTextBlock`
 * `TextRun` text is not. So finding text (title, intro, description, resources, AI analysis) goes
 * into `TextRun`s, shown literally; `TextBlock`s hold only our own headings; `FactSet` titles and
 * values are escaped with {@link escapeCardMarkdown}. `Action.OpenUrl` is only used for the https
 * links the view built.
 *
 * @example
 * ```ts
 * await fetch(workflowUrl, { method: 'POST', body: JSON.stringify(renderTeams(view)) });
 * ```
 */
export function renderTeams(view: MessageView): TeamsMessage {
  const card: Element = {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    msteams: { width: 'Full' },
    body: [
      {
        type: 'Container',
        style: CONTAINER_STYLE[view.severity.label],
        bleed: true,
        items: [
          ownTextBlock(`${view.severity.label} · ${view.badge}`, { weight: 'Bolder', size: 'Small' }),
          richText([run(view.headline, { weight: 'Bolder', size: 'Large' })]),
        ],
      },
      richText([run(view.intro)], { spacing: 'Medium' }),
      ...view.sections.flatMap(sectionElements),
      ...resourceElements(view),
      ...factSet(view),
      ...contextElements(view),
      ...aiElements(view),
      ...(view.redactionNote === ''
        ? []
        : [richText([run(view.redactionNote, { isSubtle: true, size: 'Small' })], { spacing: 'Large' })]),
      richText([run(view.footer, { isSubtle: true, size: 'Small' })], { spacing: 'Large' }),
    ],
    actions: actions(view),
  };
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}
