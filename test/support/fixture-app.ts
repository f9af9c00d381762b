import { type App, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import {
  Choice,
  Condition,
  DefinitionBody,
  IntegrationPattern,
  JsonPath,
  Pass,
  Result,
  StateMachine,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';

/**
 * A miniature of the Closeloop app with the same contract (two stacks, entry metadata on every
 * function, an HTTP API with Lambda proxy routes, CORS and a Cognito JWT authorizer, one state
 * machine with LambdaInvoke and waitForTaskToken steps that also takes a complaint's execution
 * input), so the local runtime can be tested without the product's handlers.
 */
export function buildFixtureApp(app: App): { stateful: Stack; stateless: Stack } {
  const stateful = new Stack(app, 'Fixture-Data');
  const table = new TableV2(stateful, 'Table', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
  });

  const stateless = new Stack(app, 'Fixture-Api');
  const fn = (id: string, file: string, environment: Record<string, string> = {}) => {
    const entry = `test/support/fixture-functions/${file}.ts`;
    const f = new NodejsFunction(stateless, id, {
      entry,
      runtime: Runtime.NODEJS_22_X,
      timeout: Duration.seconds(10),
      environment: { TABLE_NAME: table.tableName, GREETING: 'hello', ...environment },
    });
    (f.node.defaultChild as CfnFunction).addMetadata('closeloop:entry', entry);
    return f;
  };
  const echo = fn('Echo', 'echo');
  const plain = fn('Plain', 'plain');
  const boom = fn('Boom', 'boom');
  const park = fn('Park', 'park');

  const api = new HttpApi(stateless, 'Api', {
    corsPreflight: {
      allowOrigins: ['https://shop.example'],
      allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
      allowHeaders: ['content-type', 'idempotency-key'],
      exposeHeaders: ['x-fixture'],
      maxAge: Duration.minutes(10),
    },
  });
  api.addRoutes({
    path: '/things/{id}',
    methods: [HttpMethod.GET],
    integration: new HttpLambdaIntegration('EchoGet', echo),
  });
  api.addRoutes({
    path: '/things',
    methods: [HttpMethod.POST],
    integration: new HttpLambdaIntegration('EchoPost', echo),
  });
  api.addRoutes({
    path: '/files/{proxy+}',
    methods: [HttpMethod.ANY],
    integration: new HttpLambdaIntegration('Files', echo),
  });
  api.addRoutes({ path: '/plain', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Plain', plain) });
  // As the product wires staff routes: the issuer is the user pool's URL, which has no local value.
  const staffPool = new UserPool(stateless, 'Staff');
  const staffClient = staffPool.addClient('Console');
  api.addRoutes({
    path: '/staff/things/{id}',
    methods: [HttpMethod.GET],
    integration: new HttpLambdaIntegration('StaffThings', echo),
    authorizer: new HttpJwtAuthorizer('StaffJwt', staffPool.userPoolProviderUrl, {
      jwtAudience: [staffClient.userPoolClientId],
    }),
  });
  api.addRoutes({ path: '/boom', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Boom', boom) });

  const first = new LambdaInvoke(stateless, 'Echo input', {
    lambdaFunction: echo,
    payload: TaskInput.fromObject({ rawPath: JsonPath.stringAt('$.path') }),
    resultSelector: { 'status.$': '$.Payload.statusCode' },
    resultPath: '$.echoed',
  });
  const pause = new Wait(stateless, 'Pause', { time: WaitTime.secondsPath('$.pauseSeconds') });
  const parked = new LambdaInvoke(stateless, 'Wait for answer', {
    lambdaFunction: park,
    integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    retryOnServiceExceptions: false,
    taskTimeout: Timeout.at('$.timeoutSeconds'),
    payload: TaskInput.fromObject({
      taskToken: JsonPath.taskToken,
      step: 'answer',
      answerNow: JsonPath.stringAt('$.answerNow'),
      timeoutSeconds: JsonPath.numberAt('$.timeoutSeconds'),
    }),
    resultPath: '$.answer',
  });
  parked.addCatch(
    new Pass(stateless, 'No answer in time', {
      result: Result.fromObject({ value: 'timed out' }),
      resultPath: '$.answer',
    }),
    {
      errors: ['States.Timeout'],
    },
  );
  // What a resumed complaint's execution gets ({complaintId, ticketNumber, grade, locale}) parks until told otherwise.
  const hold = new LambdaInvoke(stateless, 'Hold complaint', {
    lambdaFunction: park,
    integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    retryOnServiceExceptions: false,
    taskTimeout: Timeout.duration(Duration.days(7)),
    payload: TaskInput.fromObject({ taskToken: JsonPath.taskToken, step: JsonPath.stringAt('$.complaintId') }),
    resultPath: '$.answer',
  });
  const definition = new Choice(stateless, 'Complaint or probe?')
    .when(Condition.isPresent('$.complaintId'), hold)
    .otherwise(first.next(pause).next(parked));
  const machine = new StateMachine(stateless, 'Lifecycle', {
    definitionBody: DefinitionBody.fromChainable(definition),
  });
  new CfnOutput(stateless, 'ApiUrl', { value: api.apiEndpoint });
  fn('Starter', 'echo', { STATE_MACHINE_ARN: machine.stateMachineArn });
  return { stateful, stateless };
}
