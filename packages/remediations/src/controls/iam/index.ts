import { registerControl, type RegisteredControl } from '../../engine/control';
import { iam_8 } from './iam-8';

/** The IAM controls, one line each (`registerControl(<control>)`). */
export const IAM_CONTROLS: readonly RegisteredControl[] = [registerControl(iam_8)];
