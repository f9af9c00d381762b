import { describe, expect, it } from 'vitest';
import { synthCloseloop } from './synth.js';

describe('the past cases index', () => {
  const { data } = synthCloseloop();

  it('is built on the complaints table: resolved complaints by model and category, sorted by resolution time', () => {
    const table = Object.values(data.findResources('AWS::DynamoDB::GlobalTable'))[0]!;
    expect(table.Properties.GlobalSecondaryIndexes).toContainEqual({
      IndexName: 'byPastCase',
      KeySchema: [
        { AttributeName: 'pastCaseKey', KeyType: 'HASH' },
        { AttributeName: 'pastCaseSort', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });
  });
});
