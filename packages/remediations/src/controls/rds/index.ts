import type { RegisteredControl } from '../../engine/control';

/** The RDS controls, one line each (`registerControl(<control>)`). */
export const RDS_CONTROLS: readonly RegisteredControl[] = [];
