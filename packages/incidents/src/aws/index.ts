/**
 * `@soar/incidents/aws`: the AWS adapters of incidents. EC2 containment in the instance's own account
 * through `@soar/aws-access`, the forensic disk collection hand-off (a Lambda function or a state
 * machine), the local suppressions table, the sources of an alarm's context and the incident history.
 *
 * @packageDocumentation
 */
export {
  CONTAINMENT_IAM_ACTIONS,
  CONTAINMENT_PURPOSE,
  createEc2Containment,
  type Ec2ContainmentOptions,
} from './ec2';
export { createForensicsHandOff, forensicsExecutionName, type ForensicsHandOffOptions } from './forensics';
export {
  alarmContextSources,
  awsIncidentPorts,
  dynamoDbLocalSuppressions,
  ENRICHMENT_IAM_ACTIONS,
  ENRICHMENT_PURPOSE,
  incidentHistoryRecorder,
} from './incident-ports';
