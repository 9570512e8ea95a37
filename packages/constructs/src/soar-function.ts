import * as path from 'node:path';
import { Duration, RemovalPolicy, type CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { ENTRY_METADATA_KEY } from '@soar/common';
import type { Construct } from 'constructs';
import { ConstructsError } from './errors';
import { acknowledge } from './nag';

/**
 * How a SOAR function is traced in X-Ray. `active`: Lambda's active tracing (the function's segment,
 * linked to the state machine's trace), and the correlation id in every log line. `powertools`: the
 * Powertools Tracer too, bundled into the function: a `## handler` subsegment annotated with the cold
 * start, the service and the correlation id, errors as metadata, and every HTTPS call (AWS SDK
 * included) as a subsegment of its own. It costs each function about 127 KB and 35 ms of cold
 * import (its X-Ray SDK), so it is off unless asked for.
 */
export type FunctionTracing = 'active' | 'powertools';

/**
 * The esbuild `define` of a SOAR function's bundle: whether `@soar/lambda` carries the Powertools
 * Tracer. The test and the benchmark that bundle the functions as the stack does use it too.
 *
 * @example
 * ```ts
 * await esbuild.build({ entryPoints: ['src/functions/intake.ts'], bundle: true, define: bundleDefines('active') });
 * ```
 */
export function bundleDefines(tracing: FunctionTracing = 'active'): Record<string, string> {
  return { 'process.env.SOAR_POWERTOOLS_TRACER': JSON.stringify(String(tracing === 'powertools')) };
}

/** Props of {@link SoarFunction}. */
export interface SoarFunctionProps {
  /** The entry file: it exports `handler` (the Lambda handler) and `run` (its business function). */
  readonly entry: string;
  /** The workspace root: its lockfile and esbuild bundle the function. */
  readonly workspaceRoot: string;
  /** `service` of the function's log lines. */
  readonly serviceName: string;
  readonly description: string;
  readonly timeout: Duration;
  /** Default 512 MB. */
  readonly memorySize?: number;
  readonly environment?: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  /** Keep the log group when the stack is deleted. */
  readonly retainLogs: boolean;
  /** An execution role of its own (default: a new role with the basic execution policy). */
  readonly role?: iam.IRole;
  /**
   * Asynchronous invocations (EventBridge) that still fail after two retries go to this queue, and
   * events older than six hours are not tried any more.
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /** Default `active` (see {@link FunctionTracing}). */
  readonly tracing?: FunctionTracing;
}

/**
 * A SOAR Lambda function: Node.js 24 on ARM64, bundled from TypeScript source by esbuild (minified,
 * source maps, CommonJS, the AWS SDK left to the runtime), its own log group with the app's retention,
 * the Powertools service name, X-Ray active tracing, and its entry recorded in the template for the
 * local runtime.
 *
 * @example
 * ```ts
 * const fn = new SoarFunction(this, 'Suppress', {
 *   entry: path.join(FUNCTIONS, 'suppress.ts'),
 *   workspaceRoot: WORKSPACE_ROOT,
 *   serviceName: 'soar',
 *   description: 'SOAR Suppress step',
 *   timeout: Duration.seconds(60),
 *   logRetention: config.logRetentionDays,
 *   retainLogs: config.retainData,
 * });
 * ```
 */
export class SoarFunction extends nodejs.NodejsFunction {
  public constructor(scope: Construct, id: string, props: SoarFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      description: props.description,
      ...(props.role === undefined ? {} : { role: props.role }),
      logGroup,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...(props.tracing === 'powertools' ? { SOAR_POWERTOOLS_TRACER: 'true' } : {}),
      },
      projectRoot: props.workspaceRoot,
      depsLockFilePath: path.join(props.workspaceRoot, 'package-lock.json'),
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node22',
        format: nodejs.OutputFormat.CJS,
        // The Node.js runtime ships SDK v3; the libraries load each client on first use.
        externalModules: ['@aws-sdk/*'],
        esbuildArgs: { '--conditions': '@soar/source' },
        define: bundleDefines(props.tracing),
      },
    });
    // X-Ray active tracing, with its permissions in a policy of their own: X-Ray takes no resource,
    // and the wildcard it needs is acknowledged on that policy alone, not on the function's grants.
    (this.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode: lambda.Tracing.ACTIVE };
    const tracing = new iam.Policy(scope, `${id}Tracing`, {
      statements: [
        new iam.PolicyStatement({
          actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
          resources: ['*'],
        }),
      ],
    });
    tracing.attachToRole(this.role ?? props.role ?? missingRole(id));
    acknowledge(
      tracing,
      'IAM5[Resource::*]',
      'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) supports no resource-level permission.',
    );
    (this.node.defaultChild as CfnResource).addMetadata(
      ENTRY_METADATA_KEY,
      path.relative(props.workspaceRoot, props.entry).split(path.sep).join('/'),
    );
    if (props.deadLetterQueue !== undefined) {
      this.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new destinations.SqsDestination(props.deadLetterQueue),
      });
    }
    if (props.role === undefined) {
      acknowledge(
        this,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AWSLambdaBasicExecutionRole grants only CloudWatch Logs writes for the function’s own logs.',
      );
    }
  }
}

/**
 * An EventBridge target that invokes a function, retrying delivery for up to six hours, and sends the
 * events it could not deliver to the dead-letter queue (whose alarm then fires).
 *
 * @example
 * ```ts
 * new events.Rule(this, 'NewFindings', { eventPattern, targets: [deliverTo(intake, deadLetters)] });
 * ```
 */
export function deliverTo(fn: lambda.IFunction, deadLetterQueue: sqs.IQueue): targets.LambdaFunction {
  return new targets.LambdaFunction(fn, {
    deadLetterQueue,
    retryAttempts: 8,
    maxEventAge: Duration.hours(6),
  });
}

/** A function always has a role (its own or the one given); this says which function had none. */
function missingRole(id: string): never {
  throw new ConstructsError(
    `SoarFunction ${id}: the function has no execution role to grant X-Ray tracing to`,
  );
}
