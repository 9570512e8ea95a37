/**
 * `@soar/notifications`: where SOAR's messages are delivered besides tickets: SES v2 email, Slack
 * and Microsoft Teams webhooks, and `notifyAll`, which delivers to several channels and fails open;
 * the configuration of the optional channels (Slack, Teams, Sentinel) and which accounts each serves.
 *
 * @packageDocumentation
 */
export { type NotificationRecipients, type Notifier } from './types';
export { InvalidRecipientError, NotificationError } from './errors';
export { EmailNotifier, type EmailNotifierOptions } from './email-notifier';
export {
  isEmailAddress,
  normalizeAddresses,
  planDestinations,
  SES_MAX_DESTINATIONS,
  type EmailDestination,
} from './email-recipients';
export {
  SLACK_WEBHOOK_HOSTS,
  SlackNotifier,
  TeamsNotifier,
  type TeamsNotifierOptions,
  type WebhookNotifierOptions,
} from './webhook-notifiers';
export { notifyAll, type NotifyResult } from './notify-all';
export {
  CHANNEL_NAMES,
  channelApplies,
  ChannelsConfigSchema,
  ChannelWhenSchema,
  selectedChannels,
  type ChannelName,
  type ChannelsConfig,
  type ChannelTarget,
  type ChannelWhen,
} from './channels';
