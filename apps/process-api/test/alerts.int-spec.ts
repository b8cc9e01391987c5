import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createScratchDatabase, type ScratchDatabase, type TestApp } from '@lanegate/platform/testing';

import { ALERT_WEBHOOK_SECRET, AlertReceiver, storeDeadLetters } from './alert-fixtures.js';
import { call } from './dispatch-fixtures.js';
import { startProcessLayer } from './process-layer.js';

const { DATABASE_URL, CI } = process.env;
if (CI === 'true' && !DATABASE_URL) {
  throw new Error('CI=true: DATABASE_URL must be set for the alerts integration suite');
}

/** Two replicas of the process layer on one PostgreSQL database, evaluating the same alerts at the same time. */
describe.skipIf(!DATABASE_URL)('alerts on PostgreSQL with two replicas', () => {
  const receiver = new AlertReceiver(ALERT_WEBHOOK_SECRET);
  let database: ScratchDatabase;
  let replicas: TestApp[] = [];

  beforeAll(async () => {
    await receiver.start();
    database = await createScratchDatabase(DATABASE_URL!);
    const env = {
      DATABASE_URL: database.url,
      ALERT_EVALUATION_INTERVAL_SECONDS: '0',
      ALERT_DEAD_LETTER_DEPTH: '1',
      ALERT_WEBHOOK_URL: receiver.url,
      ALERT_WEBHOOK_SECRET,
    };
    // One after the other: the second finds the schema migrated by the first.
    replicas = [await startProcessLayer({ env }), await startProcessLayer({ env })];
  });

  afterAll(async () => {
    for (const replica of replicas) {
      await replica.dispose();
    }
    await database?.drop();
    await receiver.stop();
  });

  const evaluateOn = async (replica: TestApp): Promise<any> => {
    const answer = await call(replica, replica.bearer(['ops']), 'POST', '/process/v1/alerts/evaluations');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);

    return answer.body;
  };
  const depthAlerts = async (): Promise<any[]> =>
    (
      await call(
        replicas[0],
        replicas[0].bearer(['ops']),
        'GET',
        '/process/v1/alerts?policy=dead_letter_depth&pageSize=100',
      )
    ).body.items;

  it('opens one alert and sends one notification of it, however many evaluations run at once', async () => {
    const [letter] = await storeDeadLetters(replicas[0], 2);

    const evaluations = await Promise.all([...replicas, ...replicas, ...replicas].map(evaluateOn));

    expect(evaluations.flatMap((evaluation) => evaluation.opened)).toHaveLength(1);
    const alerts = await depthAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'open', details: { open: 2, threshold: 1 } });
    expect(receiver.acknowledgedFor(alerts[0].id).map((notification) => notification.payload.type)).toEqual([
      'lanegate.alert.opened.v1',
    ]);

    const discarded = await call(
      replicas[1],
      replicas[1].bearer(['ops']),
      'POST',
      `/process/v1/dead-letters/${letter}/discard`,
      { reason: 'Test letter, nothing to replay.' },
    );
    expect(discarded.status).toBe(200);
    const resolutions = await Promise.all([...replicas, ...replicas].map(evaluateOn));

    expect(resolutions.flatMap((evaluation) => evaluation.resolved)).toEqual([alerts[0].id]);
    expect(receiver.acknowledgedFor(alerts[0].id).map((notification) => notification.payload.type)).toEqual([
      'lanegate.alert.opened.v1',
      'lanegate.alert.resolved.v1',
    ]);
    expect(receiver.rejectedSignatures).toEqual([]);
  });
});
