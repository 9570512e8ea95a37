/**
 * `@soar/soar-core-infra`: the CDK constructs of the soar-core app, parameterised by what the app
 * passes in (its functions, its parsed configuration): the finding processor and enabled-controls
 * sync state machines, the scheduled jobs, the channel and ticket system secrets, the tables, the
 * member-role stack, SOAR's monitoring with its security status dashboard, the least-privilege
 * grants and the cdk-nag acknowledgements of the stack. The shared setup (function defaults, alarms,
 * monitoring, cdk-nag wiring) is `@soar/constructs`'. Only apps import it (tag `type:infra`).
 *
 * @packageDocumentation
 */
export {
  FindingProcessor,
  SERVICE_TRANSIENT,
  STATE_NAMES,
  TICKET_BUSY,
  TICKET_SYSTEM,
  type FindingProcessorFunctions,
} from './finding-processor';
export { FINDING_EVENT_PATTERNS } from './findings-rules';
export {
  INCIDENT_STATE_NAMES,
  IncidentsWorkflow,
  IncidentTables,
  type IncidentsWorkflowFunctions,
} from './incidents-workflow';
export { grantFindingProcessing, type FindingProcessingAccess } from './grants';
export {
  DEFAULT_MEMBER_ROLE_NAME,
  MEMBER_ACCESS_TAG,
  memberRoleActions,
  SoarMemberRoleStack,
  tagMemberAccessRoles,
  type SoarMemberRoleStackProps,
} from './member-role-stack';
export { SoarMonitoring, type SoarDashboards, type SoarMonitoringProps } from './monitoring';
export { acknowledgeNagFindings } from './nag';
export { CHANNEL_FAILURES_ALARM_NAME, CHANNEL_SECRET_SHAPE, SoarChannels } from './channels';
export { ScheduledJobs, type ScheduledJobsProps, type ScheduledJobsSchedule } from './scheduled-jobs';
export {
  SYNC_ACCOUNT_ALARM_NAME,
  SYNC_MAP_CONCURRENCY,
  SYNC_SM_ALARM_NAME,
  SYNC_STATE_NAMES,
  SYNC_WORKFLOW_ALARM,
  SyncControlsWorkflow,
  type SyncControlsWorkflowProps,
} from './sync-controls';
export { SoarTables, type SoarTableSet } from './tables';
export { ticketingRuntime, ticketSystemSecret } from './ticket-secret';
