import { rds_11 } from '../../src/controls/rds/rds-11';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { arrangeInstance, observeInstance } from '../rds-moto-fixtures';

/** RDS.11: a standalone PostgreSQL instance with automated backups off. */
export const scenario: RemediationScenario = {
  control: registerControl(rds_11),
  arrange: (access) => arrangeInstance(access, { BackupRetentionPeriod: 0 }),
  observe: observeInstance,
};
