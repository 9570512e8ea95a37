import type { RegisteredControl } from '../../engine/control';

/** The ELB controls, one line each (`registerControl(<control>)`). */
export const ELB_CONTROLS: readonly RegisteredControl[] = [];
