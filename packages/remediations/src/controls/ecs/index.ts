import { registerControl, type RegisteredControl } from '../../engine/control';
import { ecs_12 } from './ecs-12';
import { ecs_2 } from './ecs-2';

/** The ECS controls, one line each (`registerControl(<control>)`). */
export const ECS_CONTROLS: readonly RegisteredControl[] = [registerControl(ecs_2), registerControl(ecs_12)];
