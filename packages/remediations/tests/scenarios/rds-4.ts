import { rds_4 } from '../../src/controls/rds/rds-4';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { arrangeManualSnapshot } from '../rds-moto-fixtures';

/** RDS.4: a manual, unencrypted DB snapshot of a standalone instance, shared with nobody. */
export const scenario: RemediationScenario = {
  control: registerControl(rds_4),
  arrange: arrangeManualSnapshot,
};
