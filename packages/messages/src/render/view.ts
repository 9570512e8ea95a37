import type { SeverityLabel } from '@soar/asff-schema';
import { REDACTED } from '@soar/redaction';
import type { Fact, Message, MessageKind, RemediationAdvice } from '../model/message';
import { type AppendixTable, appendixTables } from './appendix';
import { httpsHost, isTrustedUrl, securityHubFindingUrl, type ViewLink } from './links';
import type { ResolvedRenderOptions } from './options';
import type { SafeHtml } from './safe-html';
import { subjectOf } from './subject';
import { cleanText, oneLine, paragraphs, singleLine, truncate } from './text';
import { type ViewParagraph, type ViewSection, wordingOf } from './wording';

/** Colours of a severity: the bar/badge background (the original's palette) and readable text on it. */
export interface SeverityStyle {
  readonly label: SeverityLabel;
  readonly background: string;
  readonly color: string;
  /** A border for light backgrounds that would vanish on white. */
  readonly border: string;
}

/** The severity palette of the original SOAR emails, with `#` prefixes and text colours that keep contrast. */
export const SEVERITY_STYLES: Readonly<Record<SeverityLabel, SeverityStyle>> = {
  CRITICAL: { label: 'CRITICAL', background: '#800080', color: '#FFFFFF', border: '#800080' },
  HIGH: { label: 'HIGH', background: '#A00000', color: '#FFFFFF', border: '#A00000' },
  MEDIUM: { label: 'MEDIUM', background: '#FFB060', color: '#1F2937', border: '#E69A4C' },
  LOW: { label: 'LOW', background: '#EEEEC0', color: '#1F2937', border: '#C9C98F' },
  INFORMATIONAL: { label: 'INFORMATIONAL', background: '#F6F6F6', color: '#1F2937', border: '#C8C8C8' },
};

/** A fact as channels show it. */
export interface ViewFact {
  readonly label: string;
  readonly value: string;
  readonly code: boolean;
}

/** A resource as channels show it. */
export interface ViewResource {
  readonly type: string;
  readonly id: string;
}

/** The AI analysis as channels show it: plain paragraphs, and sanitised HTML for email. */
export interface ViewAi {
  readonly paragraphs: readonly ViewParagraph[];
  /** Sanitised HTML; `null` when the AI wrote none (the paragraphs are shown instead). */
  readonly html: SafeHtml | null;
}

/**
 * An incident's context as channels show it: its heading, its lines as written (email and tickets
 * show them all, preformatted), and a short first part for chat, `shortened` when lines were left out.
 */
export interface ViewContext {
  readonly title: string;
  readonly lines: readonly string[];
  readonly preview: readonly string[];
  readonly shortened: boolean;
}

/**
 * A message laid out for people, before any channel formatting: every string is plain, cleaned text
 * (no markup), so each channel only has to escape it for its own format; the one exception is the
 * AI analysis's sanitised HTML, typed `SafeHtml`. Optional parts are `null` or empty, never missing.
 */
export interface MessageView {
  readonly kind: MessageKind;
  readonly productName: string;
  readonly subject: string;
  readonly badge: string;
  readonly severity: SeverityStyle;
  readonly headline: string;
  readonly intro: string;
  readonly sections: readonly ViewSection[];
  readonly resources: readonly ViewResource[];
  /** Resources the finding names beyond those listed. */
  readonly moreResources: number;
  readonly facts: readonly ViewFact[];
  /** https links on trusted hosts only. */
  readonly links: readonly ViewLink[];
  readonly ai: ViewAi | null;
  /** The incident's context (e.g. the enriched alarm context); `null` when the message has none. */
  readonly context: ViewContext | null;
  readonly appendix: readonly AppendixTable[];
  /** Says that values which looked like secrets were replaced; `''` when none were. */
  readonly redactionNote: string;
  readonly footer: string;
  /** The finding id, or `''` for messages without one. */
  readonly findingId: string;
}

const MAX_HEADLINE = 300;
const MAX_DESCRIPTION = 4_000;
const MAX_FACT_VALUE = 600;
const MAX_AI_TEXT = 8_000;
/** Chat shows at most this much of an incident's context; the email and the ticket have all of it. */
const CONTEXT_PREVIEW_LINES = 12;
const CONTEXT_PREVIEW_CHARS = 1_000;

function remediationOf(message: Message): RemediationAdvice | undefined {
  return 'remediation' in message ? message.remediation : undefined;
}

function linksOf(
  message: Message,
  options: ResolvedRenderOptions,
  trustedHosts: readonly string[],
): ViewLink[] {
  const links: ViewLink[] = [];
  const fixUrl = remediationOf(message)?.url;
  if (fixUrl !== undefined && isTrustedUrl(fixUrl, trustedHosts))
    links.push({ label: 'Fix instructions', url: fixUrl });
  if (options.consoleBaseUrl !== undefined && message.findingId !== undefined) {
    const url = securityHubFindingUrl(options.consoleBaseUrl, message.region, message.findingId);
    if (isTrustedUrl(url, trustedHosts)) links.push({ label: 'Open in Security Hub', url });
  }
  return links;
}

function viewFact(fact: Fact): ViewFact {
  return {
    label: singleLine(fact.label),
    value: truncate(singleLine(fact.value), MAX_FACT_VALUE),
    code: fact.code ?? false,
  };
}

/** The message's facts, plus the remediation URL as text when its host is not trusted (no link). */
function factsOf(message: Message, trustedHosts: readonly string[]): ViewFact[] {
  const fixUrl = remediationOf(message)?.url;
  const untrusted =
    fixUrl !== undefined && !isTrustedUrl(fixUrl, trustedHosts)
      ? [{ label: 'Fix instructions (unverified address)', value: fixUrl, code: true }]
      : [];
  return [...message.facts, ...untrusted]
    .map(viewFact)
    .filter((fact) => fact.label !== '' && fact.value !== '');
}

function aiOf(
  message: Message,
  trustedHosts: readonly string[],
  renderHtml: ResolvedRenderOptions['aiHtml'],
): ViewAi | null {
  if (message.ai === undefined) return null;
  const html = renderHtml === undefined ? null : renderHtml(message.ai.html, trustedHosts);
  const text = truncate(cleanText(message.ai.plaintext), MAX_AI_TEXT);
  if (html === null && text === '') return null;
  return { paragraphs: paragraphs(text).map((lines) => ({ lines })), html };
}

function contextOf(message: Message): ViewContext | null {
  if (message.kind !== 'incident' || message.context === undefined) return null;
  const text = cleanText(message.context.text);
  if (text === '') return null;
  const lines = text.split('\n');
  const preview: string[] = [];
  let room = CONTEXT_PREVIEW_CHARS;
  for (const line of lines.slice(0, CONTEXT_PREVIEW_LINES)) {
    if (room <= 0) break;
    preview.push(truncate(line, room));
    room -= line.length + 1;
  }
  const shortened = preview.length < lines.length || preview.at(-1) !== lines[preview.length - 1];
  const title = oneLine(message.context.title, MAX_HEADLINE);
  return { title: title === '' ? 'More context' : title, lines, preview, shortened };
}

/**
 * The line that tells the reader values were hidden, so a `[redacted]` in the message is not
 * mistaken for the resource's real setting.
 *
 * @example
 * ```ts
 * redactionNoteOf(2); // 'For safety, we replaced 2 values that looked like secrets (passwords, keys, tokens, environment variable values) with [redacted].'
 * ```
 */
export function redactionNoteOf(redacted: number): string {
  if (redacted <= 0) return '';
  const what =
    redacted === 1
      ? '1 value that looked like a secret (a password, key, token or environment variable value)'
      : `${redacted} values that looked like secrets (passwords, keys, tokens, environment variable values)`;
  return `For safety, we replaced ${what} with ${REDACTED}.`;
}

function footerOf(productName: string): string {
  return `Sent automatically by ${productName}. Questions? Ask your security team.`;
}

/**
 * Lays a message out for people: subject, badge, headline, intro, sections, resources, facts, links,
 * AI analysis and appendix, all as cleaned plain text (AI HTML is sanitised here). `redacted` is how
 * many values were replaced before (the message must already be redacted); the view says so.
 *
 * @example
 * ```ts
 * const view = viewOf(message, resolveRenderOptions({ productName: 'SOAR' }));
 * view.sections.map((s) => s.heading); // ['What happened', 'What we did', 'What you need to do']
 * ```
 */
export function viewOf(message: Message, options: ResolvedRenderOptions, redacted = 0): MessageView {
  const consoleHost = httpsHost(options.consoleBaseUrl);
  const trustedHosts =
    consoleHost === undefined ? options.trustedLinkHosts : [...options.trustedLinkHosts, consoleHost];
  const links = linksOf(message, options, trustedHosts);
  const hasFixLink = links.some((link) => link.url === remediationOf(message)?.url);
  const limited = { ...message, description: truncate(message.description, MAX_DESCRIPTION) };
  const wording = wordingOf(limited, { productName: options.productName, hasFixLink });
  return {
    kind: message.kind,
    productName: singleLine(options.productName),
    subject: subjectOf(message),
    badge: wording.badge,
    severity: SEVERITY_STYLES[message.severity],
    headline: oneLine(message.title, MAX_HEADLINE),
    intro: singleLine(wording.intro),
    sections: wording.sections.filter((s) => s.paragraphs.length + s.items.length + s.after.length > 0),
    resources: message.resources.map((resource) => ({
      type: singleLine(resource.type),
      id: singleLine(resource.id),
    })),
    moreResources: Math.max(0, message.resourceCount - message.resources.length),
    facts: factsOf(message, trustedHosts),
    links,
    ai: aiOf(message, trustedHosts, options.aiHtml),
    context: contextOf(message),
    appendix: appendixTables(message.appendix),
    redactionNote: redactionNoteOf(redacted),
    footer: singleLine(footerOf(options.productName)),
    findingId: singleLine(message.findingId ?? ''),
  };
}
