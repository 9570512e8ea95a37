/**
 * `@soar/reporting`: SOAR's weekly security report: facts read leniently from the tickets, the
 * auto-remediation history and the incident history; every figure computed by us; a self-contained
 * HTML document with inline SVG charts and the model's prose (sanitised) around our tables; the step
 * that stores and delivers it. The S3 store is on `@soar/reporting/aws`.
 *
 * @packageDocumentation
 */
export {
  AccountFactSchema,
  IncidentFactSchema,
  readFacts,
  RemediationFactSchema,
  SEVERITIES,
  TicketFactSchema,
  type AccountFact,
  type FactSource,
  type IncidentFact,
  type RawFacts,
  type RemediationFact,
  type ReportFacts,
  type TicketFact,
  type UnreadableRow,
} from './facts';
export {
  assembleWeeklyReport,
  isoWeekOf,
  type AccountRow,
  type AccountSection,
  type AssembleOptions,
  type OpenTicketLine,
  type SeverityCounts,
  type WeeklyReport,
} from './assemble';
export { renderWeeklyReportHtml, type ReportProse } from './render/html';
export {
  reportKey,
  weeklyReportStep,
  type ProseRequest,
  type ReportSources,
  type WeeklyReportPorts,
  type WeeklyReportSummary,
} from './step';
export {
  ReportDeliveryError,
  ReportingError,
  ReportOptionsError,
  ReportSourceError,
  ReportStoreError,
} from './errors';
