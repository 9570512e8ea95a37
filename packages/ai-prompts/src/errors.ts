import { SoarError, type SoarErrorOptions } from '@soar/common';

/**
 * The base class of every error `@soar/ai-prompts` throws. Rendering is pure: only bad input, bad
 * options or a size budget too small for the instructions themselves make it throw.
 *
 * @example
 * ```ts
 * try {
 *   renderFindingPrompt('ticket_opened', input, options);
 * } catch (error) {
 *   if (error instanceof AiPromptsError) logger.warn('No AI section', { error: error.message });
 * }
 * ```
 */
export class AiPromptsError extends SoarError {
  public override name = 'AiPromptsError';
}

/**
 * The prompt input or the options are invalid. `field` is the path of the first bad field, such as
 * `anonymise.arns` or `scratchpad.finding.Title`; the message names the path and never quotes the
 * value (it may be finding text).
 *
 * @example
 * ```ts
 * try {
 *   parseAiPromptOptions({ iacFlavour: 'pulumi' });
 * } catch (error) {
 *   if (error instanceof AiPromptInputError) error.field; // 'iacFlavour'
 * }
 * ```
 */
export class AiPromptInputError extends AiPromptsError {
  public override name = 'AiPromptInputError';
  /** Path of the first problem, such as `iacFlavour`. */
  public readonly field: string;

  public constructor(what: string, field: string, problem: string, options: SoarErrorOptions = {}) {
    super(`Invalid ${what} at ${field === '' ? '(root)' : field}: ${problem}`, options);
    this.field = field;
  }
}

/**
 * The instructions and the fixed framing of a prompt alone exceed `maxPromptChars`, so no data would
 * fit. Raise `maxPromptChars`; the data is cut to fit, the instructions never are.
 *
 * @example
 * ```ts
 * if (error instanceof PromptBudgetError) error.neededChars; // the smallest budget that works
 * ```
 */
export class PromptBudgetError extends AiPromptsError {
  public override name = 'PromptBudgetError';
  /** The budget that was given. */
  public readonly maxPromptChars: number;
  /** What the prompt needs without any data. */
  public readonly neededChars: number;

  public constructor(promptId: string, maxPromptChars: number, neededChars: number) {
    super(
      `The ${promptId} prompt needs ${neededChars} characters without its data, more than maxPromptChars (${maxPromptChars})`,
    );
    this.maxPromptChars = maxPromptChars;
    this.neededChars = neededChars;
  }
}
