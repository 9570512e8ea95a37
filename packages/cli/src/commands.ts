import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeZodIssues } from '@soar/asff-schema';
import { createAccountMetadataService } from '@soar/accounts';
import { createAwsAccess, type AwsAccess } from '@soar/aws-access';
import {
  defaultRegistry,
  planRemediation,
  planRollback,
  remediate,
  rollback,
  RollbackRecordSchema,
  type RemediationResult,
  type ResourcePlan,
  type RollbackRecord,
} from '@soar/remediations';
import { createScratchpad } from '@soar/scratchpad';
import {
  findingsImportedEvent,
  loadWorldFile,
  parseWorld,
  readFindingInputs,
  type InputFinding,
  simulate,
  type InputProblem,
  type World,
} from '@soar/simulation';
import type { CloudFormationTemplate } from '@soar/local-runtime';
import type { Decision } from '@soar/triage';
import {
  createMemoryFailureRecorder,
  intake,
  type ExecutionStarter,
  type FlowState,
  type IntakeResult,
  IntakeRetryError,
} from '@soar/workflow';
import { loadGateData } from '@soar/workflow/aws';
import { readOnlyAccess } from './read-only-access';
import { accountMetadataConfigOf, parseRuntimeConfig } from '@soar/workflow/config';
import { describeError } from '@soar/common';
import { SingleBar } from 'cli-progress';
import { renderText } from './render-text';
import { dayLines } from './run-hourly';
import { writeHtmlReport } from './render-html';
import type { PlanCliOptions, RemediateCliOptions, RollbackCliOptions, SimulateCliOptions } from './main';

/**
 * What the CLI needs of the app it belongs to: the synthesized stack a simulation runs, for a world
 * (the app's CDK code, loaded only when the template is not cached yet), and the workspace root the
 * stack's function entries are relative to.
 */
export interface SoarCliApp {
  readonly workspaceRoot: string;
  /** The stack's template for the world's configuration, from the cache when its sources are unchanged. */
  template(world: World): Promise<CloudFormationTemplate>;
}

/** Where the CLI writes, and its exit status (set by the commands). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stderrIsTty: boolean;
  readonly stdoutIsTty: boolean;
  /** `NO_COLOR` is set (https://no-color.org). */
  readonly noColor: boolean;
  exitCode: number;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
    stdoutIsTty: process.stdout.isTTY === true,
    noColor: (process.env['NO_COLOR'] ?? '') !== '',
    exitCode: 0,
  };
}

/** An input the CLI cannot use: printed as `soar: <message>`, exit status 1. */
export class CliInputError extends Error {
  public override name = 'CliInputError';
}

/** Colours only on a terminal, unless `--no-color` or `NO_COLOR` says otherwise. */
function useColor(requested: boolean, io: CliIo): boolean {
  return requested && io.stdoutIsTty && !io.noColor;
}

function printProblems(problems: readonly InputProblem[], io: CliIo): void {
  for (const problem of problems) io.stderr(`soar: skipped ${problem.source}: ${problem.error}\n`);
}

/** `soar simulate`. */
export async function runSimulate(
  paths: readonly string[],
  options: SimulateCliOptions,
  io: CliIo,
  app: SoarCliApp,
): Promise<number> {
  const world = options.world === undefined ? parseWorld({}) : loadWorldFile(options.world);
  const inputs = readFindingInputs(paths);
  if (!options.json) printProblems(inputs.problems, io);
  if (inputs.findings.length === 0) {
    throw new CliInputError(
      `no finding to simulate in ${paths.join(', ')} (${inputs.files} JSON files read)`,
    );
  }
  if (!options.json && options.world === undefined) {
    io.stderr(
      'soar: no --world given: every account is unknown to SOAR and every control counts as enabled.\n',
    );
  }

  const showProgress = options.progress && !options.json;
  const bar = showProgress
    ? new SingleBar({
        stream: process.stderr,
        format: 'simulating [{bar}] {value}/{total} findings',
        noTTYOutput: !io.stderrIsTty,
        notTTYSchedule: 2000,
        hideCursor: true,
      })
    : undefined;
  const template = await app.template(world);
  bar?.start(inputs.findings.length, 0);
  let report;
  try {
    report = await simulate({
      template,
      workspaceRoot: app.workspaceRoot,
      world,
      findings: inputs.findings,
      problems: inputs.problems,
      followUpRounds: options.followUps,
      ...(options.hours === undefined ? {} : { hours: options.hours }),
      ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
      onFinding: (done) => bar?.update(done),
    });
  } finally {
    bar?.stop();
  }

  if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else
    io.stdout(
      renderText(report, { color: useColor(options.color, io), verbose: options.verbose === true }) +
        dayLines(report)
          .map((line) => `${line}\n`)
          .join(''),
    );
  if (options.report !== undefined) {
    const file = writeHtmlReport(report, options.report);
    if (!options.json) io.stdout(`\nReport written to ${file}\n`);
    const weekly = report.day?.weeklyReport;
    if (weekly !== undefined) {
      const weeklyFile = path.join(options.report, 'weekly-report.html');
      fs.writeFileSync(weeklyFile, weekly.html, 'utf8');
      if (!options.json) io.stdout(`Weekly report written to ${weeklyFile}\n`);
    }
  }
  const failed =
    report.findings.some((f) => f.failures.length > 0) ||
    (report.day?.runs.some((run) => run.failed.length > 0 || run.error !== undefined) ?? false);
  return failed || report.problems.length > 0 ? 1 : 0;
}

/** One finding as `soar plan` and `soar remediate` report it. */
interface PlannedFinding {
  readonly source: string;
  readonly findingId: string;
  readonly controlId?: string;
  readonly decision?: Decision;
  readonly plans?: readonly ResourcePlan[];
  readonly result?: RemediationResult;
  readonly note?: string;
}

/** Test credentials for a local endpoint (moto), unless the environment has its own. */
function localCredentials(): { credentials?: { accessKeyId: string; secretAccessKey: string } } {
  return process.env['AWS_ACCESS_KEY_ID'] === undefined
    ? { credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }
    : {};
}

function accessFor(options: {
  readonly roleName: string;
  readonly endpointUrl?: string;
  readonly region?: string;
}): AwsAccess {
  const local = options.endpointUrl !== undefined;
  return createAwsAccess({
    roleName: options.roleName,
    ...(options.region === undefined ? {} : { defaultRegion: options.region }),
    ...(local
      ? {
          endpoint: options.endpointUrl,
          forcePathStyle: true,
          ...localCredentials(),
        }
      : {}),
  });
}

/** `soar plan`: what the intake SOAR deploys would decide for each finding, and each remediation's plan; read-only. */
export async function runPlan(paths: readonly string[], options: PlanCliOptions, io: CliIo): Promise<number> {
  const inputs = readFindingInputs(paths);
  if (!options.json) printProblems(inputs.problems, io);
  if (inputs.findings.length === 0) throw new CliInputError(`no finding to plan in ${paths.join(', ')}`);
  const access = readOnlyAccess(accessFor(options));
  const deciding = options.config === undefined ? undefined : await readOnlyIntake(options.config, options);
  if (deciding === undefined && !options.json) {
    io.stderr(
      "soar: no --config: SOAR's tables are not read, so no route is decided; every control finding is planned as if remediable.\n",
    );
  }

  const planned: PlannedFinding[] = [];
  let failed = false;
  for (const { source, finding } of inputs.findings) {
    const pad = createScratchpad(finding);
    const controlId = finding.Compliance?.SecurityControlId;
    const base = { source, findingId: finding.Id, ...(controlId === undefined ? {} : { controlId }) };
    let decision: Decision | undefined;
    if (deciding !== undefined) {
      const decided = await deciding(finding);
      if (decided.kind === 'failed') {
        failed = true;
        planned.push({ ...base, note: decided.error });
        continue;
      }
      decision = decided.decision;
      if (decision.route !== 'remediate') {
        planned.push({ ...base, decision });
        continue;
      }
    }
    const { resources } = await planRemediation(pad, { access, registry: defaultRegistry });
    // A resource SOAR could not read (no role, access denied, throttled) leaves the plan unknown.
    failed ||= resources.some((resource) => resource.kind === 'error');
    planned.push({
      ...base,
      ...(decision === undefined ? {} : { decision }),
      plans: resources,
      ...(resources.length === 0
        ? { note: `SOAR has no remediation for ${controlId ?? 'this finding'}.` }
        : {}),
    });
  }
  io.stdout(options.json ? `${JSON.stringify(planned, null, 2)}\n` : renderPlans(planned, 'plan'));
  return failed || inputs.problems.length > 0 ? 1 : 0;
}

/** What the deployed intake decides for a finding, or why it would fail. */
type PlanDecision =
  | { readonly kind: 'decided'; readonly decision: Decision }
  | { readonly kind: 'failed'; readonly error: string };

/**
 * The intake step SOAR deploys, with read-only ports: account metadata from Organizations (without
 * writing the account cache), the gate tables read as intake reads them, and an execution starter
 * and failure recorder that only take note. Whatever intake would fail on in AWS (an Organizations
 * or DynamoDB error, an invalid finding) is the result, never hidden.
 */
async function readOnlyIntake(
  configFile: string,
  options: PlanCliOptions,
): Promise<(finding: InputFinding['finding']) => Promise<PlanDecision>> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  } catch (error) {
    throw new CliInputError(`${configFile}: cannot read the configuration (${describeError(error)})`);
  }
  const config = parseRuntimeConfig(json, configFile);
  const clientConfig = {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl, ...localCredentials() }),
  };
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { OrganizationsClient } = await import('@aws-sdk/client-organizations');
  const dynamodb = new DynamoDBClient(clientConfig);
  const accounts = createAccountMetadataService({
    organizationsClient: new OrganizationsClient(clientConfig),
    config: accountMetadataConfigOf(config),
  });
  return async (finding) => {
    const started: FlowState[] = [];
    const executions: ExecutionStarter = {
      start: ({ name, input }) => {
        started.push(input);
        return Promise.resolve({ status: 'started', executionArn: `plan:${name}` });
      },
    };
    const failures = createMemoryFailureRecorder();
    let results: IntakeResult[];
    try {
      results = await intake(findingsImportedEvent(finding), {
        accounts,
        gates: { load: (f) => loadGateData(f, { dynamodb, tables: config.tables }) },
        executions,
        failures,
        decide: config.decide,
      });
    } catch (error) {
      // A service intake reads failed (Organizations, DynamoDB): name that error, not the retry.
      const cause = error instanceof IntakeRetryError ? error.failures[0]?.error : error;
      return { kind: 'failed', error: `intake would fail: ${describeError(cause ?? error)}` };
    }
    const failure = failures.list()[0];
    if (failure !== undefined)
      return { kind: 'failed', error: `intake would record a failure: ${failure.cause}` };
    const result = results[0];
    if (result === undefined) return { kind: 'failed', error: 'intake would return nothing' };
    switch (result.status) {
      case 'rejected':
        return { kind: 'failed', error: `intake would reject it (${result.reason}): ${result.error}` };
      case 'failed':
        return { kind: 'failed', error: `intake would fail: ${result.error}` };
      default:
        return { kind: 'decided', decision: result.decision };
    }
  };
}

/** `soar remediate`: plan (read-only), or with `--apply` remediate and verify. */
export async function runRemediate(file: string, options: RemediateCliOptions, io: CliIo): Promise<number> {
  const inputs = readFindingInputs([file]);
  if (!options.json) printProblems(inputs.problems, io);
  if (inputs.findings.length === 0) throw new CliInputError(`no finding in ${file}`);
  const access = accessFor(options);
  const done: PlannedFinding[] = [];
  const records: RollbackRecord[] = [];
  let failed = false;
  for (const { source, finding } of inputs.findings) {
    const pad = createScratchpad(finding);
    const controlId = finding.Compliance?.SecurityControlId;
    const base = { source, findingId: finding.Id, ...(controlId === undefined ? {} : { controlId }) };
    if (options.apply === true) {
      const { result, scratchpad } = await remediate(pad, { access, registry: defaultRegistry });
      failed ||= result.kind === 'not_done';
      done.push({ ...base, result, note: scratchpad.messages.actions_required });
      // A fix still settling (`reconsider_later`) changed the resource already: keep its before-image too.
      const changed = result.kind === 'remediated' || result.kind === 'reconsider_later' ? result : undefined;
      const beforeImages = changed?.beforeImages ?? [];
      if (changed !== undefined && beforeImages.length > 0) {
        // A finding of one resource needs no resource id in its record; several need the library API.
        if (beforeImages.length === 1 && finding.Resources.length === 1) {
          records.push({ controlId: changed.controlId, finding, beforeImage: beforeImages[0] });
        } else if (options.saveRollback !== undefined) {
          io.stderr(
            `soar: ${finding.Id}: several resources changed; take their before-images from --json.\n`,
          );
        }
      }
    } else {
      const { resources } = await planRemediation(pad, {
        access: readOnlyAccess(access),
        registry: defaultRegistry,
      });
      done.push({ ...base, plans: resources });
    }
  }
  io.stdout(
    options.json
      ? `${JSON.stringify(done, null, 2)}\n`
      : renderPlans(done, options.apply === true ? 'apply' : 'plan'),
  );
  if (options.apply === true && options.saveRollback !== undefined) {
    fs.writeFileSync(options.saveRollback, `${JSON.stringify(records, null, 2)}\n`);
    if (!options.json) io.stdout(`${records.length} rollback record(s) written to ${options.saveRollback}\n`);
  }
  return failed || inputs.problems.length > 0 ? 1 : 0;
}

/**
 * Reads rollback records (one, or a list).
 *
 * @throws {CliInputError} naming the file, the record and each bad field
 */
function readRollbackRecords(file: string): RollbackRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliInputError(`${file}: cannot read rollback records (${describeError(error)})`);
  }
  const list: unknown[] = Array.isArray(json) ? json : [json];
  return list.map((entry, index) => {
    const parsed = RollbackRecordSchema.safeParse(entry);
    if (parsed.success) return parsed.data;
    const issues = describeZodIssues(parsed.error.issues);
    throw new CliInputError(`${file}#${index + 1}: not a rollback record: ${issues.join('; ')}`);
  });
}

/** `soar rollback`: plan (read-only), or with `--apply` undo each fix and verify. */
export async function runRollback(file: string, options: RollbackCliOptions, io: CliIo): Promise<number> {
  const records = readRollbackRecords(file);
  if (records.length === 0) throw new CliInputError(`${file}: holds no rollback record`);
  const access = accessFor(options);
  const lines = [
    options.apply === true
      ? 'Rollback (changes were made where the result says so).'
      : 'Rollback plan (read-only: every session may only Describe, Get and List).',
    '',
  ];
  const results: unknown[] = [];
  let failed = false;
  for (const [index, record] of records.entries()) {
    const what = (controlId: string | undefined, resourceId: string | undefined) =>
      `${index + 1}. ${controlId ?? record.controlId} ${resourceId ?? ''}`.trimEnd();
    if (options.apply === true) {
      const result = await rollback(record, { access, registry: defaultRegistry });
      results.push(result);
      failed ||= result.kind === 'not_done';
      lines.push(what(result.controlId, result.resourceId));
      if (result.kind === 'rolled_back') lines.push(...result.changes.map((change) => `     - ${change}`));
      else {
        const error = result.kind === 'not_done' && result.error !== undefined ? ` (${result.error})` : '';
        lines.push(`   ${result.kind.replace(/_/g, ' ')} — ${result.reason}${error}`);
      }
    } else {
      const planned = await planRollback(record, {
        access: readOnlyAccess(access),
        registry: defaultRegistry,
      });
      results.push(planned);
      failed ||= planned.kind === 'not_done';
      lines.push(what(planned.controlId, planned.resourceId));
      if (planned.kind !== 'planned') lines.push(`   ${planned.kind.replace(/_/g, ' ')} — ${planned.reason}`);
      else if (planned.plan.kind === 'changes') {
        lines.push('   would undo:', ...planned.plan.changes.map((change) => `     - ${change.description}`));
      } else lines.push(`   ${planned.plan.kind.replace(/_/g, ' ')} — ${planned.plan.reason}`);
    }
    lines.push('');
  }
  io.stdout(options.json ? `${JSON.stringify(results, null, 2)}\n` : `${lines.join('\n')}\n`);
  return failed ? 1 : 0;
}

/** Plain text for `plan` and `remediate`. */
function renderPlans(findings: readonly PlannedFinding[], mode: 'plan' | 'apply'): string {
  const lines: string[] = [
    mode === 'plan'
      ? 'Plan (read-only: every session may only Describe, Get and List).'
      : 'Remediate (changes were made where the result says so).',
    '',
  ];
  findings.forEach((finding, index) => {
    lines.push(
      `${index + 1}. ${finding.controlId ?? 'not a control finding'}  ${finding.findingId}`,
      `   from ${finding.source}`,
    );
    if (finding.decision !== undefined) {
      lines.push(`   route: ${finding.decision.route} — ${finding.decision.reason}`);
    }
    for (const plan of finding.plans ?? []) lines.push(...planLines(plan));
    if (finding.result !== undefined) lines.push(...resultLines(finding.result));
    if (finding.note !== undefined && finding.result?.kind !== 'remediated') lines.push(`   ${finding.note}`);
    lines.push('');
  });
  return `${lines.join('\n')}\n`;
}

function planLines(plan: ResourcePlan): string[] {
  const head = `   ${plan.resourceId}: `;
  switch (plan.kind) {
    case 'gone':
      return [`${head}gone — ${plan.reason}`];
    case 'opted_out':
      return [`${head}opted out — ${plan.reason}`];
    case 'error':
      return [`${head}could not read it — ${plan.error}`];
    case 'planned': {
      const p = plan.plan;
      const suffix = plan.ticketOnly ? ' (ticket only here: the team gets these as a ticket)' : '';
      if (p.kind === 'changes')
        return [`${head}would change${suffix}:`, ...p.changes.map((c) => `     - ${c.description}`)];
      return [`${head}${p.kind} — ${p.reason}`];
    }
  }
}

function resultLines(result: RemediationResult): string[] {
  switch (result.kind) {
    case 'remediated':
      return [
        `   result: remediated${result.changes.length === 0 ? ' — nothing needed changing' : ''}`,
        ...result.changes.map((c) => `     - ${c}`),
      ];
    case 'not_done':
      return [
        `   result: not done — ${result.reason}`,
        ...(result.error === undefined ? [] : [`   error: ${result.error}`]),
      ];
    default:
      return [`   result: ${result.kind.replace('_', ' ')} — ${result.reason}`];
  }
}
