import type { RegisteredControl } from '../../engine/control';

/** The ECS controls, one line each (`registerControl(<control>)`). */
export const ECS_CONTROLS: readonly RegisteredControl[] = [];
