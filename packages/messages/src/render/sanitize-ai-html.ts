import { Parser } from 'htmlparser2';
import { isTrustedUrl } from './links';
import { DEFAULT_TRUSTED_LINK_HOSTS } from './options';
import { markSanitizedHtml, type SafeHtml } from './safe-html';

/** Tags AI analysis may use: text formatting, lists, small headings, code and simple tables. */
export const AI_ALLOWED_TAGS: readonly string[] = [
  'p',
  'br',
  'strong',
  'em',
  'b',
  'i',
  'ul',
  'ol',
  'li',
  'h3',
  'h4',
  'code',
  'pre',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

const AI_FONT = "font-family:SFMono-Regular,Menlo,Consolas,'Liberation Mono','Courier New',monospace";

/**
 * Inline styles for the allowed tags (email clients ignore most stylesheets). Our constants: these
 * tags are written with this style as their only attribute, so no style from the input survives.
 * Allowed tags not listed here (`strong em b i br thead tbody tr`) are written without attributes.
 */
const AI_TAG_STYLES: ReadonlyMap<string, string> = new Map([
  ['h3', 'margin:14px 0 6px 0;font-size:15px;line-height:1.3;font-weight:700;color:#111827'],
  ['h4', 'margin:12px 0 4px 0;font-size:14px;line-height:1.3;font-weight:700;color:#111827'],
  ['p', 'margin:0 0 8px 0'],
  ['ul', 'margin:0 0 8px 0;padding-left:22px'],
  ['ol', 'margin:0 0 8px 0;padding-left:22px'],
  ['li', 'margin:0 0 4px 0'],
  [
    'code',
    `${AI_FONT};font-size:13px;background-color:#DBEAFE;border-radius:3px;padding:0 3px;word-break:break-all`,
  ],
  [
    'pre',
    `${AI_FONT};font-size:12px;line-height:1.45;background-color:#F8FAFC;border:1px solid #DBEAFE;border-radius:4px;padding:8px 10px;margin:0 0 8px 0;white-space:pre-wrap;overflow-wrap:anywhere`,
  ],
  ['table', 'border-collapse:collapse;margin:0 0 8px 0;font-size:13px'],
  [
    'th',
    'border:1px solid #BFDBFE;padding:4px 8px;text-align:left;vertical-align:top;background-color:#DBEAFE',
  ],
  ['td', 'border:1px solid #BFDBFE;padding:4px 8px;text-align:left;vertical-align:top'],
]);

const ALLOWED = new Set(AI_ALLOWED_TAGS);

/** Block tags the allow-list lacks become allowed ones, so their text does not run together. */
const RENAMED: ReadonlyMap<string, string> = new Map([
  ['h1', 'h3'],
  ['h2', 'h3'],
  ['h5', 'h4'],
  ['h6', 'h4'],
  ['div', 'p'],
]);

/**
 * Tags not allowed are dropped but their text is kept, except for these, whose content goes too:
 * scripts and styles, form controls, embedded documents, SVG and MathML.
 */
const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set([
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
]);

/** `&`, `<` and `>` as entities: the parser decoded the input's entities, so every `&` is text. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/**
 * A link keeps its `href` only when it points to a trusted https host or is a `mailto:` link, and then
 * gets `rel="noopener noreferrer" target="_blank"`; any other link loses every attribute, leaving an
 * inert `<a>` around its text.
 */
function linkTag(attributes: Readonly<Record<string, string>>, trustedHosts: readonly string[]): string {
  const href = (attributes['href'] ?? '').trim();
  const keep = isTrustedUrl(href, trustedHosts) || /^mailto:[^\s]+$/i.test(href);
  return keep ? `<a href="${escapeAttribute(href)}" rel="noopener noreferrer" target="_blank">` : '<a>';
}

/** The start tag written for an allowed tag: every input attribute goes, our style or link attributes come in. */
function startTag(
  name: string,
  attributes: Readonly<Record<string, string>>,
  trustedHosts: readonly string[],
): string {
  if (name === 'a') return linkTag(attributes, trustedHosts);
  if (name === 'br') return '<br />';
  const style = AI_TAG_STYLES.get(name);
  return style === undefined ? `<${name}>` : `<${name} style="${style}">`;
}

/** An element the parser opened: its input tag name, and the end tag we write for it (`null`: none). */
interface OpenElement {
  readonly tag: string;
  readonly endTag: string | null;
}

function sanitize(input: string, trustedHosts: readonly string[]): string {
  let out = '';
  /** Open elements outside dropped content, innermost last. */
  const open: OpenElement[] = [];
  /** Inside an element dropped with its content: how many elements are open in it (itself included). */
  let dropping = 0;

  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (dropping > 0) {
          dropping += 1;
          return;
        }
        const renamed = RENAMED.get(tag) ?? tag;
        if (!ALLOWED.has(renamed)) {
          open.push({ tag, endTag: null });
          if (DROPPED_WITH_CONTENT.has(renamed)) dropping = 1;
          return;
        }
        open.push({ tag, endTag: renamed === 'br' ? null : `</${renamed}>` });
        out += startTag(renamed, attributes, trustedHosts);
      },
      ontext(text) {
        if (dropping === 0) out += escapeText(text);
      },
      onclosetag(tag) {
        if (dropping > 0) {
          dropping -= 1;
          if (dropping > 0) return;
        }
        const element = open.pop();
        if (element === undefined) return;
        // The parser closes what it opened, so a mismatch only follows a start tag cut off by the end
        // of the input (opened, never reported); that element is skipped and the others close.
        if (element.tag !== tag) {
          open.push(element);
          return;
        }
        if (element.endTag !== null) out += element.endTag;
      },
      // Comments, CDATA sections (comments in HTML), doctypes and processing instructions are dropped.
    },
    { decodeEntities: true },
  );
  parser.write(input);
  parser.end();
  return out.trim();
}

/**
 * Sanitises AI-written HTML (untrusted: the model reads attacker-controlled finding text, so a
 * prompt injection can steer it) with a strict allow-list, on the `htmlparser2` tokenizer:
 *
 * - tags: `p br strong em b i ul ol li h3 h4 code pre a table thead tbody tr th td`; `h1 h2` become
 *   `h3`, `h5 h6` become `h4`, `div` becomes `p`; other tags are dropped but their text is kept,
 *   except `script style textarea option noscript iframe object embed svg math`, whose content goes
 *   too; comments, CDATA and doctypes are dropped;
 * - attributes: none from the input. Styled tags get our inline style; links keep `href` only when it
 *   is an `https:` URL on a trusted host or a `mailto:` address, and then get
 *   `rel="noopener noreferrer" target="_blank"`; other links keep their text but lose every attribute;
 * - text: entities decoded, then `&`, `<` and `>` escaped (and `"` in attributes);
 * - structure: unclosed elements are closed, stray end tags dropped.
 *
 * @param trustedHosts - hosts (and subdomains) AI links may point to; AWS by default
 *
 * @example
 * ```ts
 * sanitizeAiHtml('<p onclick="x()">Hi<script>alert(1)</script></p><a href="javascript:alert(1)">x</a>');
 * // '<p style="margin:0 0 8px 0">Hi</p><a>x</a>'
 * ```
 */
export function sanitizeAiHtml(
  html: string,
  trustedHosts: readonly string[] = DEFAULT_TRUSTED_LINK_HOSTS,
): string {
  return sanitize(html, trustedHosts);
}

/**
 * {@link sanitizeAiHtml} as a fragment the email template inserts as is, or `null` when nothing is
 * left.
 */
export function sanitizeAiHtmlFragment(
  html: string,
  trustedHosts: readonly string[] = DEFAULT_TRUSTED_LINK_HOSTS,
): SafeHtml | null {
  const sanitized = sanitize(html, trustedHosts);
  return sanitized === '' ? null : markSanitizedHtml(sanitized);
}
