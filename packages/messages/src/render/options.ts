import * as z from 'zod';
import { parseOrThrow } from '../errors';
import { HttpsUrlSchema } from '../model/message';
import type { SafeHtml } from './safe-html';

/**
 * Turns the AI analysis HTML into a fragment the email may insert as is: `renderAiHtml` of
 * `@soar/messages/ai-html` (the allow-list sanitiser). A `SafeHtml` can only come from it, so no other
 * function can put unescaped HTML into an email.
 */
export type AiHtmlRenderer = (html: string, trustedHosts: readonly string[]) => SafeHtml | null;

/** Hosts whose links messages make clickable by default: AWS documentation and consoles. */
export const DEFAULT_TRUSTED_LINK_HOSTS: readonly string[] = ['aws.amazon.com'];

const hostSchema = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'must be a host name');

/** Options of `renderMessage`. */
export const RenderOptionsSchema = z.lazy(() =>
  z.object({
    /** The product name shown in headers and footers, e.g. `OpenSecOps SOAR`. */
    productName: z.string().trim().min(1).max(80),
    /**
     * Origin of the AWS console, e.g. `https://console.aws.amazon.com`. When set, messages about a
     * finding link to it in Security Hub.
     */
    consoleBaseUrl: HttpsUrlSchema.optional(),
    /**
     * Hosts (and their subdomains) whose URLs from a finding are shown as links. A finding's
     * remediation URL on another host is shown as plain text, not as a link, since custom findings
     * can carry any URL. The console host is always trusted.
     */
    trustedLinkHosts: z.array(hostSchema()).default([...DEFAULT_TRUSTED_LINK_HOSTS]),
    /**
     * `renderAiHtml` of `@soar/messages/ai-html`, to show the HTML of an AI analysis in the email.
     * Without it, the email shows the analysis as plain text: the HTML parser and its entity tables
     * (about 100 KB) are then not loaded, which keeps the functions that only send team messages small.
     */
    aiHtml: z
      .custom<AiHtmlRenderer>(
        (value) => typeof value === 'function',
        'must be renderAiHtml of @soar/messages/ai-html',
      )
      .optional(),
  }),
);

/** Options of `renderMessage` as a caller writes them. */
export type RenderOptions = z.input<typeof RenderOptionsSchema>;
/** Options of `renderMessage` after validation. */
export type ResolvedRenderOptions = z.infer<typeof RenderOptionsSchema>;

/** Validates render options. @throws {MessageValidationError} naming each bad option */
export function resolveRenderOptions(options: RenderOptions): ResolvedRenderOptions {
  return parseOrThrow(RenderOptionsSchema, options, 'Invalid render options');
}
