import type { MessageView } from './view';
import type { ViewParagraph, ViewSection } from './wording';

function heading(title: string): string[] {
  return [title, '-'.repeat(title.length)];
}

function paragraphBlock(list: readonly ViewParagraph[]): string[] {
  return list.flatMap((paragraph) => [...paragraph.lines, '']);
}

function sectionBlock(section: ViewSection): string[] {
  const items = section.items.map((item) => `- ${item}`);
  return [
    ...heading(section.heading),
    ...paragraphBlock(section.paragraphs),
    ...(items.length > 0 ? [...items, ''] : []),
    ...paragraphBlock(section.after),
  ];
}

function factLines(view: MessageView): string[] {
  if (view.facts.length === 0) return [];
  const width = Math.max(...view.facts.map((fact) => fact.label.length)) + 1;
  return [
    ...heading('Details'),
    ...view.facts.map((fact) => `${`${fact.label}:`.padEnd(width)} ${fact.value}`),
    '',
  ];
}

function resourceLines(view: MessageView): string[] {
  if (view.resources.length === 0) return [];
  const more = view.moreResources > 0 ? [`- and ${view.moreResources} more (see the appendix)`] : [];
  return [
    ...heading('Affected resources'),
    ...view.resources.map((r) => `- ${r.type}: ${r.id}`),
    ...more,
    '',
  ];
}

function linkLines(view: MessageView): string[] {
  if (view.links.length === 0) return [];
  return [...heading('Links'), ...view.links.map((link) => `- ${link.label}: ${link.url}`), ''];
}

function aiLines(view: MessageView): string[] {
  if (view.ai === null || view.ai.paragraphs.length === 0) return [];
  return [
    ...heading('AI analysis'),
    '(Written by an AI model from the finding. Check it before you act on it.)',
    '',
    ...paragraphBlock(view.ai.paragraphs),
  ];
}

function contextLines(view: MessageView): string[] {
  return view.context === null ? [] : [...heading(view.context.title), ...view.context.lines, ''];
}

function appendixLines(view: MessageView): string[] {
  if (view.appendix.length === 0) return [];
  const tables = view.appendix.flatMap((table) => [
    `${table.title}:`,
    ...table.rows.map((row) => `  ${row.key}: ${row.value.replace(/\n/g, '\n    ')}`),
    ...(table.omitted > 0 ? [`  (${table.omitted} more rows not shown)`] : []),
    '',
  ]);
  return ['', '='.repeat(20), 'Technical details', '='.repeat(20), '', ...tables];
}

/**
 * Renders a message view as readable plain text: the email text part and the ServiceNow ticket
 * description. No markup, so nothing to escape; line breaks inside values were normalised earlier.
 *
 * @example
 * ```ts
 * const text = renderPlainText(viewOf(message, options));
 * ```
 */
export function renderPlainText(view: MessageView): string {
  const lines = [
    `${view.severity.label} | ${view.badge}`,
    view.headline,
    '',
    view.intro,
    '',
    ...view.sections.flatMap(sectionBlock),
    ...resourceLines(view),
    ...factLines(view),
    ...contextLines(view),
    ...linkLines(view),
    ...aiLines(view),
    ...(view.redactionNote === '' ? [] : [view.redactionNote, '']),
    view.footer,
    ...appendixLines(view),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
