import { type CfnResource, type Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import type { CloseloopFunction } from './closeloop-function.js';

export interface ScheduledProps {
  rate: Duration;
  /** The schedule's description: what the run is for. */
  why: string;
  /** What the scheduler starts, as its role says: "EventBridge Scheduler starts <this>, nothing else". */
  starts: string;
}

/**
 * Runs a function at a fixed rate with EventBridge Scheduler (the local runtime reads the same
 * schedule from the template), under a role of its own that this account's scheduler alone may
 * assume and that may invoke this one function only. Creates `<id>SchedulerRole` and `<id>Schedule`
 * in `scope`, names kept from before the helper so that a deploy replaces nothing.
 */
export function scheduled(scope: Construct, id: string, fn: CloseloopFunction, props: ScheduledProps): Role {
  const role = new Role(scope, `${id}SchedulerRole`, {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: `EventBridge Scheduler starts ${props.starts}, nothing else`,
  });
  // LambdaInvoke grants lambda:InvokeFunction on the function and on `<arn>:*`, its versions and aliases.
  const fnId = Stack.of(fn).getLogicalId(fn.function.node.defaultChild as CfnResource);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
    reason: `The scheduler may invoke versions and aliases of the function that runs ${props.starts}, nothing else.`,
  });
  new Schedule(scope, `${id}Schedule`, {
    description: props.why,
    schedule: ScheduleExpression.rate(props.rate),
    target: new LambdaInvoke(fn.function, { retryAttempts: 2, role }),
  });
  return role;
}
