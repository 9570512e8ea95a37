import { describeZodIssues } from '@soar/asff-schema';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
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
import { createAccountMetadataService } from '@soar/accounts';
import { decide, type Decision } from '@soar/triage';
import {
  loadGateData,
  parseRuntimeConfig,
  readFindingInputs,
  readOnlyAccess,
  WorldSchema,
  type InputProblem,
  type World,
} from '@soar/workflow';
import { describeError } from '@soar/common';
import { SingleBar } from 'cli-progress';
import { parse as parseYaml } from 'yaml';
import { simulate } from '../local/simulate';
import { simulationAppConfig, synthTemplate } from '../local/synth';
import { renderText } from './render-text';
import { writeHtmlReport } from './render-html';
import type { PlanCliOptions, RemediateCliOptions, RollbackCliOptions, SimulateCliOptions } from './main';

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

/**
 * Reads a world file (YAML or JSON).
 *
 * @throws {CliInputError} naming the file and every invalid field
 */
export function loadWorldFile(file: string): World {
  let data: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    data = path.extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new CliInputError(`${file}: cannot read the world (${describeError(error)})`);
  }
  const parsed = WorldSchema.safeParse(data ?? {});
  if (parsed.success) return parsed.data;
  const issues = describeZodIssues(parsed.error.issues).map((line) => `  ${line}`);
  throw new CliInputError(`${file}: invalid world:\n${issues.join('\n')}`);
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
): Promise<number> {
  const world = options.world === undefined ? WorldSchema.parse({}) : loadWorldFile(options.world);
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
  if (showProgress) io.stderr('soar: synthesizing the soar-core stack…\n');
  const template = synthTemplate(simulationAppConfig(world));
  bar?.start(inputs.findings.length, 0);
  let report;
  try {
    report = await simulate({
      template,
      world,
      findings: inputs.findings,
      problems: inputs.problems,
      followUpRounds: options.followUps,
      ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
      onFinding: (done) => bar?.update(done),
    });
  } finally {
    bar?.stop();
  }

  if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else
    io.stdout(renderText(report, { color: useColor(options.color, io), verbose: options.verbose === true }));
  if (options.report !== undefined) {
    const file = writeHtmlReport(report, options.report);
    if (!options.json) io.stdout(`\nReport written to ${file}\n`);
  }
  const failed = report.findings.some((f) => f.failures.length > 0);
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
          ...(process.env['AWS_ACCESS_KEY_ID'] === undefined
            ? { credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }
            : {}),
        }
      : {}),
  });
}

/** `soar plan`: decide (with the deployed tables) and plan each remediation, read-only. */
export async function runPlan(paths: readonly string[], options: PlanCliOptions, io: CliIo): Promise<number> {
  const inputs = readFindingInputs(paths);
  if (!options.json) printProblems(inputs.problems, io);
  if (inputs.findings.length === 0) throw new CliInputError(`no finding to plan in ${paths.join(', ')}`);
  const access = readOnlyAccess(accessFor(options));
  const clientConfig = {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
  };
  let deciding: ((pad: ReturnType<typeof createScratchpad>) => Promise<Decision>) | undefined;
  if (options.config !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(options.config, 'utf8'));
    } catch (error) {
      throw new CliInputError(`${options.config}: cannot read the configuration (${describeError(error)})`);
    }
    const config = parseRuntimeConfig(json, options.config);
    const dynamodb = new DynamoDBClient(clientConfig);
    // Organizations only, without the DynamoDB account cache: `plan` writes nothing anywhere.
    const accounts = createAccountMetadataService({
      organizationsClient: new OrganizationsClient(clientConfig),
      config: { ...config.accounts, tableName: config.tables.accounts },
    });
    deciding = async (pad) => {
      const [account, gates] = await Promise.all([
        accounts.getAccount(pad.finding.AwsAccountId).catch(() => undefined),
        loadGateData(pad.finding, { dynamodb, tables: config.tables }),
      ]);
      return decide(account === undefined ? pad : { ...pad, account }, gates, config.decide);
    };
  } else if (!options.json) {
    io.stderr(
      "soar: no --config: SOAR's tables are not read; every control finding is planned as if remediable.\n",
    );
  }

  const planned: PlannedFinding[] = [];
  for (const { source, finding } of inputs.findings) {
    const pad = createScratchpad(finding);
    const decision = deciding === undefined ? undefined : await deciding(pad);
    const controlId = finding.Compliance?.SecurityControlId;
    const base = { source, findingId: finding.Id, ...(controlId === undefined ? {} : { controlId }) };
    if (decision !== undefined && decision.route !== 'remediate') {
      planned.push({ ...base, decision });
      continue;
    }
    const { resources } = await planRemediation(pad, { access, registry: defaultRegistry });
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
  return inputs.problems.length > 0 ? 1 : 0;
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
      if (result.kind === 'remediated' && result.beforeImages.length > 0) {
        // A finding of one resource needs no resource id in its record; several need the library API.
        if (result.beforeImages.length === 1 && finding.Resources.length === 1) {
          records.push({ controlId: result.controlId, finding, beforeImage: result.beforeImages[0] });
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
