import sanitizeHtml from 'sanitize-html';
import { isTrustedUrl } from './links';
import { DEFAULT_TRUSTED_LINK_HOSTS } from './options';

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
 * Inline styles for the allowed tags (email clients ignore most stylesheets). Our constants: the
 * transforms below replace every attribute of these tags, so no style from the input survives.
 */
const AI_TAG_STYLES: Readonly<Record<string, string>> = {
  h3: 'margin:14px 0 6px 0;font-size:15px;line-height:1.3;font-weight:700;color:#111827',
  h4: 'margin:12px 0 4px 0;font-size:14px;line-height:1.3;font-weight:700;color:#111827',
  p: 'margin:0 0 8px 0',
  ul: 'margin:0 0 8px 0;padding-left:22px',
  ol: 'margin:0 0 8px 0;padding-left:22px',
  li: 'margin:0 0 4px 0',
  code: `${AI_FONT};font-size:13px;background-color:#DBEAFE;border-radius:3px;padding:0 3px;word-break:break-all`,
  pre: `${AI_FONT};font-size:12px;line-height:1.45;background-color:#F8FAFC;border:1px solid #DBEAFE;border-radius:4px;padding:8px 10px;margin:0 0 8px 0;white-space:pre-wrap;overflow-wrap:anywhere`,
  table: 'border-collapse:collapse;margin:0 0 8px 0;font-size:13px',
  th: 'border:1px solid #BFDBFE;padding:4px 8px;text-align:left;vertical-align:top;background-color:#DBEAFE',
  td: 'border:1px solid #BFDBFE;padding:4px 8px;text-align:left;vertical-align:top',
};

/** Replaces a tag's attributes with our inline style, renaming it to `to` (an allowed tag). */
function styled(to: string): sanitizeHtml.Transformer {
  return (): sanitizeHtml.Tag => ({ tagName: to, attribs: { style: AI_TAG_STYLES[to] ?? '' } });
}

/**
 * Keeps a link only when it points to a trusted https host or is a `mailto:` link; any other link
 * loses its attributes, leaving an inert `<a>` around its text. (The tag name is never changed:
 * sanitize-html mismatches closing tags when a transformed tag is then discarded.)
 */
function linkTransform(trustedHosts: readonly string[]): sanitizeHtml.Transformer {
  return (tagName, attribs): sanitizeHtml.Tag => {
    const href = (attribs['href'] ?? '').trim();
    const keep = isTrustedUrl(href, trustedHosts) || /^mailto:[^\s]+$/i.test(href);
    const kept: sanitizeHtml.Attributes = { href, rel: 'noopener noreferrer', target: '_blank' };
    return { tagName, attribs: keep ? kept : {} };
  };
}

function aiHtmlOptions(trustedHosts: readonly string[]): sanitizeHtml.IOptions {
  return {
    allowedTags: [...AI_ALLOWED_TAGS],
    // Links keep `href` (checked); `rel`, `target` and every `style` are set by the transforms, never taken from the input.
    allowedAttributes: {
      a: ['href', 'rel', 'target'],
      ...Object.fromEntries(Object.keys(AI_TAG_STYLES).map((tag) => [tag, ['style']])),
    },
    allowedSchemes: ['https', 'mailto'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    // Tags not allowed are dropped but their text is kept, except for these, whose content goes too.
    disallowedTagsMode: 'discard',
    nonTextTags: [
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
    ],
    parseStyleAttributes: false,
    transformTags: {
      a: linkTransform(trustedHosts),
      ...Object.fromEntries(Object.keys(AI_TAG_STYLES).map((tag) => [tag, styled(tag)])),
      // Block tags the allow-list lacks become allowed ones, so their text does not run together.
      h1: styled('h3'),
      h2: styled('h3'),
      h5: styled('h4'),
      h6: styled('h4'),
      div: styled('p'),
    },
  };
}

/**
 * Sanitises AI-written HTML (untrusted: the model reads attacker-controlled finding text, so a
 * prompt injection can steer it) with a strict allow-list: `p br strong em b i ul ol li h3 h4 code
 * pre a table thead tbody tr th td`, no attributes except `a[href]`, and links only to `https:` URLs
 * on trusted hosts or to `mailto:`; other links keep their text but lose their `href`. Every link gets
 * `rel="noopener noreferrer" target="_blank"`. Scripts, styles, iframes, event handlers and inline
 * styles are removed.
 *
 * @param trustedHosts - hosts (and subdomains) AI links may point to; AWS by default
 *
 * @example
 * ```ts
 * sanitizeAiHtml('<p onclick="x()">Hi<script>alert(1)</script></p><a href="javascript:alert(1)">x</a>');
 * // '<p>Hi</p><a>x</a>'
 * ```
 */
export function sanitizeAiHtml(
  html: string,
  trustedHosts: readonly string[] = DEFAULT_TRUSTED_LINK_HOSTS,
): string {
  return sanitizeHtml(html, aiHtmlOptions(trustedHosts)).trim();
}
