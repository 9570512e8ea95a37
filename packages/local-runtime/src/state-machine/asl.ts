import * as z from 'zod';

/**
 * One state of an Amazon States Language definition. Loose: only `Type` is checked here;
 * {@link LocalStateMachine} validates the whole definition with asl-validator.
 */
export const AslStateSchema = z.looseObject({ Type: z.string() });

/** One ASL state; see {@link AslStateSchema}. */
export type AslState = z.infer<typeof AslStateSchema>;

/**
 * An Amazon States Language definition (the parsed `DefinitionString`), or one of its nested
 * Parallel branches and Map item processors.
 *
 * @see https://states-language.net/spec.html
 */
export const AslDefinitionSchema = z.looseObject({
  StartAt: z.string(),
  States: z.record(z.string(), AslStateSchema),
  QueryLanguage: z.string().optional(),
  TimeoutSeconds: z.number().optional(),
  Comment: z.string().optional(),
});

/** An ASL definition; see {@link AslDefinitionSchema}. */
export type AslDefinition = z.infer<typeof AslDefinitionSchema>;

/** A state found by {@link walkStates}, with where it sits. */
export interface WalkedState {
  readonly name: string;
  readonly state: AslState;
  /**
   * The enclosing states, outermost first: `['Respond', 'Branch 0']` for a state in the first branch
   * of Parallel `Respond`, `['Respond', 'Branch 0', 'RemediateAll', 'ItemProcessor']` for a state in
   * the item processor (or `Iterator`) of a Map in that branch. Empty at the top level.
   */
  readonly path: readonly string[];
}

/** The nested definitions of a Parallel (`Branches`) or Map (`ItemProcessor`/`Iterator`) state. */
export function nestedDefinitionsOf(
  state: AslState,
): { readonly label: string; readonly definition: AslDefinition }[] {
  const nested: { label: string; definition: AslDefinition }[] = [];
  if (state.Type === 'Parallel' && Array.isArray(state['Branches'])) {
    state['Branches'].forEach((branch: unknown, index) => {
      const parsed = AslDefinitionSchema.safeParse(branch);
      if (parsed.success) nested.push({ label: `Branch ${index}`, definition: parsed.data });
    });
  }
  if (state.Type === 'Map') {
    for (const label of ['ItemProcessor', 'Iterator']) {
      const parsed = AslDefinitionSchema.safeParse(state[label]);
      if (parsed.success) nested.push({ label, definition: parsed.data });
    }
  }
  return nested;
}

/**
 * Every state of a definition, depth first: each state, then the states of its Parallel branches or
 * Map item processor. State names are unique in a whole state machine, nested ones included.
 *
 * @example
 * ```ts
 * walkStates(definition).map((s) => `${[...s.path, s.name].join(' › ')}`);
 * // => ['Normalize', 'Respond', 'Respond › Branch 0 › RemediateAll', ...]
 * ```
 */
export function walkStates(definition: AslDefinition, path: readonly string[] = []): WalkedState[] {
  const states: WalkedState[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    states.push({ name, state, path });
    for (const nested of nestedDefinitionsOf(state)) {
      states.push(...walkStates(nested.definition, [...path, name, nested.label]));
    }
  }
  return states;
}

/** `State "X"`, or `State "X" (in Respond › Branch 0)` for a nested one. */
export function describeState(walked: Pick<WalkedState, 'name' | 'path'>): string {
  return walked.path.length === 0
    ? `State "${walked.name}"`
    : `State "${walked.name}" (in ${walked.path.join(' › ')})`;
}
