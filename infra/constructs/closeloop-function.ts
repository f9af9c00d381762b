import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type IGrantable, type IPrincipal, type PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, LayerVersion, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ESM_REQUIRE_BANNER, EXTERNAL_MODULES, powertoolsLayerArn } from './bundling.js';

/** The repository root: entry paths and the lock file are resolved from here, not from the shell's cwd. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Template metadata key that tells the local runtime which source file a function runs. */
export const ENTRY_METADATA_KEY = 'closeloop:entry';

export interface CloseloopFunctionProps {
  /** Base name of the entry file in functions/ (`submit-complaint` → functions/submit-complaint.ts). */
  entryName: string;
  description: string;
  environment?: Record<string, string>;
  /** Defaults to 10 seconds: every caller (API Gateway, a workflow task) waits on the answer. */
  timeout?: Duration;
  /** Defaults to 512 MB: on arm64 that also buys the CPU that keeps cold starts short. */
  memorySize?: number;
}

/**
 * The one way Closeloop builds a Lambda function: Node 22 on arm64, an ESM bundle with source
 * maps, X-Ray, Powertools from AWS's public layer (not bundled), a log group with a retention, and a role that may write only to that log group.
 */
export class CloseloopFunction extends Construct implements IGrantable {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly timeout: Duration;
  /** Entry file relative to the project root, as recorded in the template metadata. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: CloseloopFunctionProps) {
    super(scope, id);
    this.entry = `functions/${props.entryName}.ts`;
    this.timeout = props.timeout ?? Duration.seconds(10);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      // Logs of a stateless function are disposable; deleting the stack should not orphan them.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to every
    // log group in the account, this one only to the function's own.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${this.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    // Powertools (logger, metrics, tracer and the X-Ray SDK) comes from AWS's layer, so each
    // bundle carries only the function's own code and the libraries it uses.
    const powertools = LayerVersion.fromLayerVersionArn(
      this,
      'Powertools',
      powertoolsLayerArn(Stack.of(this).region, Stack.of(this).partition),
    );

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${PROJECT_ROOT}${this.entry}`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: this.timeout,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      layers: [powertools],
      environment: {
        POWERTOOLS_SERVICE_NAME: 'closeloop',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        // As FUNCTION_BUILD_OPTIONS (bundling.ts): Chinese texts stay UTF-8, not \uXXXX escapes.
        charset: Charset.UTF8,
        sourceMap: true,
        sourcesContent: false,
        // The runtime provides SDK v3 and the layer Powertools; bundling them would only grow cold starts.
        externalModules: [...EXTERNAL_MODULES],
        banner: ESM_REQUIRE_BANNER,
      },
    });

    (this.function.node.defaultChild as CfnFunction).addMetadata(ENTRY_METADATA_KEY, this.entry);
  }

  get grantPrincipal(): IPrincipal {
    return this.role;
  }

  addToRolePolicy(statement: PolicyStatement): void {
    this.role.addToPrincipalPolicy(statement);
  }
}
