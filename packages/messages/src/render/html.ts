import Handlebars from 'handlebars';
import { HTML_EMAIL_TEMPLATE } from './html-template';
import type { MessageView } from './view';

/**
 * An isolated Handlebars environment: no global helpers or partials leak in, and none are
 * registered (the view model is computed in TypeScript, so templates only read and loop).
 */
const handlebars = Handlebars.create();

/**
 * Compiled once when the module loads. `strict` makes a missing field an error instead of an empty
 * string; `noEscape: false` (the default, stated) HTML-escapes every `{{value}}`.
 */
const emailTemplate = handlebars.compile<MessageView>(HTML_EMAIL_TEMPLATE, {
  strict: true,
  noEscape: false,
  knownHelpersOnly: true,
});

/**
 * Renders the HTML email document of a message view.
 *
 * @example
 * ```ts
 * const html = renderHtml(viewOf(message, options));
 * ```
 */
export function renderHtml(view: MessageView): string {
  return emailTemplate(view);
}
