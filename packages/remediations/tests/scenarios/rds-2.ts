import { rds_2 } from '../../src/controls/rds/rds-2';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { arrangeInstance, observeInstance } from '../rds-moto-fixtures';

/** RDS.2: a standalone PostgreSQL instance that is publicly accessible. */
export const scenario: RemediationScenario = {
  control: registerControl(rds_2),
  arrange: (access) => arrangeInstance(access, { PubliclyAccessible: true }),
  observe: observeInstance,
};
