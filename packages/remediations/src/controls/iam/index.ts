import type { RegisteredControl } from '../../engine/control';

/** The IAM controls, one line each (`registerControl(<control>)`). */
export const IAM_CONTROLS: readonly RegisteredControl[] = [];
