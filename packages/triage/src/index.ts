/**
 * `@soar/triage`: every decision SOAR makes before acting, as pure functions of data: the route of a
 * finding (`decide`, its gates and penalty score). The suppression-rule language is in
 * `@soar/triage/suppression`, the AWS Health reclassifier in `@soar/triage/health`, account
 * reassignment in `@soar/triage/reassignment`.
 *
 * @packageDocumentation
 */
export { SuppressionRuleError, TriageError, type SuppressionRuleErrorDetails } from './errors';
export {
  DEFAULT_ENVIRONMENT_NAMES,
  DecideConfigSchema,
  EnvironmentNamesSchema,
  TransientGateActionSchema,
  type DecideConfig,
  type DecideConfigInput,
  type EnvironmentNames,
  type TransientGateAction,
} from './decide/config';
export { decide, NO_GATE_DATA, type GateData } from './decide/decide';
export {
  provenanceOf,
  SECURITY_HUB_PRODUCT,
  TrustedProductsSchema,
  type Provenance,
} from './decide/provenance';
export {
  DECISION_RULES,
  DecisionRuleSchema,
  DecisionSchema,
  GATES,
  GateNameSchema,
  GateVerdictSchema,
  RouteSchema,
  type Decision,
  type DecisionRule,
  type GateName,
  type GateVerdict,
  type Route,
} from './decide/decision';
export {
  ENVIRONMENT_FACTORS,
  environmentClass,
  normalizedSeverity,
  penaltyScore,
  type EnvironmentClass,
} from './decide/penalty';
export { checkSuppressionRule, type RuleCheck } from './decide/rule-check';
