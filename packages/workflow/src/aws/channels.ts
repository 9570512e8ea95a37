import {
  channelCredentials,
  createSecretsProvider,
  type ChannelCredentials,
  type CredentialSource,
  type SecretsProvider,
  type SentinelCredentials,
} from '@soar/http/secrets';
import type { HttpClient } from '@soar/http';
import { SlackNotifier, TeamsNotifier, type Notifier } from '@soar/notifications';
import type { Account } from '@soar/scratchpad';
import { SentinelExporter, sentinelRecord } from '@soar/sentinel';
import type { ChatSelector } from '@soar/tickets';
import { channelApplies, type ChannelsConfig, type ChannelWhen } from '@soar/notifications';
import type { FindingExporter } from '../ports';
import type { RuntimeConfig } from '../runtime-config';

/** For tests against a local server: credentials, plain http, and an HTTP client with instant retries. */
export interface ChannelTestOptions {
  readonly credentials?: ChannelCredentials;
  readonly allowInsecureHttp?: boolean;
  readonly http?: HttpClient;
  /** The Entra ID authority (default `https://login.microsoftonline.com`). */
  readonly authorityHost?: string;
}

let provider: SecretsProvider | undefined;

/**
 * The channels' credentials, read from Secrets Manager at their first use and then served from
 * memory for the provider's TTL (one provider per Lambda container, so a warm function reads each
 * secret once every few minutes, not once per message).
 */
function credentialsOf(channels: ChannelsConfig): ChannelCredentials {
  provider ??= createSecretsProvider();
  return channelCredentials(provider, {
    slack: channels.slack?.secretId,
    teams: channels.teams?.secretId,
    sentinel: channels.sentinel?.secretId,
  });
}

/**
 * The chat channels of the configuration (Slack, Teams), each for the accounts its `when` selects.
 * No notifier is built, and no secret read, for a channel that is not configured.
 *
 * @example
 * ```ts
 * const tickets = ticketingFor(config, { ...parts, chat: chatChannelsOf(config) });
 * ```
 */
export function chatChannelsOf(
  config: Pick<RuntimeConfig, 'channels'>,
  options: ChannelTestOptions = {},
): ChatSelector {
  const { slack, teams } = config.channels;
  if (slack === undefined && teams === undefined) return () => [];
  const credentials = options.credentials ?? credentialsOf(config.channels);
  const insecure = {
    ...(options.allowInsecureHttp === true ? { allowInsecureWebhookUrl: true } : {}),
    ...(options.http === undefined ? {} : { http: options.http }),
  };
  const chosen: { readonly notifier: Notifier; readonly when: ChannelWhen | undefined }[] = [
    ...(slack === undefined
      ? []
      : [{ notifier: new SlackNotifier({ credentials: credentials.slack, ...insecure }), when: slack.when }]),
    ...(teams === undefined
      ? []
      : [
          {
            notifier: new TeamsNotifier({
              credentials: credentials.teams,
              ...(teams.allowedHosts === undefined ? {} : { allowedHosts: teams.allowedHosts }),
              ...insecure,
            }),
            when: teams.when,
          },
        ]),
  ];
  return (target) => chosen.filter((c) => channelApplies(c.when, target)).map((c) => c.notifier);
}

/** A finding without account metadata still goes out, with what the finding itself says. */
function accountOrUnknown(accountId: string, account: Account | undefined): Account {
  return (
    account ?? {
      Id: accountId,
      Name: '',
      Email: '',
      TeamEmail: '',
      TeamEmailApp: '',
      OrganizationalUnit: '',
      OrganizationalUnitPath: [],
      Client: 'Unspecified',
      ProjectName: 'Unspecified',
      Team: 'Unspecified',
      Environment: 'Unspecified',
      ProjectId: 'Unspecified',
      ProjectIdApp: 'Unspecified',
      Tags: {},
      AccountNew: false,
    }
  );
}

/**
 * The Sentinel exporter of the configuration, or `undefined` when Sentinel is off. Each finding goes
 * as one redacted record (`sentinelRecord` of `@soar/sentinel` passes the finding and the account
 * through `redact`) with what SOAR did with it as its `IncidentType` (`ticketed`, `remediated`,
 * `ticket_closed`), for the accounts its `when` selects. The DCR id and stream of the configuration,
 * when given, take the place of the secret's.
 *
 * @example
 * ```ts
 * const exporter = sentinelExporterOf(config);
 * await exporter?.export(pad, { outcome: 'ticketed', ticketId: 'SOAR-1', at: new Date() });
 * ```
 */
export function sentinelExporterOf(
  config: Pick<RuntimeConfig, 'channels'>,
  options: ChannelTestOptions = {},
): FindingExporter | undefined {
  const sentinel = config.channels.sentinel;
  if (sentinel === undefined) return undefined;
  const fromSecret = (options.credentials ?? credentialsOf(config.channels)).sentinel;
  const credentials: CredentialSource<SentinelCredentials> = async () => ({
    ...(await fromSecret()),
    ...(sentinel.dcrImmutableId === undefined ? {} : { dcrImmutableId: sentinel.dcrImmutableId }),
    ...(sentinel.streamName === undefined ? {} : { streamName: sentinel.streamName }),
  });
  const exporter = new SentinelExporter({
    credentials,
    ...(options.allowInsecureHttp === true ? { allowInsecureHttp: true } : {}),
    ...(options.http === undefined ? {} : { http: options.http }),
    ...(options.authorityHost === undefined ? {} : { authorityHost: options.authorityHost }),
  });
  return {
    name: exporter.name,
    async export(pad, handled) {
      const target = { environment: pad.account?.Environment, team: pad.account?.Team };
      if (!channelApplies(sentinel.when, target)) return false;
      await exporter.export(
        sentinelRecord(pad.finding, accountOrUnknown(pad.finding.AwsAccountId, pad.account), {
          timeGenerated: handled.at.toISOString(),
          incidentType: handled.outcome,
          ...(handled.ticketId === undefined ? {} : { ticketId: handled.ticketId }),
        }),
      );
      return true;
    },
  };
}
