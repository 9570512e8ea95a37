import { registerControl, type RegisteredControl } from '../../engine/control';
import { ecr_1 } from './ecr-1';
import { ecr_2 } from './ecr-2';
import { ecr_3 } from './ecr-3';

/** The ECR controls, one line each (`registerControl(<control>)`). */
export const ECR_CONTROLS: readonly RegisteredControl[] = [
  registerControl(ecr_1),
  registerControl(ecr_2),
  registerControl(ecr_3),
];
