import { isHttpsUrl } from '../model/message';
import type { AdfDocument, AdfNode } from '../rendered';
import type { AppendixTable } from './appendix';
import type { ViewLink } from './links';
import type { MessageView } from './view';
import type { ViewParagraph, ViewSection } from './wording';

type Mark = NonNullable<AdfNode['marks']>[number];

/** A text node; none for empty text (ADF rejects empty text nodes). */
function text(value: string, marks: readonly Mark[] = []): AdfNode[] {
  if (value === '') return [];
  return [marks.length === 0 ? { type: 'text', text: value } : { type: 'text', text: value, marks }];
}

/** A link: a text node with a `link` mark, only for https URLs (otherwise plain text). */
function link(item: ViewLink): AdfNode[] {
  if (!isHttpsUrl(item.url)) return text(item.label);
  return text(item.label, [{ type: 'link', attrs: { href: item.url } }]);
}

function paragraph(content: readonly AdfNode[]): AdfNode {
  return { type: 'paragraph', content };
}

function lines(value: ViewParagraph): AdfNode {
  const content = value.lines.flatMap((line, index) => [
    ...(index === 0 ? [] : [{ type: 'hardBreak' }]),
    ...text(line),
  ]);
  return paragraph(content);
}

function heading(level: number, value: string): AdfNode {
  return { type: 'heading', attrs: { level }, content: text(value) };
}

function bulletList(items: readonly (readonly AdfNode[])[]): AdfNode[] {
  if (items.length === 0) return [];
  return [
    {
      type: 'bulletList',
      content: items.map((content) => ({ type: 'listItem', content: [paragraph(content)] })),
    },
  ];
}

function cell(type: 'tableHeader' | 'tableCell', content: readonly AdfNode[]): AdfNode {
  return { type, attrs: {}, content: [paragraph(content.length === 0 ? text('-') : content)] };
}

function table(rows: readonly (readonly [readonly AdfNode[], readonly AdfNode[]])[]): AdfNode[] {
  if (rows.length === 0) return [];
  return [
    {
      type: 'table',
      attrs: { isNumberColumnEnabled: false, layout: 'default' },
      content: rows.map(([label, value]) => ({
        type: 'tableRow',
        content: [cell('tableHeader', label), cell('tableCell', value)],
      })),
    },
  ];
}

function section(value: ViewSection): AdfNode[] {
  return [
    heading(3, value.heading),
    ...value.paragraphs.map(lines),
    ...bulletList(value.items.map((item) => text(item))),
    ...value.after.map(lines),
  ];
}

function resources(view: MessageView): AdfNode[] {
  if (view.resources.length === 0) return [];
  const more =
    view.moreResources > 0 ? [text(`and ${view.moreResources} more (see the technical details)`)] : [];
  const items = view.resources.map((resource) => [
    ...text(`${resource.type}: `),
    ...text(resource.id, [{ type: 'code' }]),
  ]);
  return [heading(3, 'Affected resources'), ...bulletList([...items, ...more])];
}

function facts(view: MessageView): AdfNode[] {
  if (view.facts.length === 0) return [];
  const rows = view.facts.map(
    (fact) => [text(fact.label), text(fact.value, fact.code ? [{ type: 'code' }] : [])] as const,
  );
  return [heading(3, 'Details'), ...table(rows)];
}

function links(view: MessageView): AdfNode[] {
  if (view.links.length === 0) return [];
  return [heading(3, 'Links'), ...bulletList(view.links.map(link))];
}

function ai(view: MessageView): AdfNode[] {
  if (view.ai === null || view.ai.paragraphs.length === 0) return [];
  return [
    heading(3, 'AI analysis'),
    paragraph(
      text('Written by an AI model from the finding. Check it before you act on it.', [{ type: 'em' }]),
    ),
    ...view.ai.paragraphs.map(lines),
  ];
}

/** An incident's context as a code block: its lines kept, shown literally. */
function context(view: MessageView): AdfNode[] {
  if (view.context === null) return [];
  const code = view.context.lines.join('\n');
  return [heading(3, view.context.title), { type: 'codeBlock', attrs: {}, content: text(code) }];
}

function appendixTable(value: AppendixTable): AdfNode[] {
  const rows = value.rows.map((row) => [text(row.key, [{ type: 'code' }]), text(row.value)] as const);
  const omitted = value.omitted > 0 ? [paragraph(text(`${value.omitted} more rows not shown.`))] : [];
  return [heading(4, value.title), ...table(rows), ...omitted];
}

function appendix(view: MessageView): AdfNode[] {
  if (view.appendix.length === 0) return [];
  return [{ type: 'rule' }, heading(3, 'Technical details'), ...view.appendix.flatMap(appendixTable)];
}

/**
 * Renders a message view as an Atlassian Document Format document, built as data: finding content
 * only ever lands in `text` nodes (never parsed as markup), and `link` marks are only added for the
 * https links the view built.
 *
 * @example
 * ```ts
 * const description = renderJiraDescription(viewOf(message, options));
 * await jira.createIssue({ fields: { summary: view.subject, description } });
 * ```
 */
export function renderJiraDescription(view: MessageView): AdfDocument {
  return {
    version: 1,
    type: 'doc',
    content: [
      paragraph([...text(`${view.severity.label} · ${view.badge}`, [{ type: 'strong' }])]),
      paragraph(text(view.intro)),
      ...view.sections.flatMap(section),
      ...links(view),
      ...resources(view),
      ...facts(view),
      ...context(view),
      ...ai(view),
      ...(view.redactionNote === '' ? [] : [paragraph(text(view.redactionNote))]),
      paragraph(text(view.footer, [{ type: 'em' }])),
      ...appendix(view),
    ],
  };
}
