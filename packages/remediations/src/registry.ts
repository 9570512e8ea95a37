import { Registry } from './engine/registry';
import type { RegisteredControl } from './engine/control';

/** Every control module, one line each. */
export const CONTROLS: readonly RegisteredControl[] = [];

/** The registry of every control SOAR can remediate. */
export const defaultRegistry = new Registry(CONTROLS);
