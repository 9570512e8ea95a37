/**
 * `@soar/incidents`: how SOAR handles incidents, every finding that is not a control check, as pure
 * decisions: classification (EC2, IAM user, S3, EKS, generic; INFRA or APP), product filters,
 * per-severity notification and ticket rules, local suppressions, penalty ({@link planIncident}), and
 * the guarded GuardDuty EC2 containment ({@link containmentDecision}, {@link containIncident}). The
 * AWS adapters of containment are in `@soar/incidents/aws`.
 *
 * @packageDocumentation
 */
export { ContainmentError, IncidentConfigError, IncidentsError } from './errors';
export {
  IncidentsConfigSchema,
  parseIncidentsConfig,
  PRODUCT_FILTERS,
  type ContainmentConfig,
  type ForensicsConfig,
  type IncidentsConfig,
  type IncidentsConfigInput,
  type ProductFilter,
} from './config';
export {
  classifyIncident,
  INCIDENT_KINDS,
  parseGuardDutyType,
  type GuardDutyDetails,
  type GuardDutyType,
  type IncidentClassification,
  type IncidentKind,
  type InstanceRef,
} from './classify';
export { productFilter, type FilterReason } from './filters';
export {
  planIncident,
  severityRules,
  type ContainmentIntent,
  type IncidentContext,
  type IncidentPlan,
  type SeverityRules,
  type TicketPlan,
} from './plan';
export {
  containmentDecision,
  containmentTarget,
  InstanceSnapshotSchema,
  type ContainmentDecision,
  type InstanceSnapshot,
  type RefusalReason,
} from './containment/guard';
export {
  containIncident,
  type ContainmentOutcome,
  type ContainmentPorts,
  type ForensicsRequest,
  type ForensicsResult,
  type TerminationResult,
} from './containment/contain';
