import * as z from 'zod';

/** The channels SOAR can copy its work to besides email and the ticket system. */
export const CHANNEL_NAMES = ['slack', 'teams', 'sentinel'] as const;
/** `slack`, `teams` or `sentinel`: also the step name of a channel's failure rows. */
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/**
 * Where a channel is used: the accounts whose environment is one of `environments` AND whose team is
 * one of `teams` (compared case-insensitively). A list left out matches every account; `*` in a list
 * matches every value too.
 *
 * @example
 * ```yaml
 * when: { environments: [PROD], teams: [payments, identity] }
 * ```
 */
export const ChannelWhenSchema = z.lazy(() =>
  z.strictObject({
    environments: z.array(z.string().trim().min(1)).min(1).optional(),
    teams: z.array(z.string().trim().min(1)).min(1).optional(),
  }),
);
export type ChannelWhen = z.infer<typeof ChannelWhenSchema>;

/** A Secrets Manager secret: its name or its ARN. */
const secretId = () => z.string().trim().min(1);

/**
 * A webhook channel (Slack incoming webhook, Teams Workflows webhook). The webhook URL is a
 * credential: it lives in the secret `secretId` (`{ "webhookUrl": "https://…" }`), never in the
 * configuration.
 */
const webhookChannelShape = () => ({
  /** The secret with `{ "webhookUrl": … }`; the stack creates one to fill in when left out. */
  secretId: secretId().optional(),
  when: ChannelWhenSchema.optional(),
});

/**
 * Optional channels, each off unless present (`slack: {}` sends every message to Slack too). Their
 * failures never stop the email: each is retried by the HTTP client, then recorded as a failure row
 * (step `slack`, `teams` or `sentinel`) and alarmed.
 *
 * @example
 * ```yaml
 * channels:
 *   slack: { when: { teams: [payments] } }
 *   teams: { secretId: soar/teams, allowedHosts: [.logic.azure.com], when: { environments: [PROD] } }
 *   sentinel: { secretId: soar/sentinel }
 * ```
 */
export const ChannelsConfigSchema = z.lazy(() =>
  z.strictObject({
    slack: z.strictObject(webhookChannelShape()).optional(),
    teams: z
      .strictObject({
        ...webhookChannelShape(),
        /** Hosts (exact, or a suffix starting with `.`) the Workflows URL may point at; default any https host. */
        allowedHosts: z.array(z.string().trim().min(1)).min(1).optional(),
      })
      .optional(),
    /**
     * Microsoft Sentinel (Azure Monitor Logs Ingestion API): the secret holds the Entra app
     * credentials, the ingestion endpoint, the DCR immutable id and the stream; `dcrImmutableId` and
     * `streamName` here, when given, take the place of the secret's.
     */
    sentinel: z
      .strictObject({
        secretId: secretId().optional(),
        dcrImmutableId: z
          .string()
          .regex(/^dcr-[0-9a-f]{32}$/u, 'must look like dcr-<32 hex characters>')
          .optional(),
        streamName: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,128}$/u, 'must be a DCR stream name')
          .optional(),
        when: ChannelWhenSchema.optional(),
      })
      .optional(),
  }),
);
export type ChannelsConfig = z.infer<typeof ChannelsConfigSchema>;

/** The account a message or record is about, as the channel selection sees it. */
export interface ChannelTarget {
  readonly environment?: string | undefined;
  readonly team?: string | undefined;
}

function listMatches(list: readonly string[] | undefined, value: string | undefined): boolean {
  if (list === undefined) return true;
  const wanted = value?.trim().toUpperCase();
  return list.some((item) => item === '*' || (wanted !== undefined && item.trim().toUpperCase() === wanted));
}

/**
 * Whether a channel selected by `when` is used for an account: every list given must match (an
 * account without an environment or team matches only `*` or a list left out).
 *
 * @example
 * ```ts
 * channelApplies({ environments: ['PROD'] }, { environment: 'prod', team: 'payments' }); // true
 * channelApplies({ teams: ['identity'] }, { environment: 'PROD', team: 'payments' });     // false
 * ```
 */
export function channelApplies(
  when: { readonly environments?: readonly string[]; readonly teams?: readonly string[] } | undefined,
  target: ChannelTarget,
): boolean {
  return listMatches(when?.environments, target.environment) && listMatches(when?.teams, target.team);
}

/**
 * The configured channels used for an account, in the order `slack`, `teams`, `sentinel`.
 *
 * @example
 * ```ts
 * selectedChannels({ slack: { when: { teams: ['payments'] } }, sentinel: {} }, { team: 'payments' });
 * // ['slack', 'sentinel']
 * ```
 */
export function selectedChannels(channels: ChannelsConfig, target: ChannelTarget): ChannelName[] {
  return CHANNEL_NAMES.filter((name) => {
    const channel = channels[name];
    return channel !== undefined && channelApplies(channel.when, target);
  });
}
