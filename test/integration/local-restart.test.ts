import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalModel, modelFromApp } from '../../infra/local/cdk-model.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { resumeOpenComplaints } from '../../infra/local/resume.js';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { complaintItem } from '../../shared/adapters/dynamo/keys.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { buildFixtureApp } from '../support/fixture-app.js';

const DAY_MS = 24 * 3600 * 1000;

let model: LocalModel;
let table: Awaited<ReturnType<typeof freshTable>>;
let dataDir: string;

beforeAll(async () => {
  model = modelFromApp(buildFixtureApp);
  table = await freshTable('local-restart');
  dataDir = mkdtempSync(join(tmpdir(), 'closeloop-restart-'));
});

afterAll(async () => {
  await table?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const portOf = (url: string) => Number(new URL(url).port);

/**
 * Handlers stay imported across runtimes in one process, with SDK clients bound to the first run's
 * endpoints, so a restart in a test keeps the ports, as `npm start` does.
 */
const start = (opts: { clockStart?: Date; ports?: LocalRuntime }) =>
  startLocalRuntime({
    model,
    dynamodbEndpoint: table.endpoint,
    tableName: table.tableName,
    dataDir,
    timeScale: 3600,
    clockStart: opts.clockStart,
    ...(opts.ports
      ? { port: portOf(opts.ports.apiUrl), sesPort: portOf(opts.ports.sesUrl), sfnPort: portOf(opts.ports.sfnUrl) }
      : {}),
    quiet: true,
  });

describe('stopping the local runtime and starting it again', () => {
  it("resumes every open complaint's execution from the table, keeps its workflow time, and never runs one twice", async () => {
    const at = '2026-09-29T08:00:00.000Z';
    const open = [
      aComplaint({ grade: 'P2' }),
      aComplaint({ status: 'assigned', ownerId: 'agent.li' }),
      // Steps that wait without a deadline of their own.
      aComplaint({
        status: 'awaiting_survey',
        ownerId: 'agent.li',
        firstContactAt: at,
        resolvedAt: at,
        surveySentAt: at,
        nextDeadlineAt: undefined,
      }),
      aComplaint({
        status: 'awaiting_customer',
        ownerId: 'agent.li',
        infoRequest: { question: 'Which model?', requestedAt: at, requestedBy: 'agent.li', limitAt: at },
        nextDeadlineAt: undefined,
      }),
    ];
    const closed = aComplaint({ status: 'closed', closedAt: '2026-11-21T00:00:00.000Z' });

    const first = await start({ clockStart: new Date('2026-09-30T08:00:00Z') });
    for (const c of [...open, closed]) {
      await table.doc.send(new PutCommand({ TableName: table.tableName, Item: complaintItem(c) }));
    }
    const reached = first.clock.now().getTime();
    await first.stop();

    let second: LocalRuntime | undefined;
    try {
      second = await start({ ports: first });
      const now = second.clock.now().getTime();
      expect(now).toBeGreaterThanOrEqual(reached);
      expect(now).toBeLessThan(reached + DAY_MS);

      const executions = second.sfn.listExecutions();
      expect(executions.map((e) => e.name).sort()).toEqual(open.map((c) => c.id).sort());
      for (const e of executions) {
        const complaint = open.find((c) => c.id === e.name)!;
        const described = second.sfn.describeExecution(e.executionArn);
        expect(described.status).toBe('RUNNING');
        expect(JSON.parse(described.input)).toEqual({
          complaintId: complaint.id,
          ticketNumber: complaint.ticketNumber,
          grade: complaint.grade,
          locale: complaint.customer.locale,
        });
      }

      const again = await resumeOpenComplaints(second);
      expect(again.started).toEqual([]);
      expect(again.running.sort()).toEqual(open.map((c) => c.id).sort());

      const sfn = new SFNClient({ endpoint: second.sfnUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      const ended = executions[0]!;
      await sfn.send(new StopExecutionCommand({ executionArn: ended.executionArn }));
      sfn.destroy();
      const afterStop = await resumeOpenComplaints(second);
      expect(afterStop.started).toEqual([`${ended.name}.r1`]);
    } finally {
      await second?.stop();
    }
  });

  it('accepts a staff token issued before the restart', async () => {
    const first = await start({});
    const { token } = await first.issuer.issue('agent.li');
    await first.stop();
    const second = await start({ ports: first });
    try {
      const res = await fetch(`${second.apiUrl}/staff/things/1`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
