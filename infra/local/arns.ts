import { LOCAL_REGION } from './dynamodb.js';

/** Local account and ARNs, apart from cdk-model.ts so code that only names things does not load the CDK. */
export const LOCAL_ACCOUNT = '000000000000';

export const localFunctionArn = (functionName: string): string =>
  `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`;
export const localStateMachineArn = (name: string): string =>
  `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;
