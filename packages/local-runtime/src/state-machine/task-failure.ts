import { type TaskKind } from './extract';
import { type StepFunctionsError } from './trace';

/**
 * What a task handler's failure is turned into before aws-local-stepfunctions sees it.
 *
 * The library matches `Retry`/`Catch` `ErrorEquals` against the thrown error's `name` (plus
 * `States.ALL`, and `States.TaskFailed` for anything but a timeout in a Task state), and reports
 * `Cause` as the error's `message` (its `cause`, when set, in the event log). So the name is the
 * Step Functions `Error` and the message is the `Cause` Step Functions would give:
 * for a Node.js Lambda the JSON `{"errorType": name, "errorMessage": message}`, for other
 * integrations the message itself. It is an internal carrier, not one of this package's errors.
 */
export class TaskFailure extends Error {
  public constructor(
    errorName: string,
    cause: string,
    public readonly original: unknown,
  ) {
    super(cause);
    this.name = errorName;
  }

  public get stepFunctionsError(): StepFunctionsError {
    return { Error: this.name, Cause: this.message };
  }
}

function nameAndMessageOf(error: unknown): { name: string; message: string } {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string')
      return { name: typeof name === 'string' && name !== '' ? name : 'Error', message };
  }
  return {
    name: 'Error',
    message: typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error)),
  };
}

/** The {@link TaskFailure} for what a handler of a `kind` task threw. */
export function taskFailureOf(error: unknown, kind: TaskKind): TaskFailure {
  const { name, message } = nameAndMessageOf(error);
  const cause =
    kind === 'lambda-invoke' || kind === 'lambda-direct'
      ? JSON.stringify({ errorType: name, errorMessage: message })
      : message;
  return new TaskFailure(name, cause, error);
}
