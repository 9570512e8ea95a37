/**
 * HTML built from tagged templates, escaped by default.
 *
 * `safeHtml` escapes every value it interpolates, unless the value is {@link SafeHtml}: a fragment only
 * this module's `safeHtml` tag (our own template text) and the AI sanitiser (`sanitize-ai-html.ts`,
 * through {@link markSanitizedHtml}) can produce. A string from a finding therefore cannot reach the
 * email unescaped, whatever template it is put in.
 *
 * The tag is not called `html` on purpose: Prettier reformats templates tagged `html` as HTML
 * documents, which would change the white space, and so the bytes, of every email.
 */

/** Characters escaped in text and attribute values. */
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  // Not needed in text or quoted attributes, but escaped as Handlebars did (the emails stay byte for
  // byte the same): they keep an unquoted attribute or a legacy-IE backtick-quoted value inert.
  '`': '&#x60;',
  '=': '&#x3D;',
};
const UNSAFE = /[&<>"'`=]/g;

/**
 * Escapes text for HTML text and double- or single-quoted attribute values.
 *
 * @example
 * ```ts
 * escapeHtml(`<a href="x">Tom's</a>`); // '&lt;a href&#x3D;&quot;x&quot;&gt;Tom&#x27;s&lt;/a&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(UNSAFE, (char) => ESCAPES[char] ?? char);
}

let create: (html: string) => SafeHtml;

/**
 * A fragment of HTML that is inserted as is: written by us in an `safeHtml` template, or AI output the
 * allow-list sanitiser has cleaned. Nominal (its private field keeps other objects from passing for
 * it), and built only inside this module.
 */
export class SafeHtml {
  readonly #html: string;

  private constructor(html: string) {
    this.#html = html;
  }

  static {
    create = (html) => new SafeHtml(html);
  }

  /** The HTML text. */
  toString(): string {
    return this.#html;
  }
}

/**
 * What an `safeHtml` template interpolates: text and numbers are escaped, safe fragments are not, and
 * lists are written item by item.
 */
export type HtmlValue = string | number | SafeHtml | readonly HtmlValue[];

function isList(value: HtmlValue): value is readonly HtmlValue[] {
  return Array.isArray(value);
}

/** Only a real `SafeHtml` is written as it is: anything else, whatever its type claims, is escaped. */
function htmlOf(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (isList(value)) return value.map(htmlOf).join('');
  return escapeHtml(String(value));
}

/**
 * Tags a template of our HTML: the template text is kept, every interpolated string is escaped,
 * numbers are written out, {@link SafeHtml} fragments are inserted as they are, and lists item by item.
 *
 * @example
 * ```ts
 * const item = (text: string) => safeHtml`<li>${text}</li>`;
 * safeHtml`<ul>${['a', '<b>'].map(item)}</ul>`.toString(); // '<ul><li>a</li><li>&lt;b&gt;</li></ul>'
 * ```
 */
export function safeHtml(template: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = template[0] ?? '';
  values.forEach((value, index) => {
    out += htmlOf(value) + (template[index + 1] ?? '');
  });
  return create(out);
}

/**
 * Marks the output of the AI allow-list sanitiser as safe. Only `sanitize-ai-html.ts` may call this
 * (a test checks): anything else goes through `safeHtml`, which escapes it.
 */
export function markSanitizedHtml(sanitized: string): SafeHtml {
  return create(sanitized);
}
