/**
 * `@soar/cli`: the `soar` command line over an app's synthesized stack. `simulate` runs findings
 * through the stack locally, `plan` asks the intake SOAR deploys what it would do (read-only, against
 * AWS), `remediate` and `rollback` plan or make one fix; text, JSON and HTML output.
 *
 * @packageDocumentation
 */
export { CliInputError, processIo, type CliIo, type SoarCliApp } from './commands';
export { buildProgram, main } from './main';
export { runSoarCli } from './run';
export { renderText } from './render-text';
export { writeHtmlReport } from './render-html';
