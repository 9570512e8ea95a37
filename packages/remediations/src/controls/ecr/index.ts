import type { RegisteredControl } from '../../engine/control';

/** The ECR controls, one line each (`registerControl(<control>)`). */
export const ECR_CONTROLS: readonly RegisteredControl[] = [];
