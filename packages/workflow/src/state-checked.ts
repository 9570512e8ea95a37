import { ScratchpadSchema } from '@soar/scratchpad';
import * as z from 'zod';
import { flowStateShape } from './state';

/**
 * The flow state with its finding checked in full against the ASFF schema: for states that come
 * from outside a running workflow (a simulation's trace, a file, a test). The steps parse with the
 * lighter `StepStateSchema`, since intake checked the finding before the workflow started.
 */
export const FlowStateSchema = z.looseObject(flowStateShape(ScratchpadSchema));
export type FlowStateInput = z.input<typeof FlowStateSchema>;
