import { restoreAnonymised, type Anonymisation } from './anonymise';

/** The AI text of a message (the shape of the scratchpad's `messages.ai`). */
export interface AiAnswerText {
  readonly plaintext: string;
  /** The model's HTML, originals restored; not sanitised: the message renderer sanitises it. */
  readonly html: string;
}

/** Tags after which the plain text breaks the line. */
const BLOCK = /^(?:h[1-6]|p|div|ul|ol|li|pre|table|thead|tbody|tr|br|hr|blockquote)$/;

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : entity;
    }
    return NAMED[body.toLowerCase()] ?? entity;
  });
}

/** A model that wraps its HTML in a Markdown code fence: the fence goes. */
function unfence(answer: string): string {
  const match = /^\s*```(?:html)?\s*\n([\s\S]*?)\n\s*```\s*$/i.exec(answer);
  return (match?.[1] ?? answer).trim();
}

/**
 * HTML as plain text: scripts and styles dropped with their content, tags removed, a line break after
 * each block, `- ` before list items, entities decoded, runs of blank lines collapsed.
 */
export function htmlToPlaintext(html: string): string {
  const withoutHidden = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  const text = withoutHidden.replace(
    /<\s*(\/?)\s*([a-z0-9]+)\b[^>]*>/gi,
    (_tag, closing: string, name: string) => {
      const tag = name.toLowerCase();
      if (tag === 'li' && closing === '') return '\n- ';
      if (tag === 'td' || tag === 'th') return closing === '' ? '' : ' | ';
      if (tag === 'tr') return closing === '' ? '' : '\n';
      return BLOCK.test(tag) ? '\n' : '';
    },
  );
  return decodeEntities(text.replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((row) =>
      row
        .replace(/[ \t]+/g, ' ')
        .replace(/ \| $|\s+$/g, '')
        .replace(/^ /, ''),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The model's answer as the scratchpad's `messages.ai`: the anonymised values put back first, then
 * the HTML as the model wrote it (a Markdown code fence around it removed) and a plain-text version.
 * The HTML is untrusted; the message renderer sanitises it (`@soar/messages/ai-html`).
 *
 * @example
 * ```ts
 * pad.messages.ai = answerToAiText('<h3>What happened</h3><p>Account [account-1]…</p>', prompt.anonymisation);
 * // { plaintext: 'What happened\n\nAccount 111122223333…', html: '<h3>What happened</h3><p>Account 111122223333…</p>' }
 * ```
 */
export function answerToAiText(answer: string, anonymisation: Anonymisation): AiAnswerText {
  const html = unfence(restoreAnonymised(answer, anonymisation));
  return { plaintext: htmlToPlaintext(html), html };
}
