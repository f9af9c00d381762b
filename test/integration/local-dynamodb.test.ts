import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDynamoDb, startDynamoDbLocal } from '../../infra/local/dynamodb.js';

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** An address of this machine that is not loopback, if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('the DynamoDB Local that npm start runs', () => {
  let dynamo: LocalDynamoDb;
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
  });
  afterAll(() => dynamo?.stop());

  it('sends no telemetry', () => {
    expect(dynamo.args).toContain('-disableTelemetry');
  });

  it.runIf(outsideAddress)('answers on loopback only, not on the network', async () => {
    expect(dynamo.loopbackOnly).toBe(true);
    const port = Number(new URL(dynamo.endpoint).port);
    expect(await accepts('127.0.0.1', port)).toBe(true);
    expect(await accepts(outsideAddress!, port)).toBe(false);
  });
});
