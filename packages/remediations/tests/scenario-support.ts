import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RemediationScenario } from './remediation-harness';

/** Shared by the registry walk and the fault matrix: scenario discovery and SDK client interception. */

const SCENARIO_DIR = path.join(__dirname, 'scenarios');

export interface DiscoveredScenario {
  readonly file: string;
  readonly scenario: RemediationScenario;
}

function isScenarioModule(value: unknown): value is { scenario: RemediationScenario } {
  if (typeof value !== 'object' || value === null || !('scenario' in value)) return false;
  const { scenario } = value;
  return (
    typeof scenario === 'object' &&
    scenario !== null &&
    'arrange' in scenario &&
    typeof scenario.arrange === 'function' &&
    'control' in scenario &&
    typeof scenario.control === 'object' &&
    scenario.control !== null &&
    'controlId' in scenario.control &&
    typeof scenario.control.controlId === 'string'
  );
}

/** Every `tests/scenarios/*.ts`, each exporting `scenario: RemediationScenario`. */
export function discoverScenarios(): DiscoveredScenario[] {
  return fs
    .readdirSync(SCENARIO_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => {
      const loaded = jest.requireActual<object>(path.join(SCENARIO_DIR, file));
      if (!isScenarioModule(loaded)) {
        throw new Error(`tests/scenarios/${file} must export \`scenario: RemediationScenario\``);
      }
      return { file, scenario: loaded.scenario };
    });
}

export type Handler = (args: unknown) => Promise<unknown>;
export interface StackedClient {
  readonly middlewareStack: {
    add(
      middleware: (next: Handler, context: { readonly commandName?: string }) => Handler,
      options: { readonly step: 'initialize'; readonly name: string; readonly priority: 'high' },
    ): void;
  };
}

export function isStackedClient(client: unknown): client is StackedClient {
  if (typeof client !== 'object' || client === null || !('middlewareStack' in client)) return false;
  const stack = client.middlewareStack;
  return typeof stack === 'object' && stack !== null && 'add' in stack && typeof stack.add === 'function';
}
