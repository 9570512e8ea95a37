// The `soar` command (see bin/soar.mjs): the CLI of `@soar/cli` over this app's stack.
import { runSoarCli } from '@soar/cli';
import { simulationTemplate, WORKSPACE_ROOT } from './simulation';

runSoarCli({ workspaceRoot: WORKSPACE_ROOT, template: (world) => simulationTemplate(world) });
