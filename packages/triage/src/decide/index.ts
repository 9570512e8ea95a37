export {
  DEFAULT_ENVIRONMENT_NAMES,
  DecideConfigSchema,
  EnvironmentNamesSchema,
  TransientGateActionSchema,
  type DecideConfig,
  type DecideConfigInput,
  type EnvironmentNames,
  type TransientGateAction,
} from './config';
export { decide, NO_GATE_DATA, type GateData } from './decide';
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
} from './decision';
export {
  GateDataError,
  GateTablesSchema,
  loadGateData,
  type GateDataSource,
  type GateTables,
} from './gate-data';
export {
  ENVIRONMENT_FACTORS,
  environmentClass,
  normalizedSeverity,
  penaltyScore,
  type EnvironmentClass,
} from './penalty';
export { checkSuppressionRule, type RuleCheck } from './rule-check';
