import { registerControl, type RegisteredControl } from '../../engine/control';
import { elb_1 } from './elb-1';
import { elb_4 } from './elb-4';
import { elb_5 } from './elb-5';

/** The ELB controls, one line each (`registerControl(<control>)`). */
export const ELB_CONTROLS: readonly RegisteredControl[] = [
  registerControl(elb_1),
  registerControl(elb_4),
  registerControl(elb_5),
];
