import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet, IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { CloseloopFunction } from '../constructs/closeloop-function.js';
import { ComplaintWorkflow } from '../workflow/complaint-workflow.js';

/**
 * The DynamoDB actions each kind of function performs, on the base table only. Nothing scans,
 * deletes or batch-writes; transactions need the per-item actions they contain.
 */
export const TABLE_ACCESS = {
  /** Idempotency lookup, ticket counter (ADD), rate-limit windows, the create transaction. */
  intake: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  /** A complaint and its timeline. */
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  /** Read, then a versioned update that appends timeline events. */
  update: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
  /** Appends timeline events only. */
  append: ['dynamodb:PutItem'],
} as const;

/** Account-wide guard rails; the per-client limit lives in the submit function (RATE_LIMIT_PER_MINUTE). */
const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 };

export interface StatelessStackProps extends StackProps {
  table: ITableV2;
  linkSecret: ISecret;
  emailIdentity: IEmailIdentity;
  configurationSet: IConfigurationSet;
  mailFrom: string;
  /** Origins allowed to call the API from a browser. */
  allowedOrigins: string[];
  rateLimitPerMinute: number;
}

/** Everything that can be destroyed and redeployed without losing data: functions, API, workflow. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly workflow: ComplaintWorkflow;
  readonly functions: {
    submitComplaint: CloseloopFunction;
    complaintStatus: CloseloopFunction;
    formPage: CloseloopFunction;
    sendAcknowledgement: CloseloopFunction;
    recordWorkflowFault: CloseloopFunction;
  };
  /** Routes customers reach without logging in (see infra/nag.ts for why that is by design). */
  readonly publicRoutes: HttpRoute[];

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);

    this.api = new HttpApi(this, 'Api', {
      description: 'Closeloop: complaint form, intake and customer status page',
      // The stage is created below: HttpApi's default stage takes neither access logs nor throttling.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [CorsHttpMethod.POST, CorsHttpMethod.GET, CorsHttpMethod.OPTIONS],
        allowHeaders: ['content-type', 'idempotency-key', 'accept-language'],
        // No cookies or credentials cross origins, so even '*' lets a page do nothing it could
        // not do with a plain request.
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });

    // The customer's links point at the API itself. Only routes and integrations depend on the
    // functions, so the functions may depend on the API's endpoint without a cycle.
    const publicBaseUrl = this.api.apiEndpoint;
    const sesSendingArns = [
      props.emailIdentity.emailIdentityArn,
      this.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: props.configurationSet.configurationSetName,
      }),
    ];

    const sendAcknowledgement = new CloseloopFunction(this, 'SendAcknowledgement', {
      entryName: 'send-acknowledgement',
      description: 'Workflow step: mails the customer the acknowledgement with a status link',
      timeout: Duration.seconds(20),
      environment: {
        TABLE_NAME: props.table.tableName,
        MAIL_FROM: props.mailFrom,
        SES_CONFIGURATION_SET: props.configurationSet.configurationSetName,
        PUBLIC_BASE_URL: publicBaseUrl,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
      },
    });
    grantTable(sendAcknowledgement, props.table, TABLE_ACCESS.update);
    props.linkSecret.grantRead(sendAcknowledgement);
    sendAcknowledgement.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: sesSendingArns,
        conditions: { StringEquals: { 'ses:FromAddress': props.mailFrom } },
      }),
    );

    const recordWorkflowFault = new CloseloopFunction(this, 'RecordWorkflowFault', {
      entryName: 'record-workflow-fault',
      description: "Workflow step: records a step that failed for good on the complaint's timeline",
      environment: { TABLE_NAME: props.table.tableName },
    });
    grantTable(recordWorkflowFault, props.table, TABLE_ACCESS.append);

    this.workflow = new ComplaintWorkflow(this, 'ComplaintWorkflow', { sendAcknowledgement, recordWorkflowFault });

    const submitComplaint = new CloseloopFunction(this, 'SubmitComplaint', {
      entryName: 'submit-complaint',
      description: 'POST /complaints: validates, stores and starts the workflow of a complaint',
      environment: {
        TABLE_NAME: props.table.tableName,
        STATE_MACHINE_ARN: this.workflow.stateMachine.stateMachineArn,
        MAIL_FROM: props.mailFrom,
        PUBLIC_BASE_URL: publicBaseUrl,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
        RATE_LIMIT_PER_MINUTE: String(props.rateLimitPerMinute),
      },
    });
    grantTable(submitComplaint, props.table, TABLE_ACCESS.intake);
    this.workflow.stateMachine.grantStartExecution(submitComplaint);
    props.linkSecret.grantRead(submitComplaint);

    const complaintStatus = new CloseloopFunction(this, 'ComplaintStatus', {
      entryName: 'complaint-status',
      description: "GET /status/{token}: the customer's signed-link status page",
      environment: {
        TABLE_NAME: props.table.tableName,
        PUBLIC_BASE_URL: publicBaseUrl,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
      },
    });
    grantTable(complaintStatus, props.table, TABLE_ACCESS.read);
    props.linkSecret.grantRead(complaintStatus);

    const formPage = new CloseloopFunction(this, 'FormPage', {
      entryName: 'form-page',
      description: 'GET /: the bilingual complaint form',
      memorySize: 256,
      environment: { PUBLIC_BASE_URL: publicBaseUrl },
    });

    this.functions = { submitComplaint, complaintStatus, formPage, sendAcknowledgement, recordWorkflowFault };

    this.publicRoutes = [
      ...this.route('/', HttpMethod.GET, formPage),
      ...this.route('/complaints', HttpMethod.POST, submitComplaint),
      ...this.route('/status/{token}', HttpMethod.GET, complaintStatus),
    ];

    new CfnOutput(this, 'ApiEndpoint', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
  }

  private route(path: string, method: HttpMethod, fn: CloseloopFunction): HttpRoute[] {
    return this.api.addRoutes({
      path,
      methods: [method],
      integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      }),
    });
  }
}

/** Grants actions on the table itself and nothing else: no index, no stream, no wildcard. */
function grantTable(fn: CloseloopFunction, table: ITableV2, actions: readonly string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: [table.tableArn] }));
}
