import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractCase, cybertiplineCases } from './contract-cases';
import { faultCases } from './contract-cases-faults';
import { lifecycleCases } from './contract-cases-lifecycle';
import { hashSharingCases, listCases } from './contract-cases-services';
import { startMsw, startServer, type Transport } from './transport';

// One table, run through msw and through the standalone server in turn (the
// two cannot be active at once: msw with onUnhandledFrame 'error' would
// refuse the loopback requests). Every case asserts its behaviour on each
// transport; the last test proves the two observed exactly the same thing.
const cases: ContractCase[] = [
  ...cybertiplineCases,
  ...lifecycleCases,
  ...hashSharingCases,
  ...listCases,
  ...faultCases,
];
const observed: Record<'msw' | 'server', Map<string, unknown>> = {
  msw: new Map(),
  server: new Map(),
};

for (const [name, start] of [
  ['msw', startMsw],
  ['server', startServer],
] as const) {
  describe(`through ${name}`, () => {
    let transport: Transport;
    beforeAll(async () => {
      transport = await start();
    });
    afterAll(async () => {
      await transport.stop();
    });
    for (const testCase of cases) {
      it(testCase.name, async () => {
        transport.hotline.reset();
        transport.clock.set(Date.UTC(2026, 0, 1));
        observed[name].set(testCase.name, await testCase.run(transport));
      });
    }
  });
}

describe('msw and the standalone server', () => {
  it('observed identical answers for every case', () => {
    expect(observed.msw.size).toBe(cases.length);
    for (const testCase of cases) {
      expect(observed.server.get(testCase.name), testCase.name).toEqual(
        observed.msw.get(testCase.name),
      );
    }
  });
});
