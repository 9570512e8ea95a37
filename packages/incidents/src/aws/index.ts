/**
 * `@soar/incidents/aws`: the AWS adapters of containment. EC2 in the instance's own account through
 * `@soar/aws-access`, and the forensic disk collection hand-off (a Lambda function or a state machine).
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
