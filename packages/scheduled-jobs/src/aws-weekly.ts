/**
 * `@soar/scheduled-jobs/weekly-aws`: the weekly AI security report's ports wired to AWS (a module of
 * its own, so that the other scheduled functions do not bundle the report and its AI).
 *
 * @packageDocumentation
 */
import { createAccountMetadataService } from '@soar/accounts';
import { listActiveAccountIds } from '@soar/accounts/sources';
import { proseOnFirstUse, tokenUsageMetric } from '@soar/ai-prompts/analyst';
import type { SoarLogger } from '@soar/common';
import { EmailNotifier } from '@soar/notifications';
import type { WeeklyReportPorts } from '@soar/reporting';
import { TicketStore } from '@soar/tickets';
import { awsClients } from '@soar/workflow/aws';
import { accountMetadataConfigOf, type RuntimeConfig } from '@soar/workflow/config';
import { awsIncidentLog, awsRemediationHistory } from '@soar/workflow/history';
import * as z from 'zod';
import { reportEmail, weeklyReportSources } from './weekly';

export { reportEmail, weeklyReportSources, type WeeklyReportStores } from './weekly';

/** What the stack tells the weekly report's function, besides SOAR's configuration. */
const WeeklyReportEnvSchema = z.lazy(() =>
  z.object({
    SOAR_REPORT_BUCKET: z.string().min(3),
    SOAR_WEEKLY_REPORT: z
      .string()
      .transform((text) => JSON.parse(text) as unknown)
      .pipe(
        z.object({
          recipients: z.array(z.string()).default([]),
          isoWeekInTitle: z.boolean().default(true),
        }),
      ),
  }),
);

/**
 * The weekly report's ports in AWS: the organization's accounts (Organizations, with the metadata
 * cache), each account's tickets from the tickets table's account index, the remediation history,
 * the prose from the configured model, the report stored in its bucket and emailed to the
 * configured recipients.
 *
 * @throws {z.ZodError} when the stack did not name the report bucket
 *
 * @example
 * ```ts
 * const ports = awsWeeklyReportPorts(config, process.env, { logger });
 * ```
 */
export function awsWeeklyReportPorts(
  config: RuntimeConfig,
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly logger?: SoarLogger } = {},
): WeeklyReportPorts {
  const { SOAR_REPORT_BUCKET: bucket, SOAR_WEEKLY_REPORT: report } = WeeklyReportEnvSchema.parse(env);
  const logger = options.logger === undefined ? {} : { logger: options.logger };
  const organizations = awsClients.organizations(config);
  const service = createAccountMetadataService({
    organizationsClient: organizations,
    dynamoDbClient: awsClients.dynamodb(config),
    config: accountMetadataConfigOf(config),
    ...logger,
  });
  const store = new TicketStore({
    dynamodb: awsClients.dynamodb(config),
    tableName: config.tables.tickets,
    sla: config.sla,
  });
  // The S3 client and the store are loaded when the report is stored, once a week.
  let reports: Promise<{ put(key: string, html: string): Promise<{ uri: string }> }> | undefined;
  const reportStore = () =>
    (reports ??= Promise.all([import('@aws-sdk/client-s3'), import('@soar/reporting/aws')]).then(
      ([{ S3Client }, { s3ReportStore }]) =>
        s3ReportStore({
          s3: new S3Client(config.region === undefined ? {} : { region: config.region }),
          bucket,
        }),
    ));
  const email = new EmailNotifier({ from: config.email.from, sendEmail: config.email.send, ...logger });
  const prose = proseOnFirstUse(config.ai, { ...logger, onUsage: tokenUsageMetric() });
  return {
    sources: weeklyReportSources({
      accounts: async () => [
        ...(await service.getAccounts(await listActiveAccountIds(organizations))).accounts.values(),
      ],
      tickets: store,
      remediations:
        config.tables.remediationHistory === undefined ? undefined : awsRemediationHistory(config),
      incidents: config.tables.incidentLog === undefined ? undefined : awsIncidentLog(config),
      ...logger,
    }),
    ...(prose === undefined ? {} : { prose }),
    store: { put: async (key, html) => (await reportStore()).put(key, html) },
    ...(report.recipients.length === 0
      ? {}
      : { deliver: (made) => email.send(reportEmail(made), { to: report.recipients }) }),
    productName: config.productName,
    isoWeekInTitle: report.isoWeekInTitle,
    ...logger,
  };
}
