import { describeZodIssues } from '@soar/asff-schema';
import { InvalidStepInputError } from '../errors';
import { StepStateSchema, type FlowState } from '../state';

/**
 * Validates a step's input (the state the previous state handed on).
 *
 * @throws {InvalidStepInputError} naming every invalid field; the workflow records it as a failure
 */
export function parseFlowState(input: unknown, step: string): FlowState {
  const parsed = StepStateSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = describeZodIssues(parsed.error.issues);
  throw new InvalidStepInputError(`The ${step} step got an invalid state: ${issues.join('; ')}`, {
    context: { step },
  });
}
