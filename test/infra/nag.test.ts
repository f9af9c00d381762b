import { Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildCloseloopApp } from './synth.js';

const findings = (app: ReturnType<typeof buildCloseloopApp>['app']) =>
  new AwsSolutionsChecks(app).validateScope(app).violations.map((v) => v.ruleName);

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing that is not fixed or acknowledged with a reason', () => {
    const { app } = buildCloseloopApp();
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources[0]?.constructPath}`)).toEqual([]);
  });

  it('still catches what nobody acknowledged, such as a wildcard grant', () => {
    const { app, stateless } = buildCloseloopApp();
    stateless.functions.formPage.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    expect(findings(app)).toContain('AwsSolutions-IAM5[Action::dynamodb:*]');
  });

  it('fails synthesis on a new wildcard grant to a role whose X-Ray wildcard is acknowledged', () => {
    const { app, stateless } = buildCloseloopApp();
    stateless.functions.submitComplaint.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:DeleteItem'], resources: ['*'] }),
    );
    expect(() => app.synth()).toThrow(/grants dynamodb:DeleteItem on every resource/);
  });

  it('fails synthesis on a new wildcard grant to the state machine role', () => {
    const { app, stateless } = buildCloseloopApp();
    stateless.workflow.stateMachine.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }),
    );
    expect(() => app.synth()).toThrow(/grants sqs:SendMessage on every resource/);
  });

  it('fails synthesis on a finding once the checks are plugged in, as infra/app.ts does', () => {
    const { app, stateless } = buildCloseloopApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    stateless.functions.formPage.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:*'],
        resources: ['arn:aws:dynamodb:eu-west-1:123456789012:table/other'],
      }),
    );
    expect(() => app.synth()).toThrow('AwsSolutions-IAM5[Action::dynamodb:*]');
  }, 120_000);
});
