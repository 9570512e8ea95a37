/**
 * HTML built from tagged templates, escaped by default: every interpolated value is escaped unless
 * it is {@link Markup}, which only the `markup` tag (our own template text) and {@link trusted} (the
 * output of the AI sanitiser) produce. So text from a finding cannot reach the report unescaped,
 * whatever template it is put in.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML text and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char] ?? char);
}

/** A fragment of HTML written as is. */
export class Markup {
  readonly #html: string;

  private constructor(html: string) {
    this.#html = html;
  }

  /** Only this module builds fragments (see {@link markup} and {@link trusted}). */
  static of(html: string): Markup {
    return new Markup(html);
  }

  toString(): string {
    return this.#html;
  }
}

/** What a `markup` template interpolates: text and numbers escaped, fragments as is, lists item by item. */
export type MarkupValue = string | number | Markup | undefined | readonly MarkupValue[];

function htmlOf(value: MarkupValue): string {
  if (value === undefined) return '';
  if (value instanceof Markup) return value.toString();
  if (Array.isArray(value)) return (value as readonly MarkupValue[]).map(htmlOf).join('');
  return escapeHtml(String(value));
}

/** A template of our own HTML; every value interpolated is escaped unless it is {@link Markup}. */
export function markup(strings: TemplateStringsArray, ...values: readonly MarkupValue[]): Markup {
  let html = strings[0] ?? '';
  values.forEach((value, index) => {
    html += htmlOf(value) + (strings[index + 1] ?? '');
  });
  return Markup.of(html);
}

/** HTML that has been sanitised already (the AI prose, after `sanitizeAiHtml`). */
export function trusted(sanitizedHtml: string): Markup {
  return Markup.of(sanitizedHtml);
}
