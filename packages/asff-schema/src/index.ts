/**
 * zod schemas and types for the AWS Security Finding Format (ASFF) and the Amazon EventBridge events
 * that carry findings and CloudWatch alarm state changes, with parse helpers that report field paths
 * and accessors for the facts a SOAR pipeline routes on.
 *
 * Every object schema is loose (`z.looseObject`): fields that AWS adds later are kept, never dropped.
 *
 * The root entry holds what most code needs: parsing, errors, accessors, the finding and the events
 * SOAR handles. The schema of every part of a finding and of every resource `Details` type is in
 * `@soar/asff-schema/schemas`, every EventBridge envelope and its parts in `@soar/asff-schema/events`.
 *
 * @packageDocumentation
 */

// Parsing
export {
  isAsffFinding,
  parseAlarmStateChangeEvent,
  parseFinding,
  parseFindingsEvent,
  safeParseAlarmStateChangeEvent,
  safeParseFinding,
  safeParseFindingsEvent,
  type SafeParseResult,
} from './parse';
export { safeParseWith } from './internal/validation';
export { describeZodIssues, type DescribeIssuesOptions } from './issues';

// Errors
export { AsffSchemaError, AsffValidationError, type AsffValidationIssue } from './errors';

// Accessors and ARNs
export {
  getAccountId,
  getControlId,
  getGeneratorControlId,
  getPartition,
  getRegion,
  getSeverityLabel,
  isControlFinding,
} from './accessors';
export { type Arn, AWS_PARTITIONS, type AwsPartition, parseArn } from './arn';
export { ASFF_LIMITS } from './limits';

// The finding
export { type AwsSecurityFinding, AwsSecurityFindingSchema } from './finding/aws-security-finding';
export { type Resource, ResourceSchema } from './finding/resource';
export { NORMALIZED_SEVERITY_BY_LABEL, type SeverityLabel, SeverityLabelSchema } from './finding/severity';
export { type WorkflowStatus } from './finding/workflow';

// The events SOAR handles (every envelope and its parts: `@soar/asff-schema/events`)
export {
  type SecurityHubFindingsImportedEvent,
  SecurityHubFindingsImportedEventSchema,
} from './events/security-hub-findings-imported-event';
export {
  type SecurityHubFindingsCustomActionEvent,
  SecurityHubFindingsCustomActionEventSchema,
} from './events/security-hub-findings-custom-action-event';
export {
  type CloudWatchAlarmStateChangeEvent,
  CloudWatchAlarmStateChangeEventSchema,
} from './events/cloudwatch-alarm-state-change-event';
