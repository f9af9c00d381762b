import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eventually, LocalClient } from '../../infra/local/client.js';
import { freePort, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { StepFunctionsWorkflow } from '../../shared/adapters/sfn/workflow.js';
import { migrateOpenComplaints } from '../../shared/usecases/migrate-workflows.js';
import { acceptSolution } from '../support/lifecycle.js';
import { agentOf } from '../support/staff.js';

/**
 * Stopping `npm start` and starting it again resumes every open complaint from the table, and an
 * open complaint can move to a new definition mid-flight; nothing is lost and nothing fires twice.
 * The same ports and data folder are reused, as a developer's restart would (handlers keep
 * their clients per process, like a warm Lambda).
 */
// Workflow time runs on the wall clock (scaled), so these tests take real seconds whatever the load.
describe('restarts and definition changes', { timeout: 90_000 }, () => {
  let runtime: LocalRuntime | undefined;
  afterAll(() => runtime?.stop());

  it('resumes an open complaint after restarts (while owned, while awaiting the survey) and carries it to closure without repeating anything', async () => {
    const options = {
      port: await freePort(),
      sesPort: await freePort(),
      sfnPort: await freePort(),
      quiet: true,
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      tableName: `e2e-restart-${Date.now()}`,
      dataDir: mkdtempSync(join(tmpdir(), 'closeloop-restart-')),
      timeScale: 600,
      env: { RATE_LIMIT_PER_MINUTE: '0' },
    };
    runtime = await startLocalRuntime(options);
    let client = new LocalClient(runtime.apiUrl, runtime.sesUrl);
    const submitted = await client.submit({
      customer: { email: 'restart@example.com', locale: 'en' },
      description: 'The vacuum cleaner battery runs down faster than it used to.',
    });
    const agent = agentOf(submitted.department);
    const timeline = (id: string) => client.view('supervisor.wang', id).then((v) => v.timeline);
    await eventually('acknowledgement', async () =>
      (await timeline(submitted.id)).some((e) => e.type === 'acknowledgement_sent') ? true : undefined,
    );
    expect((await client.act(agent, submitted.id, 'assign')).status).toBe(200);
    await runtime.stop();
    runtime = undefined;

    runtime = await startLocalRuntime(options);
    client = new LocalClient(runtime.apiUrl, runtime.sesUrl);
    expect(
      (await client.act(agent, submitted.id, 'contact', { channel: 'phone', note: 'Arranged a pickup' })).status,
    ).toBe(200);
    expect(
      (await client.act(agent, submitted.id, 'propose', { summary: 'Replace the battery', remedy: 'repair' })).status,
    ).toBe(200);
    await acceptSolution(client, submitted.id);
    expect((await client.act(agent, submitted.id, 'resolve', { summary: 'Battery replaced' })).status).toBe(200);
    const survey = await eventually('the survey mail', async () =>
      (await client.mails('restart@example.com')).find((m) => LocalClient.linkIn(m, 'survey')),
    );
    // Waiting for the survey has no deadline of its own: the restart must still find the complaint.
    await runtime.stop();
    runtime = undefined;
    runtime = await startLocalRuntime(options);
    client = new LocalClient(runtime.apiUrl, runtime.sesUrl);
    expect((await client.answerSurvey(LocalClient.linkIn(survey, 'survey')!, { score: 5 })).status).toBe(200);
    const final = await eventually('archive', async () => {
      const t = await timeline(submitted.id);
      return t.some((e) => e.type === 'archived') ? t : undefined;
    });
    const count = (type: string) => final.filter((e) => e.type === type).length;
    expect(count('acknowledgement_sent')).toBe(1);
    expect(count('assigned')).toBe(1);
    expect(count('solution_offered')).toBe(1);
    expect(count('solution_accepted')).toBe(1);
    expect(count('result_sent')).toBe(1);
    expect(count('survey_sent')).toBe(1);
    expect(count('closed')).toBe(1);
  });

  it('moves an open complaint to a new execution of the current definition mid-flight', async () => {
    if (!runtime) throw new Error('runtime not started');
    const client = new LocalClient(runtime.apiUrl, runtime.sesUrl);
    const submitted = await client.submit({
      customer: { email: 'migrate@example.com', locale: 'en' },
      description: 'The dryer makes a loud noise.',
    });
    await client.act('agent.chen', submitted.id, 'assign');
    const sfn = new SFNClient({ endpoint: runtime.sfnUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const admin = new StepFunctionsWorkflow({ stateMachineArn: runtime.stateMachineArn!, client: sfn });
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    );
    const store = new DynamoComplaintStore({ doc, tableName: runtime.tableName });

    const result = await migrateOpenComplaints({ store, admin });
    expect(result.moved).toContain(submitted.id);
    const old = await sfn.send(
      new DescribeExecutionCommand({
        executionArn: `${runtime.stateMachineArn!.replace(':stateMachine:', ':execution:')}:${submitted.id}`,
      }),
    );
    expect(old.status).toBe('ABORTED');

    // The new execution parks on "await first contact" and a staff action moves it on.
    expect((await client.act('agent.chen', submitted.id, 'contact', { channel: 'phone', note: 'Called' })).status).toBe(
      200,
    );
    expect(
      (await client.act('agent.chen', submitted.id, 'propose', { summary: 'Technician visit', remedy: 'repair' }))
        .status,
    ).toBe(200);
    await acceptSolution(client, submitted.id);
    expect((await client.act('agent.chen', submitted.id, 'resolve', { summary: 'Drum bearing replaced' })).status).toBe(
      200,
    );
    const t = await eventually('survey after migration', async () => {
      const tl = (await client.view('supervisor.wang', submitted.id)).timeline;
      return tl.some((e) => e.type === 'survey_sent') ? tl : undefined;
    });
    expect(t.filter((e) => e.type === 'acknowledgement_sent')).toHaveLength(1);
    expect(t.filter((e) => e.type === 'survey_sent')).toHaveLength(1);
  });
});
