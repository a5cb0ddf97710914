// On a cluster's two gateways, when TICKHUB_GATEWAYS names them (ClientGatewaySwitchTest starts
// the cluster and runs this file beside its Java client): the client is on the first gateway,
// writes `kill` into TICKHUB_CONTROL, the Java side kills that gateway (kill -9), and the client
// resumes on the second one, every seq of every symbol delivered once, nothing lost.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TickhubClient } from './client.js';
import { Ledger, nodeSocket, until } from './ledger.js';

const GATEWAYS = process.env.TICKHUB_GATEWAYS?.split(',');
const CONTROL = process.env.TICKHUB_CONTROL;
const SYMBOLS = ['AAPL', 'MSFT'];

describe.runIf(GATEWAYS && CONTROL)('on a two-gateway cluster', () => {
  it('resumes on the other gateway when its gateway is killed, with every seq accounted for', async () => {
    const [first, second] = GATEWAYS!;
    const client = new TickhubClient({ url: GATEWAYS!, webSocket: nodeSocket, backoff: { baseMs: 100, maxMs: 1000 } });
    const ledger = new Ledger(client);
    client.subscribe(SYMBOLS);
    client.start();
    await until(() => ledger.count() >= 20, 20_000, '20 quotes from the first gateway');
    writeFileSync(CONTROL!, 'kill');
    await until(() => ledger.stateNames().includes('reconnecting'), 20_000, 'the client to notice the kill');
    const before = ledger.count();
    await until(() => client.getState().state === 'connected' && ledger.count() >= before + 40, 20_000, '40 quotes from the second gateway');
    client.close();
    console.log('gateway switch:', JSON.stringify(client.stats()), JSON.stringify(ledger.connectedTo()));
    expect(ledger.connectedTo()).toEqual([first, second]);
    for (const symbol of SYMBOLS) expect(ledger.runs.get(symbol)?.length, `${symbol}: one epoch`).toBe(1);
    expect(ledger.unaccounted(SYMBOLS)).toEqual([]);
    expect([...ledger.lost.values()].flat(), 'the second gateway replays from its ring what the first did not send').toEqual([]);
    expect(ledger.problems).toEqual([]);
  });
});
