import { rds_13 } from '../../src/controls/rds/rds-13';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { arrangeInstance, observeInstance } from '../rds-moto-fixtures';

/** RDS.13: a standalone PostgreSQL instance without automatic minor version upgrades. */
export const scenario: RemediationScenario = {
  control: registerControl(rds_13),
  arrange: (access) => arrangeInstance(access, { AutoMinorVersionUpgrade: false }),
  observe: observeInstance,
};
