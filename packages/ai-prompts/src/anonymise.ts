import * as z from 'zod';

import { AiPromptInputError } from './errors';
import { firstIssue, type AiPromptOptions } from './options';

/**
 * What was replaced in a prompt, so the answer can be given its originals back. It travels with the
 * prompt through the workflow (it is small: one entry per distinct value replaced).
 */
export const AnonymisationSchema = z.lazy(() =>
  z.strictObject({
    replacements: z.array(z.strictObject({ placeholder: z.string().min(1), original: z.string() })),
  }),
);
/** See {@link AnonymisationSchema}. */
export type Anonymisation = z.infer<typeof AnonymisationSchema>;

type Switch = keyof AiPromptOptions['anonymise'];

/** The name each kind's placeholders carry: `[account-1]`, `[arn-2]`. */
const LABELS: Readonly<Record<Switch, string>> = {
  arns: 'arn',
  emails: 'email',
  accountIds: 'account',
  hexIds: 'id',
};

/**
 * The patterns, in the order they run: an ARN holds account ids and hex ids, so it goes whole first;
 * a UUID is one id, not five hex runs. A hex id needs a digit, so words such as `deadbeef` or
 * `accessed` stay; ids such as `sg-0a1b2c3d4e5f60718` keep their prefix.
 */
function patterns(): ReadonlyArray<readonly [Switch, RegExp]> {
  return [
    ['arns', /\barn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:\d{0,12}:[^\s"'<>,;)\]}]+/g],
    ['emails', /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g],
    ['accountIds', /(?<![\w-])\d{12}(?![\w-])/g],
    [
      'hexIds',
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|(?<![0-9A-Za-z])(?=[a-f]*\d)(?=\d*[a-f])[0-9a-f]{8,}(?![0-9A-Za-z])/gi,
    ],
  ];
}

/**
 * A placeholder stem that occurs nowhere in the text, so that restoring never touches text that
 * looked like a placeholder before (`[account-1]` written into a finding stays as written).
 */
function freeStem(label: string, texts: readonly string[]): string {
  for (let attempt = 1; ; attempt++) {
    const stem = attempt === 1 ? `[${label}-` : `[${label}${attempt}-`;
    if (!texts.some((text) => text.includes(stem))) return stem;
  }
}

/**
 * Replaces the values the switches name with numbered placeholders, the same value always with the
 * same placeholder across every text given, numbered by first appearance. Deterministic.
 *
 * @example
 * ```ts
 * const { texts, anonymisation } = anonymise(['Account 111122223333'], { accountIds: true, arns: false, emails: false, hexIds: false });
 * texts[0]; // 'Account [account-1]'
 * ```
 */
export function anonymise(
  texts: readonly string[],
  switches: AiPromptOptions['anonymise'],
): { texts: string[]; anonymisation: Anonymisation } {
  const replacements: { placeholder: string; original: string }[] = [];
  let out = [...texts];
  for (const [name, pattern] of patterns()) {
    if (!switches[name]) continue;
    const stem = freeStem(LABELS[name], texts);
    const byOriginal = new Map<string, string>();
    for (const r of replacements)
      if (r.placeholder.startsWith(stem)) byOriginal.set(r.original, r.placeholder);
    out = out.map((text) =>
      text.replace(pattern, (match) => {
        const known = byOriginal.get(match);
        if (known !== undefined) return known;
        const placeholder = `${stem}${byOriginal.size + 1}]`;
        byOriginal.set(match, placeholder);
        replacements.push({ placeholder, original: match });
        return placeholder;
      }),
    );
  }
  return { texts: out, anonymisation: { replacements } };
}

/**
 * Puts the originals back into a model's answer: every placeholder of the anonymisation is replaced
 * by the value it stood for. Placeholders the answer does not use are fine; text that only looks like
 * a placeholder of another prompt is left alone.
 *
 * @example
 * ```ts
 * restoreAnonymised('<p>Account [account-1] is exposed.</p>', rendered.anonymisation);
 * // '<p>Account 111122223333 is exposed.</p>'
 * ```
 */
export function restoreAnonymised(answer: string, anonymisation: Anonymisation): string {
  const parsed = AnonymisationSchema.safeParse(anonymisation);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new AiPromptInputError('anonymisation', field, message, { cause: parsed.error });
  }
  const { replacements } = parsed.data;
  if (replacements.length === 0) return answer;
  const byPlaceholder = new Map(replacements.map((r) => [r.placeholder, r.original]));
  // Longest first, so `[arn-12]` is not read as `[arn-1]` followed by `2]`; one pass, so an
  // original that looks like a placeholder is never replaced again.
  const alternatives = [...byPlaceholder.keys()]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return answer.replace(
    new RegExp(alternatives.join('|'), 'g'),
    (match) => byPlaceholder.get(match) ?? match,
  );
}
