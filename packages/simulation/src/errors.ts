import { SoarError } from '@soar/common';

/** Base class of every error `@soar/simulation` throws: the simulation cannot run as asked. */
export class SimulationError extends SoarError {
  public override name = 'SimulationError';
}

/** A world file (or object) is not valid: the message names each bad field, and the closest valid key. */
export class WorldError extends SimulationError {
  public override name = 'WorldError';
}
