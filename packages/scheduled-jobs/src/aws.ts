import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { createAccountMetadataService } from '@soar/accounts';
import { listActiveAccountIds } from '@soar/accounts/sources';
import type { SoarLogger } from '@soar/common';
import { EmailNotifier } from '@soar/notifications';
import type { TicketSystem } from '@soar/ticket-systems';
import { TicketStore } from '@soar/tickets';
import { ticketingFor, WorkflowError } from '@soar/workflow';
import { awsAccountLookup, awsClients, awsFailureRecorder, chatChannelsOf } from '@soar/workflow/aws';
import { accountMetadataConfigOf, type RuntimeConfig } from '@soar/workflow/config';
import type { RemediationHistory } from '@soar/history';
import { awsIncidentLog, awsRemediationHistory } from '@soar/workflow/history';
import type { AccountRefresher, HistorySource, HourlyPorts, MetricsSink } from './hourly';

import type { MetricPoint } from './statistics';

/**
 * The statistics as CloudWatch embedded metric format (EMF) lines on standard output, written by
 * Powertools Metrics: CloudWatch Logs turns them into metrics, with no `PutMetricData` call and no
 * permission. Each point carries its one dimension and nothing else (Powertools' default `service`
 * dimension is dropped), so that the dashboards can group by `SCHEMA(<namespace>, Account)`. Points
 * with the same dimension value share one line.
 *
 * @example
 * ```ts
 * emfMetricsSink({ namespace: 'SOAR' }).publish(ticketMetrics(tickets, now, sla));
 * ```
 */
export function emfMetricsSink(options: { readonly namespace: string }): MetricsSink {
  return {
    publish(points: readonly MetricPoint[]) {
      const lines = new Map<string, MetricPoint[]>();
      for (const point of points) {
        const key = `${point.dimension.name}\n${point.dimension.value}`;
        lines.set(key, [...(lines.get(key) ?? []), point]);
      }
      for (const group of lines.values()) {
        const first = group[0];
        if (first === undefined) continue;
        const metrics = new Metrics({ namespace: options.namespace });
        metrics.clearDefaultDimensions();
        metrics.addDimension(first.dimension.name, first.dimension.value);
        for (const point of group) metrics.addMetric(point.name, MetricUnit.Count, point.value);
        metrics.publishStoredMetrics();
      }
    },
  };
}

/**
 * The ports of the hourly tasks in AWS: the ticket store (open tickets, reminders), the ticketing
 * service that sends the reminders (SES), the team addresses from account metadata, the failures
 * table, and the statistics as EMF in `metricNamespace`.
 *
 * @example
 * ```ts
 * const ports = awsHourlyPorts(config, { logger, metricNamespace: 'SOAR' });
 * ```
 */
export function awsHourlyPorts(
  config: RuntimeConfig,
  options: { readonly logger?: SoarLogger; readonly metricNamespace: string },
): HourlyPorts {
  const logger = options.logger === undefined ? {} : { logger: options.logger };
  const store = new TicketStore({
    dynamodb: awsClients.dynamodb(config),
    tableName: config.tables.tickets,
    sla: config.sla,
  });
  return {
    tickets: ticketingFor(config, {
      store,
      ticketSystem: remindersOnly(config.ticketing.system),
      email: new EmailNotifier({
        from: config.email.from,
        cc: config.email.cc,
        bcc: config.email.bcc,
        sendEmail: config.email.send,
        ...logger,
      }),
      // A reminder's Slack or Teams copy, for the accounts the channel is chosen for.
      chat: chatChannelsOf(config),
      accounts: awsAccountLookup(config),
      ...logger,
    }),
    openTickets: store,
    failures: awsFailureRecorder(config, logger),
    metrics: emfMetricsSink({ namespace: options.metricNamespace }),
    sla: config.sla,
    ...(config.tables.remediationHistory === undefined
      ? {}
      : { autoRemediations: performedRemediations(awsRemediationHistory(config)) }),
    // Every incident, ticketed or not (`TotalIncidents{Action=Processed}` and its breakdowns).
    ...(config.tables.incidentLog === undefined ? {} : { incidents: awsIncidentLog(config) }),
    ...logger,
  };
}

/**
 * The auto-remediations the statistics count (`TotalAutoRemediations{Action=Performed}`): the
 * history's `remediated` rows, not the simulated ones, nor those SOAR could not or did not fix.
 */
export function performedRemediations(history: Pick<RemediationHistory, 'listSince'>): HistorySource {
  return {
    listSince: async (since) =>
      (await history.listSince(since)).filter((row) => row.outcome === 'remediated' && !row.simulated),
  };
}

/**
 * The ticket system as the reminders see it: they neither open nor close a ticket, so the hourly
 * bundle carries no Jira or ServiceNow client (and no credentials are read).
 */
function remindersOnly(name: string): TicketSystem {
  const refuse = (): never => {
    throw new WorkflowError(`The hourly tasks do not open or close ${name} tickets`, {
      context: { step: 'hourly' },
    });
  };
  return { name, open: refuse, close: refuse, isValidTicketId: () => true };
}

/**
 * The account cache refresh in AWS: the organization's active accounts from Organizations, each
 * row rewritten in SOAR's accounts table with a lifetime of `ttlSeconds`.
 *
 * @example
 * ```ts
 * const accounts = awsAccountRefresher(config, { ttlSeconds: 12 * 3600 });
 * ```
 */
export function awsAccountRefresher(
  config: Pick<RuntimeConfig, 'accounts' | 'tables' | 'region' | 'ticketing'>,
  options: { readonly ttlSeconds: number; readonly logger?: SoarLogger },
): AccountRefresher {
  const organizations = awsClients.organizations(config);
  const service = createAccountMetadataService({
    organizationsClient: organizations,
    dynamoDbClient: awsClients.dynamodb(config),
    config: accountMetadataConfigOf(config),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  return {
    listAccountIds: () => listActiveAccountIds(organizations),
    refresh: (accountId) => service.refresh(accountId, { ttlSeconds: options.ttlSeconds }),
  };
}
