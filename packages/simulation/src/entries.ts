import * as path from 'node:path';
import { isRecord } from '@soar/common';
import type { Invocation } from '@soar/lambda';
import type { LocalFunction } from '@soar/local-runtime';
import type { WorkflowPorts } from '@soar/workflow';
import { SimulationError } from './errors';

/** A function's business function, loaded from the entry module its Lambda bundles. */
export interface EntryFunction {
  /** The function's construct id in the stack, e.g. `Ticket`. */
  readonly functionId: string;
  /** The entry file, from the workspace root. */
  readonly entry: string;
  /**
   * The entry's `run`: its input, the ports its step names (a part of {@link WorkflowPorts}), and the
   * invocation (locally without a time limit).
   */
  readonly run: (input: unknown, ports: WorkflowPorts, invocation: Invocation) => Promise<unknown>;
}

/**
 * Loads the entry module of every function of the template that records one, by logical id. Each
 * entry exports `run(input, ports)`, its business function; the Lambda handler in the same module
 * calls it with ports wired to AWS, the simulation with local ones.
 *
 * @throws {SimulationError} naming the entry that cannot be loaded or exports no `run`
 *
 * @example
 * ```ts
 * const entries = await loadEntries(listFunctions(template), workspaceRoot);
 * await entries.get('Suppress1A2B3C')?.run(state, ports);
 * ```
 */
export async function loadEntries(
  functions: readonly LocalFunction[],
  workspaceRoot: string,
): Promise<Map<string, EntryFunction>> {
  const entries = new Map<string, EntryFunction>();
  for (const fn of functions) {
    if (fn.entry === undefined) continue;
    const file = path.resolve(workspaceRoot, fn.entry);
    let module: unknown;
    try {
      module = await import(file);
    } catch (cause) {
      throw new SimulationError(`Cannot load the entry ${fn.entry} of ${fn.constructPath ?? fn.logicalId}`, {
        cause,
      });
    }
    const run = isRecord(module) ? module['run'] : undefined;
    if (typeof run !== 'function') {
      throw new SimulationError(`${fn.entry} exports no run(input, ports) business function`);
    }
    entries.set(fn.logicalId, {
      functionId: fn.constructPath?.split('/').at(-1) ?? fn.logicalId,
      entry: fn.entry,
      // Checked to be a function above; each entry's `run` takes a part of WorkflowPorts, which the
      // app's type tests hold it to.
      run: run as EntryFunction['run'],
    });
  }
  return entries;
}
