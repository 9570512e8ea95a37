import validator from 'asl-validator';
import { type AslDefinition } from './asl';

const cache = new Map<string, readonly string[]>();

/**
 * The problems asl-validator 4 finds in a definition (schema, JSONPath syntax, ARNs, missing or
 * unreachable states), as `CODE: message` lines; empty when it is valid. Results are cached per
 * definition text, because each validation compiles the ASL JSON schemas again (about 200 ms).
 *
 * @example
 * ```ts
 * validateDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } });
 * // => ["MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next", ...]
 * ```
 */
export function validateDefinition(definition: AslDefinition): readonly string[] {
  const text = JSON.stringify(definition);
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  // asl-validator adds QueryLanguage to every state of what it is given: give it a copy.
  const { errors } = validator(JSON.parse(text), { checkArn: true, checkPaths: true });
  const problems = errors.map((error) => `${error['Error code']}: ${error.Message}`);
  cache.set(text, problems);
  return problems;
}
