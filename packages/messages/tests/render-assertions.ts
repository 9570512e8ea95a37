// Structural checks of rendered messages, shared by the XSS, contract and property tests.
import type { AdfDocument, AdfNode, Json, RenderedMessage } from '../src/rendered';

/** Hosts the fixtures' links may point to (AWS docs and the console given in RENDER_OPTIONS). */
export const TRUSTED_HOSTS = ['docs.aws.amazon.com', 'console.aws.amazon.com'];

/** Tags the email template and the AI allow-list produce; anything else was injected. */
const HTML_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'div',
  'table',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'p',
  'ul',
  'li',
  'a',
  'br',
  'span',
  'code',
  // AI allow-list
  'strong',
  'em',
  'b',
  'i',
  'ol',
  'h3',
  'h4',
  'pre',
  'thead',
  'tbody',
]);
const HTML_ATTRIBUTES = new Set([
  'lang',
  'charset',
  'name',
  'content',
  'role',
  'class',
  'cellpadding',
  'cellspacing',
  'border',
  'width',
  'align',
  'valign',
  'bgcolor',
  'style',
  'href',
  'target',
  'rel',
  'scope',
]);

export interface HtmlTag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
}

/** Every start tag of an HTML document, with its attributes (a small tokenizer, enough for our output). */
export function htmlTags(html: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(
      /([^\s=/"'>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g,
    )) {
      const raw = attribute[2] ?? '';
      attributes.set((attribute[1] ?? '').toLowerCase(), raw.replace(/^["']|["']$/g, ''));
    }
    tags.push({ name: (match[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

/** Problems found in an HTML email: unexpected tags or attributes, event handlers, unsafe links. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('contains <script');
  if (/<(img|iframe|object|embed|svg|form|input)\b/i.test(html)) problems.push('contains an active tag');
  if (/href\s*=\s*["']?\s*javascript:/i.test(html)) problems.push('contains href="javascript:');
  for (const tag of htmlTags(html)) {
    if (!HTML_TAGS.has(tag.name)) problems.push(`unexpected tag <${tag.name}>`);
    for (const [name, value] of tag.attributes) {
      if (name.startsWith('on')) problems.push(`event handler ${name} on <${tag.name}>`);
      if (!HTML_ATTRIBUTES.has(name)) problems.push(`unexpected attribute ${name} on <${tag.name}>`);
      if (name === 'href' && !isSafeHref(value)) problems.push(`unsafe href ${value}`);
    }
    if (
      tag.name === 'a' &&
      tag.attributes.has('href') &&
      tag.attributes.get('rel') !== 'noopener noreferrer'
    ) {
      problems.push('link without rel="noopener noreferrer"');
    }
  }
  return problems;
}

function isSafeHref(value: string): boolean {
  if (/^mailto:/i.test(value)) return true;
  const url = value.replace(/&amp;/g, '&');
  return (
    URL.canParse(url) && new URL(url).protocol === 'https:' && TRUSTED_HOSTS.includes(new URL(url).hostname)
  );
}

/** Every string under a `text` key, at any depth (Slack text objects and fallback text). */
export function slackTexts(payload: RenderedMessage['slack']): string[] {
  const texts: string[] = [payload.text];
  const walk = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, entry] of Object.entries(value)) {
        if (key === 'text' && typeof entry === 'string') texts.push(entry);
        else walk(entry);
      }
    }
  };
  payload.blocks.forEach(walk);
  return texts;
}

/** Every object of a JSON tree. */
export function jsonObjects(value: Json): { readonly [key: string]: Json }[] {
  if (Array.isArray(value)) return value.flatMap(jsonObjects);
  if (value !== null && typeof value === 'object') {
    const object = value as { readonly [key: string]: Json };
    return [object, ...Object.values(object).flatMap(jsonObjects)];
  }
  return [];
}

/** The texts Teams parses as markdown: TextBlock text and FactSet titles and values. */
export function teamsMarkdownTexts(teams: RenderedMessage['teams']): string[] {
  return jsonObjects(teams.attachments[0].content).flatMap((object) => {
    if (object['type'] === 'TextBlock' && typeof object['text'] === 'string') return [object['text']];
    if (object['type'] === 'FactSet' && Array.isArray(object['facts'])) {
      return jsonObjects(object['facts']).flatMap((fact) =>
        [fact['title'], fact['value']].filter((text): text is string => typeof text === 'string'),
      );
    }
    return [];
  });
}

/** The texts Teams shows literally: TextRun text. */
export function teamsLiteralTexts(teams: RenderedMessage['teams']): string[] {
  return jsonObjects(teams.attachments[0].content).flatMap((object) =>
    object['type'] === 'TextRun' && typeof object['text'] === 'string' ? [object['text']] : [],
  );
}

/** Markdown-significant characters left after removing backslash escapes. */
export function unescapedMarkdown(text: string): string[] {
  return [...text.replace(/\\[\s\S]/g, '').matchAll(/[[\]()*_`<>~#|{}]/g)].map((match) => match[0]);
}

/** Every https URL a Teams card opens. */
export function teamsActionUrls(teams: RenderedMessage['teams']): string[] {
  return jsonObjects(teams.attachments[0].content).flatMap((object) =>
    typeof object['url'] === 'string' ? [object['url']] : [],
  );
}

const ADF_NODE_TYPES = new Set([
  'doc',
  'paragraph',
  'heading',
  'bulletList',
  'listItem',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
  'text',
  'hardBreak',
  'rule',
  'codeBlock',
]);
const ADF_KEYS = new Set(['type', 'attrs', 'content', 'text', 'marks', 'version']);

/** Problems in an ADF document: unknown nodes or keys, empty text, links that are not our https links. */
export function adfProblems(document: AdfDocument): string[] {
  const problems: string[] = [];
  const walk = (node: AdfNode | AdfDocument): void => {
    for (const key of Object.keys(node)) if (!ADF_KEYS.has(key)) problems.push(`unexpected key ${key}`);
    if (!ADF_NODE_TYPES.has(node.type)) problems.push(`unexpected node ${node.type}`);
    if ('text' in node && node.type === 'text' && (node.text ?? '') === '') problems.push('empty text node');
    if ('text' in node && node.type !== 'text') problems.push(`text on a ${node.type} node`);
    for (const mark of 'marks' in node ? (node.marks ?? []) : []) {
      if (!['strong', 'em', 'code', 'link'].includes(mark.type))
        problems.push(`unexpected mark ${mark.type}`);
      if (mark.type === 'link' && !isSafeHref(String(mark.attrs?.['href'])))
        problems.push('unsafe link mark');
    }
    (node.content ?? []).forEach(walk);
  };
  walk(document);
  return problems;
}

/** Every text of an ADF document. */
export function adfTexts(document: AdfDocument): string[] {
  const texts: string[] = [];
  const walk = (node: AdfNode): void => {
    if (node.text !== undefined) texts.push(node.text);
    (node.content ?? []).forEach(walk);
  };
  document.content.forEach(walk);
  return texts;
}
