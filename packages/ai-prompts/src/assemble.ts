import { createHash } from 'node:crypto';

import { anonymise, type Anonymisation } from './anonymise';
import { PromptBudgetError } from './errors';
import type { AiPromptOptions } from './options';

/** Every fence code starts with this; the rest is 12 hex digits. */
export const FENCE_PREFIX = 'SOAR-DATA-';
const FENCE_CODE_LENGTH = FENCE_PREFIX.length + 12;

/**
 * The fence code of some data: `SOAR-DATA-` and 12 hex digits of a SHA-256 of the data, tried with a
 * counter until the code occurs nowhere in the data. So the data cannot close its own fence: to do
 * so it would have to contain the digest of itself. Deterministic, so snapshots are stable.
 *
 * @example
 * ```ts
 * fenceCode('Title: x'); // 'SOAR-DATA-…' (always the same for the same data)
 * ```
 */
export function fenceCode(content: string): string {
  for (let attempt = 0; ; attempt++) {
    const digest = createHash('sha256').update(`${attempt}\u0000${content}`, 'utf8').digest('hex');
    const code = `${FENCE_PREFIX}${digest.slice(0, 12)}`;
    if (!content.includes(code)) return code;
  }
}

/** What was cut from one part of a prompt to fit its budgets. */
export interface Truncation {
  /** The part, such as `resource_details`. */
  readonly part: string;
  /** Its length before, in characters (after redaction and anonymisation). */
  readonly originalChars: number;
  /** What was kept; 0 when the part was left out. */
  readonly keptChars: number;
}

/** One part of the data, in the order of usefulness (the first is cut last). */
export interface PromptPart {
  readonly name: string;
  /** The heading of the part inside the fence. */
  readonly title: string;
  readonly text: string;
  /** Its own budget, in characters, before the whole is fitted. */
  readonly budget: number;
}

/** The trusted text around the fenced data. */
export interface Framing {
  /** The text before the fence; `{fence}` stands for the fence code. */
  readonly intro: string;
  /** What each part is called in the note that says what was cut. */
  readonly describe: (part: string) => string;
}

/** A part cut to `max` characters, a marker included; empty when not even the marker fits. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = (left: number) => `\n[${left} more characters cut to fit the prompt's size]`;
  let keep = max - marker(text.length).length;
  if (keep <= 0) return '';
  // Never split a surrogate pair.
  const code = text.charCodeAt(keep - 1);
  if (code >= 0xd800 && code <= 0xdbff) keep -= 1;
  return `${text.slice(0, keep)}${marker(text.length - keep)}`;
}

function note(truncated: readonly Truncation[], describe: (part: string) => string): string {
  if (truncated.length === 0) return '';
  const items = truncated.map((t) =>
    t.keptChars === 0
      ? `${describe(t.part)} (left out)`
      : `${describe(t.part)} (kept ${t.keptChars} of ${t.originalChars} characters)`,
  );
  return `\n\nTo fit the prompt's size, SOAR cut: ${items.join('; ')}.`;
}

function body(parts: readonly PromptPart[], texts: readonly string[]): string {
  return parts
    .flatMap((part, i) => {
      const text = texts[i] ?? '';
      return text === '' ? [] : [`=== ${part.title} ===\n${text}`];
    })
    .join('\n\n');
}

function userText(framing: Framing, code: string, content: string, cutNote: string): string {
  return `${framing.intro.replaceAll('{fence}', code)}\n\n<<<${code}\n${content}\n${code}>>>${cutNote}`;
}

/**
 * Anonymises the parts, cuts each to its budget, then cuts the least useful parts (the last first)
 * until system and user text together fit `maxPromptChars`, and fences the data. Pure and
 * deterministic.
 *
 * @throws {PromptBudgetError} when even without any data the prompt exceeds `maxPromptChars`
 */
export function assemble(
  promptId: string,
  system: string,
  framing: Framing,
  parts: readonly PromptPart[],
  options: AiPromptOptions,
): { user: string; anonymisation: Anonymisation; truncated: Truncation[] } {
  const { texts: anonymised, anonymisation } = anonymise(
    parts.map((part) => part.text),
    options.anonymise,
  );
  const limits = parts.map((part, i) => Math.min(part.budget, anonymised[i]?.length ?? 0));
  const build = () => {
    const texts = anonymised.map((text, i) => cut(text, limits[i] ?? 0));
    const truncated = texts.flatMap((text, i): Truncation[] => {
      const original = anonymised[i] ?? '';
      const name = parts[i]?.name ?? '';
      return text === original
        ? []
        : [{ part: name, originalChars: original.length, keptChars: text.length }];
    });
    const content = body(parts, texts);
    const placeholder = 'X'.repeat(FENCE_CODE_LENGTH);
    const length =
      system.length + userText(framing, placeholder, content, note(truncated, framing.describe)).length;
    return { texts, truncated, content, length };
  };

  let built = build();
  // Each pass shortens the least useful parts by what is over; the note about the cut can add a
  // little, hence a few passes.
  for (let pass = 0; pass < 4 && built.length > options.maxPromptChars; pass++) {
    for (let i = parts.length - 1; i >= 0 && built.length > options.maxPromptChars; i--) {
      const current = built.texts[i]?.length ?? 0;
      if (current === 0) continue;
      limits[i] = Math.max(0, current - (built.length - options.maxPromptChars));
      built = build();
    }
  }
  if (built.length > options.maxPromptChars) {
    limits.fill(0);
    throw new PromptBudgetError(promptId, options.maxPromptChars, build().length);
  }
  const code = fenceCode(built.content);
  return {
    user: userText(framing, code, built.content, note(built.truncated, framing.describe)),
    anonymisation,
    truncated: built.truncated,
  };
}
