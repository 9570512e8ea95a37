/** The AWS Health reclassifier: downgrade Health notification findings to INFORMATIONAL. */
export {
  HEALTH_FINDING_TYPES,
  HEALTH_NOTIFICATION_MARKERS,
  planHealthReclassification,
  reclassifyHealthFinding,
  type HealthReclassificationPlan,
  type HealthReclassificationResult,
  type HealthReclassifierConfig,
  type HealthSkipReason,
} from './health-reclassifier';
