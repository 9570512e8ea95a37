import { rds_9 } from '../../src/controls/rds/rds-9';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { arrangeInstance, observeInstance } from '../rds-moto-fixtures';

/** RDS.9: a standalone PostgreSQL instance that publishes no logs to CloudWatch Logs. */
export const scenario: RemediationScenario = {
  control: registerControl(rds_9),
  arrange: (access) => arrangeInstance(access),
  observe: observeInstance,
};
