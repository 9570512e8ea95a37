import { ec2_14 } from '../../src/controls/ec2/ec2-14';
import { registerControl } from '../../src/engine/control';
import type { RemediationScenario } from '../remediation-harness';
import { arrangeOpenPortGroup, observeGroupRules } from './ec2-13';

export const scenario: RemediationScenario = {
  control: registerControl(ec2_14),
  arrange: (access) => arrangeOpenPortGroup(access, 3389),
  observe: observeGroupRules,
};
