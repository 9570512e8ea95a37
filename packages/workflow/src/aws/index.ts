/**
 * `@soar/workflow/aws`: each port of the steps wired to AWS, one factory per port, so a function's
 * entry builds (and its bundle carries) only the ports its step names. Clients are created on first
 * use, once per Lambda container.
 *
 * @packageDocumentation
 */
export { awsAccountLookup } from './accounts';
export { chatChannelsOf, sentinelExporterOf } from './channels';
export { awsClients, memoize, sendThrough } from './clients';
export { awsExecutionStarter, stepFunctionsStarter } from './executions';
export { awsControlsSync, awsOrganizationAccounts } from './controls-sync';
export {
  awsFailureRecorder,
  createDynamoDbFailureRecorder,
  FAILURE_RECORDED_LOG_MESSAGE,
  failuresTableDefinition,
} from './failures';
export { awsGateLoader, loadGateData, type GateDataSource } from './gate-loader';
export { awsRemediator } from './remediator';
export { awsSecurityHubPort } from './security-hub';
export { awsTicketOperations } from './tickets';
export { awsWatermarks, createDynamoDbWatermarks, watermarksTableDefinition } from './watermarks';
