import { Aspects, type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy, CfnRole, type IRole } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { ATTACHMENTS_PREFIX, EXPORTS_PREFIX, RAW_MAIL_PREFIX } from '../shared/mail/storage.js';
import type { CloseloopFunction } from './constructs/closeloop-function.js';
import type { StatefulStack } from './stacks/stateful-stack.js';
import type { StatelessStack } from './stacks/stateless-stack.js';

/**
 * The AwsSolutions findings Closeloop accepts, each on the narrowest construct and, for IAM5,
 * as the single finding (`IAM5[Resource::...]`) rather than the whole rule. Everything else
 * cdk-nag reports fails the synth.
 */
export function suppressAcceptedFindings(stateful: StatefulStack, stateless: StatelessStack): void {
  accept(
    stateful.linkSecret,
    'AwsSolutions-SMG4',
    'The link-signing key has no scheduled rotation on purpose: a new key invalidates every ' +
      'status and survey link already mailed to customers. It is only read by the functions that ' +
      'sign or check links; if it leaks, an operator replaces the value, which is then exactly ' +
      'the point (every outstanding link stops working).',
  );

  accept(
    stateful.staff.userPool,
    'AwsSolutions-COG2',
    'MFA is optional (TOTP) until the staff console ships its TOTP enrolment: with MFA required, ' +
      'a first sign-in ends in an MFA_SETUP challenge nothing can answer yet. Meanwhile the Plus ' +
      "plan's threat protection (full function) checks for compromised credentials and challenges " +
      'or blocks risky sign-ins, passwords are long and complex, and there is no self sign-up.',
  );

  for (const route of stateless.publicRoutes) {
    accept(
      route,
      'AwsSolutions-APIG4',
      'Public by design: anonymous customers load the complaint form and submit a complaint; the ' +
        'status page, its reply form and the survey open from a signed, expiring link in our mail ' +
        'and check its signature. Submissions are validated, rate-limited per client and ' +
        'throttled per stage. The /staff routes require a Cognito JWT.',
    );
  }

  for (const route of stateless.consoleSignInRoutes) {
    accept(
      route,
      'AwsSolutions-APIG4',
      "The console's sign-in is reached before there is anything to authorize: it starts and finishes " +
        "an OpenID Connect code flow with PKCE at the staff pool's managed login, and opens a session " +
        'only for an ID token that pool signed for the console. Sign-out requires the session CSRF token.',
    );
  }
  for (const route of stateless.consoleRoutes) {
    accept(
      route,
      'AwsSolutions-APIG4',
      'The staff console authorizes in its function, not at the gateway: a browser navigating to a ' +
        'page sends no bearer token. Every request must carry the sealed, HttpOnly session cookie ' +
        '(HMAC with a key derived from the link secret, 12 h lifetime) naming someone in the staff ' +
        'directory; every form post also carries the session CSRF token and is refused from another origin.',
    );
  }

  for (const fn of [...Object.values(stateless.functions), stateless.policySeed]) {
    accept(
      fn.function,
      'AwsSolutions-L1',
      'Pinned to nodejs22.x, the newest runtime the local toolchain runs (node@22 and ' +
        'aws-local-stepfunctions), so the code tested on a laptop is the code Lambda runs. ' +
        'Node 22 is maintained until 2027-04; move to nodejs24.x together with the local Node.',
    );
    acceptWildcardResourceOnlyFor(
      fn.role,
      XRAY_WRITE,
      'Only xray:PutTraceSegments and xray:PutTelemetryRecords (added by active tracing) use "*": ' +
        'these X-Ray actions support no resource-level permissions.',
    );
  }

  // CDK's own provider behind every trigger (here: the policy seed at deploy), built by aws-cdk-lib.
  const triggerProvider = Stack.of(stateless).node.tryFindChild('AWSCDK.TriggerCustomResourceProvider');
  if (triggerProvider) {
    accept(
      triggerProvider,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "aws-cdk-lib's trigger provider writes its own logs with the basic execution role; it only invokes " +
        'the trigger handler it is given (lambda:InvokeFunction on that function), during a deploy.',
    );
  }

  // Objects are named by SES's message id and by the complaint an attachment belongs to: a grant
  // can only be narrowed to the prefix, and each prefix gets only the one action it needs.
  const bucketId = Stack.of(stateful.inboundMail.bucket).getLogicalId(
    stateful.inboundMail.bucket.node.defaultChild as CfnResource,
  );
  const inboundRole = stateless.functions.inboundMail.role;
  accept(
    inboundRole,
    `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${RAW_MAIL_PREFIX}*]`,
    's3:GetObject only, on the raw mail SES stored under inbound/ (one object per message id).',
  );
  accept(
    inboundRole,
    `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${ATTACHMENTS_PREFIX}*]`,
    "s3:PutObject only, for the attachments copied out of customers' mail under attachments/.",
  );

  // Issue 11: the customer export (PRIV) reads and deletes what SES stored and attachments copied out.
  // (Each scheduler role acknowledges its own invoke grant: infra/constructs/scheduled.ts.)
  for (const fn of [stateless.functions.staffCustomers, stateless.functions.privacyRetention]) {
    if (!fn) continue;
    accept(
      fn.role,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${RAW_MAIL_PREFIX}*]`,
      "The raw mail under inbound/ (one object per SES message id): a manager's export reads it (s3:GetObject), " +
        'an erase or the retention sweep deletes it (s3:DeleteObject); nothing else.',
    );
    accept(
      fn.role,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${ATTACHMENTS_PREFIX}*]`,
      'The attachments under attachments/, read by the export and deleted by an erase or the retention sweep.',
    );
    accept(
      fn.role,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${EXPORTS_PREFIX}*]`,
      'Exports waiting for download under exports/, each named by a random UUID: the export writes one and ' +
        'reads it through its presigned link (s3:PutObject, s3:GetObject); an erase deletes it (s3:DeleteObject).',
    );
  }

  const workflowRole = stateless.workflow.stateMachine.role;
  acceptWildcardResourceOnlyFor(
    workflowRole,
    [...XRAY_WRITE, 'xray:GetSamplingRules', 'xray:GetSamplingTargets', ...LOG_DELIVERY],
    'X-Ray tracing and CloudWatch Logs delivery (logs:CreateLogDelivery and friends) for the state ' +
      'machine: neither API supports resource-level permissions.',
  );
  for (const fn of stateless.workflowFunctions) {
    accept(
      workflowRole,
      `AwsSolutions-IAM5[Resource::<${logicalId(fn)}.Arn>:*]`,
      'The workflow may invoke versions and aliases of this one function, nothing else.',
    );
  }
}

/** What active tracing adds to a role, on "*". */
const XRAY_WRITE = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
/** What a state machine's logging adds to its role, on "*". */
const LOG_DELIVERY = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

/**
 * cdk-nag names a wildcard finding by its resource only (`IAM5[Resource::*]`), so acknowledging
 * it for the X-Ray actions would also let any later "*" grant on the same role through. The
 * acknowledgement is therefore bound to the actions it was given for: at synthesis, a statement
 * on "*" with any other action fails the synth and names the action.
 */
function acceptWildcardResourceOnlyFor(role: IRole, actions: string[], reason: string): void {
  accept(role, 'AwsSolutions-IAM5[Resource::*]', reason);
  const allowed = new Set(actions);
  Aspects.of(role).add({
    visit(node) {
      if (node !== role) return;
      const extra = wildcardResourceActions(role).filter((action) => !allowed.has(action));
      if (extra.length > 0) {
        throw new Error(
          `${role.node.path} grants ${extra.join(', ')} on every resource ("*"); ` +
            'only the actions acknowledged in infra/nag.ts may use "*". Grant it on the resources it needs.',
        );
      }
    },
  });
}

/** Every action a role's policies (inline and attached) grant on a resource of "*". */
export function wildcardResourceActions(role: IRole): string[] {
  const stack = Stack.of(role);
  const documents = role.node
    .findAll()
    .filter((c): c is CfnPolicy => c instanceof CfnPolicy)
    .map((policy) => stack.resolve(policy.policyDocument) as PolicyJson);
  const cfnRole = role.node.defaultChild;
  if (cfnRole instanceof CfnRole) {
    for (const inline of (stack.resolve(cfnRole.policies) ?? []) as { policyDocument: PolicyJson }[]) {
      documents.push(inline.policyDocument);
    }
  }
  return documents.flatMap((doc) =>
    (doc?.Statement ?? [])
      .filter((st) => st.Effect === 'Allow' && [st.Resource ?? []].flat().includes('*'))
      .flatMap((st) => [st.Action ?? []].flat()),
  );
}

type PolicyJson = { Statement?: { Effect?: string; Action?: string | string[]; Resource?: string | string[] }[] };

function accept(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

function logicalId(fn: CloseloopFunction): string {
  return Stack.of(fn).getLogicalId(fn.function.node.defaultChild as CfnResource);
}
