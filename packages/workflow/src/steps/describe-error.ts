/** `Name: message` of an error, or its text: for logs, notes and failure records. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
