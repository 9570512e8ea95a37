import { registerControl, type RegisteredControl } from '../../engine/control';
import { elb_4 } from './elb-4';

/** The ELB controls, one line each (`registerControl(<control>)`). */
export const ELB_CONTROLS: readonly RegisteredControl[] = [registerControl(elb_4)];
