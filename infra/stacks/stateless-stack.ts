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
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule as EventSchedule, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
  type IConfigurationSet,
  type IEmailIdentity,
  ReceiptRuleSet,
  TlsPolicy,
} from 'aws-cdk-lib/aws-ses';
import { Lambda as LambdaAction, LambdaInvocationType } from 'aws-cdk-lib/aws-ses-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { onceKey, POLICY_PARTITION } from '../../shared/adapters/dynamo/keys.js';
import { INDEXES } from '../../shared/adapters/dynamo/table-design.js';
import { CALLBACK_PATH, SIGN_IN_PATH, SIGN_OUT_PATH } from '../../shared/console/sign-in.js';
import { ATTACHMENTS_PREFIX, EXPORTS_PREFIX, RAW_MAIL_PREFIX } from '../../shared/mail/storage.js';
import { REPORT_DAY_PREFIX } from '../../shared/reports/dynamo-counters.js';
import { REPORT_ACTION_PREFIX } from '../../shared/reports/report-actions.js';
import { WEEKLY_REPORT_MARKER } from '../../shared/usecases/weekly-report.js';
import { CloseloopFunction } from '../constructs/closeloop-function.js';
import { RECEIPT_RULE_NAME, RECEIPT_RULE_SET_NAME, StoreRawMail } from '../constructs/inbound-mail.js';
import { Incidents } from '../constructs/incidents.js';
import { ReportAggregator } from '../constructs/report-aggregator.js';
import { scheduled } from '../constructs/scheduled.js';
import { addConsoleClient } from '../constructs/staff-pool.js';
import { ComplaintWorkflow } from '../workflow/complaint-workflow.js';

/**
 * The DynamoDB actions each kind of function performs, on the base table only. Nothing scans,
 * deletes or batch-writes; transactions need the per-item actions they contain.
 */
export const TABLE_ACCESS = {
  /**
   * Idempotency look-ups, rate-limit windows (ADD), and the create transaction: Puts and the
   * ticket counter's conditional Update. No ConditionCheck: nothing is checked without a write.
   */
  intake: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
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
  /**
   * A versioned update with its timeline events (one transaction of Update and Put), after
   * reading the complaint and its parked task token. No Query: these never list a timeline.
   */
  change: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  /** Appends timeline events only. */
  append: ['dynamodb:PutItem'],
  /** One complaint, read by key. */
  get: ['dynamodb:GetItem'],
  /** Reads the complaint, stores the parked task token. */
  park: ['dynamodb:GetItem', 'dynamodb:PutItem'],
} as const;

/** Account-wide guard rails; the per-client limit lives in the submit function (RATE_LIMIT_PER_MINUTE). */
const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 };

export interface StatelessStackProps extends StackProps {
  table: ITableV2;
  linkSecret: ISecret;
  emailIdentity: IEmailIdentity;
  configurationSet: IConfigurationSet;
  /** Where SES stores inbound mail (the data stack's InboundMailStore). */
  inboundMailBucket: IBucket;
  mailFrom: string;
  /** Domain of the per-complaint reply addresses; SES receives mail for it. */
  replyDomain: string;
  replyLocalPart: string;
  /** Address customers write to for a new complaint; SES receives mail for it too. */
  supportAddress: string;
  /** Origins allowed to call the API from a browser. */
  allowedOrigins: string[];
  rateLimitPerMinute: number;
  /** Staff sign in here; its tokens authorize the /staff routes. */
  staffUserPool: IUserPool;
  staffClient: IUserPoolClient;
  /** The staff pool's managed-login domain (`https://<prefix>.auth.<region>.amazoncognito.com`): the console signs in there. */
  staffSignInUrl: string;
}

/** Everything that can be destroyed and redeployed without losing data: functions, API, workflow. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly workflow: ComplaintWorkflow;
  readonly functions: {
    /** The policy admin (issue 9): the only writer of policy items. */
    staffPolicy: CloseloopFunction;
    submitComplaint: CloseloopFunction;
    complaintStatus: CloseloopFunction;
    formPage: CloseloopFunction;
    acknowledgeAndPlan: CloseloopFunction;
    recordWorkflowFault: CloseloopFunction;
    plan: CloseloopFunction;
    park: CloseloopFunction;
    onTimer: CloseloopFunction;
    sendResult: CloseloopFunction;
    archive: CloseloopFunction;
    staffComplaint: CloseloopFunction;
    staffAction: CloseloopFunction;
    staffRegister: CloseloopFunction;
    survey: CloseloopFunction;
    customerReply: CloseloopFunction;
    reconcile: CloseloopFunction;
    breachDigest: CloseloopFunction;
    inboundMail: CloseloopFunction;
    mailEvents: CloseloopFunction;
    consoleAuth: CloseloopFunction;
    assets: CloseloopFunction;
    console: CloseloopFunction;
    openApi: CloseloopFunction;
    // Issue 11, added by their blocks below (nag.ts acknowledges their findings by these names).
    weeklyReport?: CloseloopFunction;
    staffCustomers?: CloseloopFunction;
    privacyRetention?: CloseloopFunction;
  };
  /** Run by a deploy trigger, not by any route: stores policy version 1 when the table holds none. */
  readonly policySeed: CloseloopFunction;
  /** SES's receipt rule set; an operator activates it once (see the ActivateReceiptRuleSet output). */
  readonly receiptRuleSet: ReceiptRuleSet;
  /** Bounces and complaints SES publishes through the configuration set. */
  readonly mailEventsTopic: Topic;
  /** The functions the state machine invokes. */
  readonly workflowFunctions: CloseloopFunction[];
  /** Routes customers reach without logging in (see infra/nag.ts for why that is by design). */
  readonly publicRoutes: HttpRoute[];
  /** Routes only signed-in staff reach (Cognito JWT). */
  readonly staffRoutes: HttpRoute[];
  /** The console's sign-in, callback and sign-out: they open and close the console's cookie session. */
  readonly consoleSignInRoutes: HttpRoute[];
  /** The console's app client at the staff pool (authorization code with PKCE). */
  readonly consoleClient: IUserPoolClient;
  /** The staff console's pages and form posts: its own sealed session cookie, not a JWT (see consolePath). */
  readonly consoleRoutes: HttpRoute[];

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);

    this.api = new HttpApi(this, 'Api', {
      description: 'Closeloop: complaint form, intake, customer status, survey and replies, staff actions',
      // The stage is created below: HttpApi's default stage takes neither access logs nor throttling.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [CorsHttpMethod.POST, CorsHttpMethod.GET, CorsHttpMethod.OPTIONS],
        allowHeaders: ['content-type', 'idempotency-key', 'accept-language', 'authorization'],
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

    const mailEnvironment = {
      MAIL_FROM: props.mailFrom,
      SES_CONFIGURATION_SET: props.configurationSet.configurationSetName,
      PUBLIC_BASE_URL: publicBaseUrl,
      LINK_SECRET_ARN: props.linkSecret.secretArn,
      // Customer mail carries a Reply-To on the reply domain that identifies its complaint.
      REPLY_DOMAIN: props.replyDomain,
      REPLY_LOCAL_PART: props.replyLocalPart,
    };
    /** A function that mails: the sender and the configuration set, and ses:SendEmail as that sender only. */
    const grantStaffMail = (fn: CloseloopFunction) => {
      fn.function.addEnvironment('MAIL_FROM', props.mailFrom);
      fn.function.addEnvironment('SES_CONFIGURATION_SET', props.configurationSet.configurationSetName);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: sesSendingArns,
          conditions: { StringEquals: { 'ses:FromAddress': props.mailFrom } },
        }),
      );
    };
    /** Mail to customers carries signed links, so a sender also reads the signing key. */
    const grantMail = (fn: CloseloopFunction) => {
      props.linkSecret.grantRead(fn);
      grantStaffMail(fn);
    };
    const tableName = props.table.tableName;

    /**
     * A function of this stack: its code, the table access it needs (and so TABLE_NAME), and
     * whether it mails (and so gets the mail settings, ses:SendEmail and the link-signing key).
     */
    const define = (
      id: string,
      opts: { entryName: string; description: string; access?: readonly string[]; mails?: boolean },
    ): CloseloopFunction => {
      const fn = new CloseloopFunction(this, id, {
        entryName: opts.entryName,
        description: opts.description,
        // Mail goes through SES and signs links: give those calls room beyond the default.
        ...(opts.mails ? { timeout: Duration.seconds(20) } : {}),
        environment: { ...(opts.access ? { TABLE_NAME: tableName } : {}), ...(opts.mails ? mailEnvironment : {}) },
      });
      if (opts.access) grantTable(fn, props.table, opts.access);
      if (opts.mails) grantMail(fn);
      return fn;
    };

    const acknowledgeAndPlan = define('SendAcknowledgement', {
      entryName: 'wf-acknowledge',
      description: 'Workflow step: mails the customer the acknowledgement with a status link, then plans',
      access: TABLE_ACCESS.update,
      mails: true,
    });
    const recordWorkflowFault = define('RecordWorkflowFault', {
      entryName: 'record-workflow-fault',
      description: "Workflow step: records a step that failed for good on the complaint's timeline",
      access: TABLE_ACCESS.append,
    });
    const plan = define('WorkflowPlan', {
      entryName: 'wf-plan',
      description: 'Workflow step: plans the next step and its timer from the stored complaint',
      access: TABLE_ACCESS.get,
    });
    const park = define('WorkflowPark', {
      entryName: 'wf-park',
      description: "Workflow step: parks a waiting step's task token; wakes it at once if the complaint moved on",
      access: TABLE_ACCESS.park,
    });
    const onTimer = define('WorkflowOnTimer', {
      entryName: 'wf-on-timer',
      description: 'Workflow step: a timer ran out: escalates, sends progress mail and reminders, closes surveys',
      access: TABLE_ACCESS.change,
      mails: true,
    });
    const sendResult = define('WorkflowSendResult', {
      entryName: 'wf-send-result',
      description: 'Workflow step: mails the customer the result and the satisfaction survey',
      access: TABLE_ACCESS.change,
      mails: true,
    });
    const archive = define('WorkflowArchive', {
      entryName: 'wf-archive',
      description: 'Workflow step: closes the complaint and keeps the handling time of every step',
      access: TABLE_ACCESS.change,
    });

    this.workflowFunctions = [acknowledgeAndPlan, recordWorkflowFault, plan, park, onTimer, sendResult, archive];
    this.workflow = new ComplaintWorkflow(this, 'ComplaintWorkflow', {
      acknowledgeAndPlan,
      recordWorkflowFault,
      plan,
      park,
      onTimer,
      sendResult,
      archive,
    });

    const submitComplaint = new CloseloopFunction(this, 'SubmitComplaint', {
      entryName: 'submit-complaint',
      description: 'POST /complaints: validates, stores and starts the workflow of a complaint',
      environment: {
        TABLE_NAME: tableName,
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

    // Every open complaint keeps a running execution: repairs a start that failed at intake and a
    // workflow that failed (up to a few restarts), from the table, every 15 minutes.
    const reconcile = new CloseloopFunction(this, 'WorkflowReconcile', {
      entryName: 'wf-reconcile',
      description: 'Scheduled: gives every open complaint without a running execution a new one',
      timeout: Duration.minutes(5),
      environment: { TABLE_NAME: tableName, STATE_MACHINE_ARN: this.workflow.stateMachine.stateMachineArn },
    });
    reconcile.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.table.tableArn}/index/${INDEXES.byDeadline.indexName}`],
      }),
    );
    this.workflow.stateMachine.grantStartExecution(reconcile);
    reconcile.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:ListExecutions'],
        resources: [this.workflow.stateMachine.stateMachineArn],
      }),
    );
    new Rule(this, 'ReconcileSchedule', {
      description: 'Closeloop: every open complaint keeps a running workflow',
      schedule: EventSchedule.rate(Duration.minutes(15)),
      targets: [new LambdaFunction(reconcile.function)],
    });

    // The top of the escalation ladder hears once a day about everything still breached there
    // (one summary per person), in the morning of the policy's zone.
    const breachDigest = new CloseloopFunction(this, 'BreachDigest', {
      entryName: 'breach-digest',
      description:
        'Scheduled hourly, sends in the 09:00 hour of the policy zone: one summary per manager of the complaints still breached at the top of the ladder',
      timeout: Duration.minutes(2),
      environment: { TABLE_NAME: tableName, PUBLIC_BASE_URL: publicBaseUrl },
    });
    breachDigest.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.table.tableArn}/index/${INDEXES.byDeadline.indexName}`],
      }),
    );
    // The stored policy (its zone and ladder) by key; the once-a-day ledger: a conditional put per
    // person and day, marked given back if the mail fails.
    grantTable(breachDigest, props.table, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    grantStaffMail(breachDigest);
    // Hourly: the function sends in the 09:00 hour of the stored policy's zone, which a manager may change.
    scheduled(this, 'BreachDigest', breachDigest, {
      rate: Duration.hours(1),
      why: 'Closeloop: the daily summary of complaints still breached at the top of the ladder',
      starts: 'the daily breach digest',
    });

    const complaintStatus = new CloseloopFunction(this, 'ComplaintStatus', {
      entryName: 'complaint-status',
      description: "GET /status/{token}: the customer's signed-link status page",
      environment: {
        TABLE_NAME: tableName,
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

    const staffComplaint = define('StaffComplaint', {
      entryName: 'staff-complaint',
      description:
        'GET /staff/complaints: queues and searches; GET /staff/complaints/{id}: a complaint and its timeline',
      access: TABLE_ACCESS.read,
    });
    // The queues read the indexes only: each view is one of them, never a scan.
    staffComplaint.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: Object.values(INDEXES).map((index) => `${props.table.tableArn}/index/${index.indexName}`),
      }),
    );

    // The actions below write the table first, then wake the parked step with its task token.
    const staffAction = define('StaffAction', {
      entryName: 'staff-action',
      description: 'POST /staff/complaints/{id}/{action}: assign, contact, propose, approve, resolve...',
      access: TABLE_ACCESS.change,
      mails: true,
    });
    const survey = define('Survey', {
      entryName: 'survey',
      description: 'GET and POST /survey/{token}: the signed-link satisfaction survey',
      access: TABLE_ACCESS.change,
      mails: true,
    });
    const customerReply = define('CustomerReply', {
      entryName: 'customer-reply',
      description: "POST /status/{token}/reply and /acceptance: the customer's answer to a question or a solution",
      access: TABLE_ACCESS.change,
      mails: true,
    });
    for (const fn of [staffAction, survey, customerReply]) this.workflow.grantWake(fn);

    // Staff register complaints that reached them by phone, chat, app, in a store, on social media or
    // from a regulator: intake's path (grading, numbering, the workflow's start), behind the staff
    // authorizer. A function of its own: the grading rules would push the staff actions past 150 KB.
    const staffRegister = new CloseloopFunction(this, 'StaffRegister', {
      entryName: 'staff-register',
      description: 'POST /staff/complaints: staff register a phone, chat, app, store, social or regulator complaint',
      environment: {
        TABLE_NAME: tableName,
        STATE_MACHINE_ARN: this.workflow.stateMachine.stateMachineArn,
        PUBLIC_BASE_URL: publicBaseUrl,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
        RATE_LIMIT_PER_MINUTE: String(props.rateLimitPerMinute),
      },
    });
    grantTable(staffRegister, props.table, TABLE_ACCESS.intake);
    this.workflow.stateMachine.grantStartExecution(staffRegister);
    props.linkSecret.grantRead(staffRegister);
    // Console sign-in (issue 8): the console's app client and the function that runs the code flow.
    // It reads only the link-signing key (the console's keys derive from it); no table, no mail.
    const staffIssuer = `https://cognito-idp.${this.region}.amazonaws.com/${props.staffUserPool.userPoolId}`;
    this.consoleClient = addConsoleClient(this, 'ConsoleSignIn', {
      userPool: props.staffUserPool,
      callbackUrl: `${publicBaseUrl}${CALLBACK_PATH}`,
      logoutUrl: `${publicBaseUrl}${SIGN_OUT_PATH}`,
    });
    const consoleAuth = new CloseloopFunction(this, 'ConsoleAuth', {
      entryName: 'console-auth',
      description: 'GET /console/sign-in, /console/callback; POST /console/sign-out: staff sign in to the console',
      environment: {
        PUBLIC_BASE_URL: publicBaseUrl,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
        CONSOLE_AUTH_URL: props.staffSignInUrl,
        CONSOLE_ISSUER: staffIssuer,
        CONSOLE_CLIENT_ID: this.consoleClient.userPoolClientId,
      },
    });
    props.linkSecret.grantRead(consoleAuth);

    const { inboundMail, mailEvents, receiptRuleSet, mailEventsTopic } = this.inboundMailPath(props, define);
    this.receiptRuleSet = receiptRuleSet;
    this.mailEventsTopic = mailEventsTopic;
    const { console: consoleFunction, routes: consoleRoutes } = this.consolePath(props, define);
    this.consoleRoutes = consoleRoutes;

    // The stylesheet and the pages' scripts (web/assets.ts): the pages' CSP allows only files of
    // our own origin. Everything it serves is in its bundle: no table, no secret, no mail.
    const assets = define('Assets', {
      entryName: 'assets',
      description: 'GET /assets/{name}: the stylesheet and page scripts, cached by version',
    });

    // GET /openapi.json: the API described from the zod schemas that validate it; reads nothing, holds no secret.
    const openApi = define('OpenApi', {
      entryName: 'openapi',
      description: 'GET /openapi.json: the OpenAPI 3.1 description of the public and staff API',
    });

    // ----- The policy admin (issue 9): the only function that writes policy items. Every other
    // function reads the stored policy by key (GetItem, which each has) and is denied any write to
    // the POLICY partition, so no bug elsewhere can change the rules every clock runs on.
    const staffPolicy = define('StaffPolicy', {
      entryName: 'staff-policy',
      description: 'GET/PUT /staff/policy, its versions and a rollback: managers change the policy without a deploy',
      access: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
    });
    staffPolicy.function.addEnvironment('POLICY_ADMIN', 'true');
    readsStaffDirectory(staffPolicy, props.staffUserPool);

    // ----- Issue 9 (GAP): policy version 1 stored at deploy, so no function ever runs on the code's
    // defaults (those that grade carry none). A trigger runs the seeding function once the table and
    // its grant exist; it writes only when the table holds no policy, and may touch nothing but the
    // POLICY partition (reads of the pointer and a version, the two puts of the first save).
    const seedPolicy = new CloseloopFunction(this, 'SeedPolicy', {
      entryName: 'seed-policy',
      description: 'Deploy trigger: stores the default policy as version 1 when the table holds none',
      timeout: Duration.seconds(30),
      environment: { TABLE_NAME: tableName },
    });
    this.policySeed = seedPolicy;
    seedPolicy.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [POLICY_PARTITION] } },
      }),
    );
    new Trigger(this, 'SeedPolicyTrigger', {
      handler: seedPolicy.function,
      executeAfter: [seedPolicy, props.table],
      // Again whenever its code changes: harmless, as it never overwrites a stored policy.
      executeOnHandlerChange: true,
    });

    this.functions = {
      assets,
      staffPolicy,
      submitComplaint,
      complaintStatus,
      formPage,
      acknowledgeAndPlan,
      recordWorkflowFault,
      plan,
      park,
      onTimer,
      sendResult,
      archive,
      staffComplaint,
      staffAction,
      staffRegister,
      survey,
      customerReply,
      reconcile,
      breachDigest,
      inboundMail,
      mailEvents,
      consoleAuth,
      console: consoleFunction,
      openApi,
    };

    // The functions that need staff (sign-in, assignment, owners and rungs told) read the directory
    // from the user pool. Add a new such function here.
    for (const fn of [
      staffComplaint,
      staffAction,
      survey,
      customerReply,
      onTimer,
      breachDigest,
      inboundMail,
      mailEvents,
      acknowledgeAndPlan,
      staffRegister,
      consoleAuth,
      consoleFunction,
    ]) {
      readsStaffDirectory(fn, props.staffUserPool);
    }

    this.publicRoutes = [
      ...this.route('/', [HttpMethod.GET], formPage),
      ...this.route('/complaints', [HttpMethod.POST], submitComplaint),
      ...this.route('/status/{token}', [HttpMethod.GET], complaintStatus),
      ...this.route('/status/{token}/reply', [HttpMethod.POST], customerReply),
      // After-sales work orders: the customer signs the service confirmation (the same function as replies).
      ...this.route('/status/{token}/confirm-service', [HttpMethod.POST], customerReply),
      ...this.route('/status/{token}/acceptance', [HttpMethod.POST], customerReply),
      ...this.route('/survey/{token}', [HttpMethod.GET, HttpMethod.POST], survey),
      ...this.route('/openapi.json', [HttpMethod.GET], openApi),
      ...this.route('/assets/{name}', [HttpMethod.GET], assets),
    ];

    this.consoleSignInRoutes = [
      ...this.route(SIGN_IN_PATH, [HttpMethod.GET], consoleAuth),
      ...this.route(CALLBACK_PATH, [HttpMethod.GET], consoleAuth),
      ...this.route(SIGN_OUT_PATH, [HttpMethod.GET, HttpMethod.POST], consoleAuth),
    ];

    const staffAuthorizer = new HttpJwtAuthorizer(
      'StaffAuthorizer',
      staffIssuer,
      // API Gateway matches ID tokens by `aud` and access tokens by `client_id`: either client's tokens open the API.
      { jwtAudience: [props.staffClient.userPoolClientId, this.consoleClient.userPoolClientId] },
    );
    this.staffRoutes = [
      ...this.route('/staff/complaints', [HttpMethod.GET], staffComplaint, staffAuthorizer),
      ...this.route('/staff/complaints', [HttpMethod.POST], staffRegister, staffAuthorizer),
      ...this.route('/staff/complaints/{id}', [HttpMethod.GET], staffComplaint, staffAuthorizer),
      ...this.route('/staff/complaints/{id}/{action}', [HttpMethod.POST], staffAction, staffAuthorizer),
      ...this.route('/staff/policy', [HttpMethod.GET, HttpMethod.PUT], staffPolicy, staffAuthorizer),
      ...this.route('/staff/policy/versions', [HttpMethod.GET], staffPolicy, staffAuthorizer),
      ...this.route('/staff/policy/versions/{version}', [HttpMethod.GET], staffPolicy, staffAuthorizer),
      ...this.route('/staff/policy/rollback', [HttpMethod.POST], staffPolicy, staffAuthorizer),
      ...this.route('/staff/policy/presets', [HttpMethod.GET], staffPolicy, staffAuthorizer),
      ...this.route('/staff/policy/presets/{name}', [HttpMethod.GET], staffPolicy, staffAuthorizer),
    ];

    // Issue 9, the policy dry run: POST /staff/policy/dry-run (and the console's policy page posts its
    // dry run here). A function of its own because it carries the grader. It reads the recent
    // complaints through the byStatus index (never a scan) and their timelines for staff regrades.
    const policyDryRun = define('PolicyDryRun', {
      entryName: 'policy-dry-run',
      description: 'POST /staff/policy/dry-run: what a proposed policy would change on the recent complaints',
      // Reads, and puts the console's dry run for the policy page to show (DRYRUN#, TTL).
      access: [...TABLE_ACCESS.read, 'dynamodb:PutItem'],
    });
    policyDryRun.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.table.tableArn}/index/${INDEXES.byStatus.indexName}`],
      }),
    );
    readsStaffDirectory(policyDryRun, props.staffUserPool);
    // The console's dry run opens the console's session, whose key derives from the link-signing key.
    policyDryRun.function.addEnvironment('PUBLIC_BASE_URL', publicBaseUrl);
    policyDryRun.function.addEnvironment('LINK_SECRET_ARN', props.linkSecret.secretArn);
    props.linkSecret.grantRead(policyDryRun);
    this.staffRoutes.push(...this.route('/staff/policy/dry-run', [HttpMethod.POST], policyDryRun, staffAuthorizer));
    this.consoleRoutes.push(...this.route('/console/policy/dry-run', [HttpMethod.POST], policyDryRun));
    Object.assign(this.functions, { policyDryRun });

    // Issue 11, the report counters: the table's stream into the aggregator (infra/constructs/report-aggregator.ts).
    const reports = new ReportAggregator(this, 'Reports', { table: props.table });
    Object.assign(this.functions, { reportAggregator: reports.fn });

    // ----- Issue 11, privacy (PRIV): a manager exports or erases a customer's data; a daily sweep erases
    // what the retention policy no longer keeps. Both may write complaint items only (their META and
    // timeline, under COMPLAINT#), delete only the address's bounce record (ADDRESS#), raw-mail objects
    // and waiting exports, and find complaints only through indexes. Only the export writes and reads
    // exports/ (its presigned link can do no more than its role).
    const privacyGrants = (fn: CloseloopFunction, indexes: string[], s3: { rawMail: string[]; exports: string[] }) => {
      fn.function.addEnvironment('INBOUND_MAIL_BUCKET', props.inboundMailBucket.bucketName);
      grantTable(fn, props.table, TABLE_ACCESS.read);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: indexes.map((name) => `${props.table.tableArn}/index/${name}`),
        }),
      );
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
          resources: [props.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['COMPLAINT#*'] } },
        }),
      );
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:DeleteItem'],
          resources: [props.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ADDRESS#*'] } },
        }),
      );
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: s3.rawMail,
          resources: [
            props.inboundMailBucket.arnForObjects(`${RAW_MAIL_PREFIX}*`),
            props.inboundMailBucket.arnForObjects(`${ATTACHMENTS_PREFIX}*`),
          ],
        }),
      );
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: s3.exports,
          resources: [props.inboundMailBucket.arnForObjects(`${EXPORTS_PREFIX}*`)],
        }),
      );
    };
    // A large export reads every mail and attachment and zips them in memory, within the 30 s API Gateway waits.
    const staffCustomers = new CloseloopFunction(this, 'StaffCustomers', {
      entryName: 'staff-customers',
      description:
        "POST /staff/customers/export and /erase: a customer's data as a zip behind a 15-min link, or erased (managers)",
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: { TABLE_NAME: tableName },
    });
    privacyGrants(staffCustomers, [INDEXES.byCustomerEmail.indexName, INDEXES.byCustomerPhone.indexName], {
      rawMail: ['s3:GetObject', 's3:DeleteObject'],
      exports: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
    });
    readsStaffDirectory(staffCustomers, props.staffUserPool);
    this.staffRoutes.push(
      ...this.route('/staff/customers/export', [HttpMethod.POST], staffCustomers, staffAuthorizer),
      ...this.route('/staff/customers/erase', [HttpMethod.POST], staffCustomers, staffAuthorizer),
    );
    const privacyRetention = new CloseloopFunction(this, 'PrivacyRetention', {
      entryName: 'privacy-retention',
      description:
        'Scheduled daily: erases the personal data of complaints archived longer ago than the policy keeps it',
      timeout: Duration.minutes(5),
      environment: { TABLE_NAME: tableName },
    });
    privacyGrants(privacyRetention, [INDEXES.byDeadline.indexName], {
      rawMail: ['s3:DeleteObject'],
      exports: ['s3:DeleteObject'],
    });
    scheduled(this, 'PrivacyRetention', privacyRetention, {
      rate: Duration.days(1),
      why: 'Closeloop: personal data erased once the retention policy no longer keeps it',
      starts: 'the daily retention erasure',
    });
    Object.assign(this.functions, { staffCustomers, privacyRetention });
    // ----- Issue 11 (WK): the Monday weekly report mail. Hourly like the breach digest: it sends on
    // Monday in the 09:00 hour of the stored policy's zone, so a zone a manager saves needs no deploy.
    // It reads the report counters and the stored policy by key, writes only its once-a-week markers.
    const weeklyReport = new CloseloopFunction(this, 'WeeklyReport', {
      entryName: 'weekly-report',
      description:
        "Scheduled hourly, sends on Monday in the 09:00 hour of the policy zone: last week's report to managers and department heads",
      timeout: Duration.minutes(2),
      environment: { TABLE_NAME: tableName, PUBLIC_BASE_URL: publicBaseUrl },
    });
    const onlyKeys = (actions: string[], prefixes: string[]) =>
      new PolicyStatement({
        actions,
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } },
      });
    weeklyReport.addToRolePolicy(onlyKeys(['dynamodb:Query'], [`${REPORT_DAY_PREFIX}*`]));
    weeklyReport.addToRolePolicy(onlyKeys(['dynamodb:GetItem'], [POLICY_PARTITION]));
    weeklyReport.addToRolePolicy(
      onlyKeys(['dynamodb:PutItem', 'dynamodb:UpdateItem'], [onceKey(`${WEEKLY_REPORT_MARKER}*`).pk]),
    );
    grantStaffMail(weeklyReport);
    readsStaffDirectory(weeklyReport, props.staffUserPool);
    scheduled(this, 'WeeklyReport', weeklyReport, {
      rate: Duration.hours(1),
      why: "Closeloop: last week's report to managers and department heads, Monday 09:00 in the policy zone",
      starts: 'the weekly report mail',
    });
    Object.assign(this.functions, { weeklyReport });
    // Issue 11 (INC), batch-defect incidents: the stream detector, the plan clock and the staff API
    // (infra/constructs/incidents.ts). Their mail goes to staff only: no link-signing key.
    const incidents = new Incidents(this, 'Incidents', {
      table: props.table,
      publicBaseUrl,
      grantStaffMail,
      readsStaffDirectory: (fn) => readsStaffDirectory(fn, props.staffUserPool),
    });
    this.staffRoutes.push(
      ...this.route('/staff/incidents', [HttpMethod.GET], incidents.staffApi, staffAuthorizer),
      ...this.route('/staff/incidents/{id}', [HttpMethod.GET], incidents.staffApi, staffAuthorizer),
      ...this.route('/staff/incidents/{id}/{action}', [HttpMethod.POST], incidents.staffApi, staffAuthorizer),
    );
    Object.assign(this.functions, {
      incidentDetector: incidents.detector,
      incidentClock: incidents.clock,
      staffIncidents: incidents.staffApi,
    });
    // Issue 11 (REP), the reports: GET /staff/reports/{kind}, improvement actions, and the console's report
    // pages (functions/staff-reports.ts). It reads the counters, the actions and the policy, queries the two
    // overdue indexes, and writes nothing but action items: least privilege by leading key.
    const staffReports = new CloseloopFunction(this, 'StaffReports', {
      entryName: 'staff-reports',
      description:
        'GET /staff/reports/{kind} and the console report pages: figures from the counters; improvement actions',
      environment: {
        TABLE_NAME: tableName,
        PUBLIC_BASE_URL: publicBaseUrl,
        LINK_SECRET_ARN: props.linkSecret.secretArn,
      },
    });
    staffReports.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [props.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': [`${REPORT_DAY_PREFIX}*`, `${REPORT_ACTION_PREFIX}*`, POLICY_PARTITION],
          },
        },
      }),
    );
    staffReports.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${REPORT_ACTION_PREFIX}*`] } },
      }),
    );
    staffReports.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [INDEXES.byDeadline, INDEXES.byDepartment].map(
          (i) => `${props.table.tableArn}/index/${i.indexName}`,
        ),
      }),
    );
    props.linkSecret.grantRead(staffReports);
    readsStaffDirectory(staffReports, props.staffUserPool);
    this.staffRoutes.push(
      ...this.route('/staff/reports/{kind}', [HttpMethod.GET], staffReports, staffAuthorizer),
      ...this.route('/staff/reports/{kind}/{period}/actions', [HttpMethod.POST], staffReports, staffAuthorizer),
    );
    this.consoleRoutes.push(
      ...this.route('/console/reports/{kind}', [HttpMethod.GET], staffReports),
      ...this.route('/console/reports/{kind}/{period}/actions', [HttpMethod.POST], staffReports),
    );
    Object.assign(this.functions, { staffReports });

    // Only the policy admin writes policy items (issue 9): an explicit deny on the POLICY partition for the rest.
    for (const fn of Object.values(this.functions)) {
      // The console's policy page saves and rolls back for managers, as the admin API does.
      if (fn === staffPolicy || fn === consoleFunction) continue;
      fn.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
          resources: [props.table.tableArn],
          conditions: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': [POLICY_PARTITION] } },
        }),
      );
    }

    this.faultAlarms();

    new CfnOutput(this, 'ApiEndpoint', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
  }

  /**
   * Mail to us: SES stores each message for the reply domain or the support address in the
   * inbound bucket, then invokes the inbound function (asynchronously: SES does not wait, Lambda
   * retries). Bounces and complaints of our own mail come back through the configuration set and SNS.
   */
  private inboundMailPath(
    props: StatelessStackProps,
    define: (
      id: string,
      opts: { entryName: string; description: string; access?: readonly string[]; mails?: boolean },
    ) => CloseloopFunction,
  ) {
    const customerEmailIndex = `${props.table.tableArn}/index/${INDEXES.byCustomerEmail.indexName}`;

    const inboundMail = define('InboundMail', {
      entryName: 'inbound-mail',
      description: "SES receipt: a customer's mail becomes a reply, a reopening or a new complaint",
      access: TABLE_ACCESS.update,
      mails: true,
    });
    const inboundSettings = {
      INBOUND_MAIL_BUCKET: props.inboundMailBucket.bucketName,
      STATE_MACHINE_ARN: this.workflow.stateMachine.stateMachineArn,
    };
    for (const [name, value] of Object.entries(inboundSettings)) inboundMail.function.addEnvironment(name, value);
    // A mail that matches nothing is a new complaint: it starts a workflow like intake does.
    this.workflow.stateMachine.grantStartExecution(inboundMail);
    this.workflow.grantWake(inboundMail);
    inboundMail.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [customerEmailIndex] }));
    inboundMail.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.inboundMailBucket.arnForObjects(`${RAW_MAIL_PREFIX}*`)],
      }),
    );
    inboundMail.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [props.inboundMailBucket.arnForObjects(`${ATTACHMENTS_PREFIX}*`)],
      }),
    );

    // Marks the address and tells each open complaint's owner to call: it mails staff, so it gets
    // the mail settings and grants, but no bucket and no state machine.
    const mailEvents = define('MailEvents', {
      entryName: 'mail-events',
      description: 'SES bounce and complaint events: the address is marked unreachable on its open complaints',
      access: TABLE_ACCESS.update,
      mails: true,
    });
    mailEvents.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [customerEmailIndex] }));

    const receiptRuleSet = new ReceiptRuleSet(this, 'InboundMailRules', { receiptRuleSetName: RECEIPT_RULE_SET_NAME });
    receiptRuleSet.addRule('CustomerMail', {
      receiptRuleName: RECEIPT_RULE_NAME,
      recipients: [props.replyDomain, props.supportAddress],
      // Stored first: the function reads the message from the bucket, and a message the function
      // fails on is still there to replay.
      actions: [
        new StoreRawMail(props.inboundMailBucket),
        new LambdaAction({ function: inboundMail.function, invocationType: LambdaInvocationType.EVENT }),
      ],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
    });

    const topic = new Topic(this, 'MailEventsTopic', {
      displayName: 'Closeloop bounces and complaints',
      enforceSSL: true,
    });
    new ConfigurationSetEventDestination(this, 'MailEventsDestination', {
      configurationSet: props.configurationSet,
      destination: EventDestination.snsTopic(topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    topic.addSubscription(new LambdaSubscription(mailEvents.function));

    new CfnOutput(this, 'ActivateReceiptRuleSet', {
      description:
        'SES receives mail only through the active rule set, one per account and region: run this once ' +
        '(it replaces any other active rule set)',
      value: `aws ses set-active-receipt-rule-set --rule-set-name ${RECEIPT_RULE_SET_NAME} --region ${this.region}`,
    });
    return { inboundMail, mailEvents, receiptRuleSet, mailEventsTopic: topic };
  }

  /**
   * The staff console (issue 8): server-rendered pages and their form posts. A browser navigating
   * carries no bearer token, so these routes have no JWT authorizer: every request opens the
   * console's sealed session cookie (shared/console/session.ts) and every post checks its CSRF token.
   * The function reads what the staff complaint function reads and changes what the staff action
   * function changes (the same use cases), and nothing more.
   */
  private consolePath(
    props: StatelessStackProps,
    define: (
      id: string,
      opts: { entryName: string; description: string; access?: readonly string[]; mails?: boolean },
    ) => CloseloopFunction,
  ) {
    const fn = define('Console', {
      entryName: 'console',
      description: 'GET and POST /console: the staff console (queues, board, a complaint and its actions)',
      access: [...new Set([...TABLE_ACCESS.read, ...TABLE_ACCESS.change])],
      mails: true,
    });
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: Object.values(INDEXES).map((index) => `${props.table.tableArn}/index/${index.indexName}`),
      }),
    );
    this.workflow.grantWake(fn);
    const routes = [
      ...this.route('/console', [HttpMethod.GET], fn),
      ...this.route('/console/{proxy+}', [HttpMethod.GET, HttpMethod.POST], fn),
    ];
    return { console: fn, routes };
  }

  /**
   * Faults the code records rather than loses (shared/observability.ts metrics, EMF): each one
   * means a person must look, so any occurrence in five minutes raises an alarm.
   */
  private faultAlarms(): void {
    const faults: Record<string, string> = {
      WorkflowStartFailed:
        'A complaint was stored but its workflow did not start (the reconciler retries within 15 minutes)',
      WorkflowStepFailed: "A workflow step gave up after its retries; the complaint's timeline says which",
      MailFailed: 'A mail to a customer or staff member could not be sent; the timeline records it',
      WorkflowWakeFailed: 'A staff or customer action could not wake its workflow; the timer will re-read the table',
    };
    for (const [metricName, alarmDescription] of Object.entries(faults)) {
      new Metric({
        namespace: 'Closeloop',
        metricName,
        dimensionsMap: { service: 'closeloop' },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }).createAlarm(this, `${metricName}Alarm`, {
        alarmDescription,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }
  }

  private route(
    path: string,
    methods: HttpMethod[],
    fn: CloseloopFunction,
    authorizer?: HttpJwtAuthorizer,
  ): HttpRoute[] {
    return this.api.addRoutes({
      path,
      methods,
      integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      }),
      authorizer,
    });
  }
}

/**
 * The staff directory: the pool's id, and listing a role group's members on that pool only. Nothing
 * that reads one user by name, changes the pool or lists every user (a user in no role group is not staff).
 */
function readsStaffDirectory(fn: CloseloopFunction, pool: IUserPool): void {
  fn.function.addEnvironment('STAFF_USER_POOL_ID', pool.userPoolId);
  fn.addToRolePolicy(new PolicyStatement({ actions: ['cognito-idp:ListUsersInGroup'], resources: [pool.userPoolArn] }));
}

/** Grants actions on the table itself and nothing else: no index, no stream, no wildcard. */
function grantTable(fn: CloseloopFunction, table: ITableV2, actions: readonly string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: [table.tableArn] }));
}
