import { rds_6 } from '../../src/controls/rds/rds-6';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { arrangeInstance, observeInstance } from '../rds-moto-fixtures';

/** RDS.6: a standalone PostgreSQL instance without enhanced monitoring (and no monitoring role yet). */
export const scenario: RemediationScenario = {
  control: registerControl(rds_6),
  arrange: (access) => arrangeInstance(access, { MonitoringInterval: 0 }),
  observe: observeInstance,
};
