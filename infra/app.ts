import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCloseloop } from './closeloop.js';

const app = new App();
buildCloseloop(app);
// cdk-nag 3 is a policy-validation plugin: an unacknowledged finding fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
