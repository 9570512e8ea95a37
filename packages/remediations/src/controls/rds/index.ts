import { registerControl, type RegisteredControl } from '../../engine/control';
import { rds_11 } from './rds-11';
import { rds_13 } from './rds-13';
import { rds_17 } from './rds-17';
import { rds_2 } from './rds-2';
import { rds_4 } from './rds-4';
import { rds_6 } from './rds-6';
import { rds_9 } from './rds-9';

/** The RDS controls, one line each (`registerControl(<control>)`). */
export const RDS_CONTROLS: readonly RegisteredControl[] = [
  registerControl(rds_2),
  registerControl(rds_4),
  registerControl(rds_6),
  registerControl(rds_9),
  registerControl(rds_11),
  registerControl(rds_13),
  registerControl(rds_17),
];
