import type { SendEmailCommandInput, SESv2Client } from '@aws-sdk/client-sesv2';

import { replaceControlCharacters, ChannelConfigurationError } from '@soar/http';
import type { RenderedMessage } from '@soar/messages';
import { sdk } from './sdk';
import { normalizeAddresses, planDestinations, SES_MAX_DESTINATIONS } from './email-recipients';
import { InvalidRecipientError } from './errors';
import { SILENT_LOGGER, type SoarLogger } from '@soar/common';
import { type NotificationRecipients, type Notifier } from './types';

/** Options of {@link EmailNotifier}. */
export interface EmailNotifierOptions {
  /** Verified SES identity to send from: a bare address (`soar@example.com`, no display name). */
  readonly from: string;
  /** The SES v2 client, or a factory called on first send. Default `new SESv2Client({})`. */
  readonly client?: SESv2Client | (() => SESv2Client);
  /** When `false`, `send` validates and builds the emails, logs them, and sends nothing. Default `true`. */
  readonly sendEmail?: boolean;
  /** Added to the CC of every email. */
  readonly cc?: readonly string[];
  /** Added to the BCC of every email. */
  readonly bcc?: readonly string[];
  readonly replyTo?: readonly string[];
  readonly configurationSetName?: string;
  /** Destinations per `SendEmail` call, at most 50 (the SES limit). Default 50. */
  readonly maxDestinationsPerCall?: number;
  /** Receives the inputs a disabled notifier (`sendEmail: false`) would have sent. */
  readonly onSuppressed?: (inputs: readonly SendEmailCommandInput[]) => void;
  readonly logger?: SoarLogger;
}

/** Removes CR/LF (header injection) from a subject. */
function subjectLine(subject: string): string {
  return replaceControlCharacters(subject).trim();
}

/**
 * Email through SES v2 `SendEmail` (`Content.Simple`: subject, text and HTML parts, UTF-8).
 * Recipients are built per call — never from shared mutable state, so one email's CC cannot leak
 * into the next — validated, de-duplicated case-insensitively, and split into calls of at most 50
 * destinations.
 *
 * @example
 * ```ts
 * const email = new EmailNotifier({ from: 'soar@example.com', cc: ['soc@example.com'] });
 * await email.send(message, { to: [account.TeamEmail], cc: escalation ? ['ciso@example.com'] : [] });
 * ```
 */
export class EmailNotifier implements Notifier {
  public readonly name = 'email';
  readonly #options: EmailNotifierOptions;
  readonly #cc: readonly string[];
  readonly #bcc: readonly string[];
  readonly #replyTo: readonly string[];
  readonly #logger: SoarLogger;
  #client: SESv2Client | undefined;

  public constructor(options: EmailNotifierOptions) {
    try {
      if (normalizeAddresses([options.from], 'from').length !== 1) {
        throw new InvalidRecipientError(options.from, 'from');
      }
      this.#cc = normalizeAddresses(options.cc ?? [], 'cc');
      this.#bcc = normalizeAddresses(options.bcc ?? [], 'bcc');
      this.#replyTo = normalizeAddresses(options.replyTo ?? [], 'replyTo');
    } catch (error) {
      if (error instanceof InvalidRecipientError) {
        throw new ChannelConfigurationError(error.field, `holds an invalid address`, 'email');
      }
      throw error;
    }
    const max = options.maxDestinationsPerCall ?? SES_MAX_DESTINATIONS;
    if (!Number.isInteger(max) || max < 1 || max > SES_MAX_DESTINATIONS) {
      throw new ChannelConfigurationError(
        'maxDestinationsPerCall',
        'must be an integer from 1 to 50',
        'email',
      );
    }
    this.#options = options;
    this.#logger = options.logger ?? SILENT_LOGGER;
  }

  /**
   * The `SendEmail` inputs for one message (one per group of at most 50 destinations). Pure apart
   * from validation errors; `send` sends exactly these.
   *
   * @throws {@link InvalidRecipientError} for a malformed address, or when there is no To address.
   *
   * @example
   * ```ts
   * const inputs = email.buildInputs(rendered, { to: [account.TeamEmail] });
   * inputs[0]?.Destination?.ToAddresses; // [account.TeamEmail]
   * ```
   */
  public buildInputs(
    message: RenderedMessage,
    recipients: NotificationRecipients = {},
  ): SendEmailCommandInput[] {
    const groups = planDestinations(
      recipients,
      { cc: this.#cc, bcc: this.#bcc },
      this.#options.maxDestinationsPerCall ?? SES_MAX_DESTINATIONS,
    );
    if (!groups.some((group) => group.to.length > 0)) {
      throw new InvalidRecipientError('', 'to', 'at least one address is required');
    }
    return groups.map((group) => ({
      FromEmailAddress: this.#options.from,
      Destination: {
        ...(group.to.length > 0 ? { ToAddresses: [...group.to] } : {}),
        ...(group.cc.length > 0 ? { CcAddresses: [...group.cc] } : {}),
        ...(group.bcc.length > 0 ? { BccAddresses: [...group.bcc] } : {}),
      },
      ...(this.#replyTo.length > 0 ? { ReplyToAddresses: [...this.#replyTo] } : {}),
      Content: {
        Simple: {
          Subject: { Data: subjectLine(message.subject), Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: message.html, Charset: 'UTF-8' },
          },
        },
      },
      ...(this.#options.configurationSetName === undefined
        ? {}
        : { ConfigurationSetName: this.#options.configurationSetName }),
    }));
  }

  /** {@inheritDoc Notifier.send} */
  public async send(message: RenderedMessage, recipients: NotificationRecipients = {}): Promise<void> {
    const inputs = this.buildInputs(message, recipients);
    if (this.#options.sendEmail === false) {
      this.#logger.info('email: sending disabled; not sent', {
        subject: subjectLine(message.subject),
        calls: inputs.length,
      });
      this.#options.onSuppressed?.(inputs);
      return;
    }
    const { SendEmailCommand } = await sdk.sesv2();
    const client = await this.#getClient();
    for (const input of inputs) await client.send(new SendEmailCommand(input));
  }

  /** The client, created on first use; `@aws-sdk/client-sesv2` is loaded then, not at import. */
  async #getClient(): Promise<SESv2Client> {
    const { SESv2Client } = await sdk.sesv2(); // before the check: no await between it and the set
    if (this.#client === undefined) {
      const configured = this.#options.client;
      this.#client =
        configured === undefined
          ? new SESv2Client({})
          : typeof configured === 'function'
            ? configured()
            : configured;
    }
    return this.#client;
  }
}
