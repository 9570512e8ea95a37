import { registerControl, type RegisteredControl } from '../../engine/control';
import { rds_2 } from './rds-2';

/** The RDS controls, one line each (`registerControl(<control>)`). */
export const RDS_CONTROLS: readonly RegisteredControl[] = [registerControl(rds_2)];
