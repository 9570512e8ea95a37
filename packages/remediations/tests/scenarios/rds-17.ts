import { rds_17 } from '../../src/controls/rds/rds-17';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { arrangeInstance, observeInstance } from '../rds-moto-fixtures';

/** RDS.17: a standalone PostgreSQL instance that does not copy tags to snapshots. */
export const scenario: RemediationScenario = {
  control: registerControl(rds_17),
  arrange: (access) => arrangeInstance(access, { CopyTagsToSnapshot: false }),
  observe: observeInstance,
};
