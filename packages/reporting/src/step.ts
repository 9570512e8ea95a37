import { describeError, mapLimited, SILENT_LOGGER, type SoarLogger } from '@soar/common';
import { assembleWeeklyReport, TREND_WEEKS, type AccountSection, type WeeklyReport } from './assemble';
import { ReportDeliveryError, ReportSourceError, ReportStoreError } from './errors';
import { readFacts, type FactSource, type RawFacts } from './facts';
import { renderWeeklyReportHtml, type ReportProse } from './render/html';

const DAY_MS = 86_400_000;

/**
 * Where the facts come from. Each returns rows of any shape (read leniently, see `readFacts`):
 * `tickets(since)` every ticket open now and every ticket opened or closed at or after `since`;
 * `remediations(since)` and `incidents(since)` the history rows at or after `since`.
 */
export interface ReportSources {
  accounts(): Promise<readonly unknown[]>;
  tickets(since: Date): Promise<readonly unknown[]>;
  remediations(since: Date): Promise<readonly unknown[]>;
  incidents(since: Date): Promise<readonly unknown[]>;
}

/** A section the model is asked to write, with our data for it (figures it must not change). */
export interface ProseRequest {
  readonly id: 'overview' | 'recommendations' | 'account';
  readonly accountId?: string | undefined;
  readonly data: unknown;
}

/** What the weekly report step acts through. */
export interface WeeklyReportPorts {
  readonly sources: ReportSources;
  /** Writes a section's prose (HTML); `undefined` or a failure leaves the section without prose. */
  readonly prose?: ((section: ProseRequest) => Promise<string | undefined>) | undefined;
  readonly store: { put(key: string, html: string): Promise<{ uri: string }> };
  readonly deliver?: ((report: { subject: string; html: string; uri: string }) => Promise<void>) | undefined;
  /** Shown in the title. Default `SOAR`. */
  readonly productName?: string | undefined;
  readonly isoWeekInTitle?: boolean | undefined;
  readonly clock?: (() => Date) | undefined;
  readonly logger?: SoarLogger | undefined;
  /** Most prose sections asked for at once. Default 4. */
  readonly concurrency?: number | undefined;
}

/** What one run of the weekly report did. */
export interface WeeklyReportSummary {
  readonly key: string;
  readonly uri: string;
  readonly subject: string;
  readonly delivered: boolean;
  readonly accounts: number;
  readonly accountsWithIssues: number;
  readonly openTickets: number;
  readonly overdueTickets: number;
  readonly autoRemediations: number;
  readonly incidents: number;
  /** `overview`, `recommendations` and `account:<id>` for each section left without prose. */
  readonly sectionsWithoutProse: readonly string[];
  readonly unreadableRows: number;
}

/** The object key of a report: `weekly-security-report-<YYYY-MM-DD>.html`. */
export function reportKey(date: string): string {
  return `weekly-security-report-${date}.html`;
}

async function read(
  source: FactSource,
  load: () => Promise<readonly unknown[]>,
): Promise<readonly unknown[]> {
  try {
    return await load();
  } catch (error) {
    throw new ReportSourceError(
      source,
      `The ${source} of the weekly report could not be read: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** The prose requests of a report: the overview, the recommendations and one per account. */
function proseRequests(report: WeeklyReport): { name: string; request: ProseRequest }[] {
  const figures = {
    title: report.title,
    windows: report.windows,
    accounts: report.accounts,
    tickets: report.tickets,
    remediations: report.remediations,
    incidents: report.incidents,
  };
  const account = (section: AccountSection): { name: string; request: ProseRequest } => ({
    name: `account:${section.row.accountId}`,
    request: { id: 'account', accountId: section.row.accountId, data: section },
  });
  return [
    { name: 'overview', request: { id: 'overview', data: figures } },
    ...report.accountSections.map(account),
    {
      name: 'recommendations',
      request: { id: 'recommendations', data: { ...figures, accounts: report.accountRows } },
    },
  ];
}

/**
 * The weekly report: reads the facts of the last four weeks, assembles the figures, asks the model
 * for the prose of each section (at most `concurrency` at once; a failure leaves that section
 * without prose, logged, and the report goes on), renders the HTML, stores it under
 * `weekly-security-report-<YYYY-MM-DD>.html`, then delivers it.
 *
 * @throws {ReportSourceError} when a source cannot be read (nothing is stored)
 * @throws {ReportStoreError} when the report cannot be stored (nothing is delivered)
 * @throws {ReportDeliveryError} when the stored report cannot be delivered (it names where it is)
 *
 * @example
 * ```ts
 * const summary = await weeklyReportStep({ sources, prose, store: s3ReportStore({ s3, bucket }), deliver });
 * summary.sectionsWithoutProse; // []
 * ```
 */
export async function weeklyReportStep(ports: WeeklyReportPorts): Promise<WeeklyReportSummary> {
  const now = (ports.clock ?? (() => new Date()))();
  const logger = ports.logger ?? SILENT_LOGGER;
  const since = new Date(now.getTime() - TREND_WEEKS * 7 * DAY_MS);
  const [accounts, tickets, remediations, incidents] = await Promise.all([
    read('accounts', () => ports.sources.accounts()),
    read('tickets', () => ports.sources.tickets(since)),
    read('remediations', () => ports.sources.remediations(since)),
    read('incidents', () => ports.sources.incidents(since)),
  ]);
  const raw: RawFacts = { accounts, tickets, remediations, incidents };
  const { facts, unreadable } = readFacts(raw);
  if (unreadable.length > 0)
    logger.warn('Weekly report: rows could not be read; not counted', {
      unreadable: unreadable.length,
      rows: unreadable
        .slice(0, 20)
        .map((row) => ({ source: row.source, index: row.index, fields: row.fields })),
    });
  const report = assembleWeeklyReport(facts, {
    now,
    productName: ports.productName ?? 'SOAR',
    isoWeekInTitle: ports.isoWeekInTitle,
    unreadable,
  });

  const written = new Map<string, string>();
  const prose = ports.prose;
  const requests = proseRequests(report);
  if (prose !== undefined) {
    await mapLimited(requests, ports.concurrency ?? 4, async ({ name, request }) => {
      try {
        const html = await prose(request);
        if (html !== undefined && html.trim() !== '') written.set(name, html);
        else logger.warn('Weekly report: no prose for a section', { section: name });
      } catch (error) {
        logger.warn('Weekly report: prose failed; the section goes without it', {
          section: name,
          error: describeError(error),
        });
      }
    });
  }
  const accountProse: Record<string, string> = {};
  for (const section of report.accountSections) {
    const html = written.get(`account:${section.row.accountId}`);
    if (html !== undefined) accountProse[section.row.accountId] = html;
  }
  const html = renderWeeklyReportHtml(report, {
    overview: written.get('overview'),
    recommendations: written.get('recommendations'),
    accounts: accountProse,
  } satisfies ReportProse);
  const sectionsWithoutProse = requests.map(({ name }) => name).filter((name) => !written.has(name));

  const key = reportKey(report.date);
  let uri: string;
  try {
    ({ uri } = await ports.store.put(key, html));
  } catch (error) {
    throw new ReportStoreError(
      key,
      `The weekly report could not be stored as ${key}: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  let delivered = false;
  if (ports.deliver !== undefined) {
    try {
      await ports.deliver({ subject: report.title, html, uri });
      delivered = true;
    } catch (error) {
      throw new ReportDeliveryError(
        uri,
        `The weekly report is stored at ${uri} but could not be delivered: ${describeError(error)}`,
        { cause: error },
      );
    }
  }
  const summary: WeeklyReportSummary = {
    key,
    uri,
    subject: report.title,
    delivered,
    accounts: report.accounts.total,
    accountsWithIssues: report.accounts.withIssues,
    openTickets: report.tickets.open[0] ?? 0,
    overdueTickets: report.tickets.overdue[0] ?? 0,
    autoRemediations: report.remediations.remediated[0] ?? 0,
    incidents: report.incidents.count[0] ?? 0,
    sectionsWithoutProse,
    unreadableRows: unreadable.length,
  };
  logger.info('Weekly report done', { ...summary, sectionsWithoutProse: sectionsWithoutProse.length });
  return summary;
}
