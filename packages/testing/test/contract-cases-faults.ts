import { expect } from 'vitest';
import { reportXml } from '../src/fixtures/report-templates';
import { parseXml } from '../src/xml/parse-xml';
import type { ContractCase } from './contract-cases';
import { basic, type Transport } from './transport';

const submitInit = (): RequestInit => ({
  method: 'POST',
  headers: { authorization: basic(), 'content-type': 'text/xml; charset=utf-8' },
  body: reportXml(),
});
const submitUrl = (t: Transport) => `${t.urls.cybertipline}/submit`;

export const faultCases: ContractCase[] = [
  {
    name: 'server-error fault answers 503 without recording the report',
    run: async (t) => {
      t.hotline.faults.add({ kind: 'server-error', route: 'cybertipline.submit', times: 1 });
      const failed = await fetch(submitUrl(t), submitInit());
      expect(failed.status).toBe(503);
      await failed.arrayBuffer();
      expect(t.hotline.reports()).toHaveLength(0);
      const retried = await fetch(submitUrl(t), submitInit());
      expect(retried.status).toBe(200);
      await retried.arrayBuffer();
      expect(t.hotline.reports()).toHaveLength(1);
      return [failed.status, retried.status];
    },
  },
  {
    name: 'rate-limit fault answers 429 with Retry-After',
    run: async (t) => {
      t.hotline.faults.add({ kind: 'rate-limit', route: 'cybertipline.*', retryAfterSeconds: 7 });
      const response = await fetch(submitUrl(t), submitInit());
      await response.arrayBuffer();
      expect([response.status, response.headers.get('retry-after')]).toEqual([429, '7']);
      return response.status;
    },
  },
  {
    name: 'reset fault drops the connection before the report is recorded',
    run: async (t) => {
      t.hotline.faults.add({ kind: 'reset', route: 'cybertipline.submit' });
      await expect(fetch(submitUrl(t), submitInit())).rejects.toThrow();
      expect(t.hotline.reports()).toHaveLength(0);
      return 'rejected';
    },
  },
  {
    name: 'lost-response fault records the report but the client sees a dropped connection',
    run: async (t) => {
      t.hotline.faults.add({ kind: 'lost-response', route: 'cybertipline.submit', times: 1 });
      await expect(fetch(submitUrl(t), submitInit())).rejects.toThrow();
      expect(t.hotline.reports()).toHaveLength(1);
      // A blind retry now files a duplicate: the mock makes that visible.
      const retry = await fetch(submitUrl(t), submitInit());
      await retry.arrayBuffer();
      expect(t.hotline.reports()).toHaveLength(2);
      return 'recorded';
    },
  },
  {
    name: 'truncate fault: the body ends early after a full Content-Length; the report is recorded',
    run: async (t) => {
      t.hotline.faults.add({ kind: 'truncate', route: 'cybertipline.submit' });
      const response = await fetch(submitUrl(t), submitInit());
      expect(response.status).toBe(200);
      await expect(response.text()).rejects.toThrow();
      expect(t.hotline.reports()).toHaveLength(1);
      return response.status;
    },
  },
  {
    name: 'malformed fault: a complete body that does not parse',
    run: async (t) => {
      t.hotline.faults.add({ kind: 'malformed', route: 'cybertipline.submit' });
      const response = await fetch(submitUrl(t), submitInit());
      const text = await response.text();
      expect(() => parseXml(text)).toThrow();
      return text;
    },
  },
  {
    name: 'hang fault: no answer until the client times out',
    run: async (t) => {
      t.hotline.faults.add({ kind: 'hang', route: 'cybertipline.status' });
      const pending = fetch(`${t.urls.cybertipline}/status`, {
        headers: { authorization: basic() },
        signal: AbortSignal.timeout(150),
      });
      await expect(pending).rejects.toThrow(/timeout|aborted/i);
      return 'timed out';
    },
  },
  {
    name: 'latency fault still answers normally',
    run: async (t) => {
      t.hotline.faults.add({ kind: 'latency', route: 'cybertipline.status', latencyMs: 50 });
      const response = await fetch(`${t.urls.cybertipline}/status`, {
        headers: { authorization: basic() },
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      expect(t.hotline.requests().at(-1)).toMatchObject({
        route: 'cybertipline.status',
        outcome: 'latency',
      });
      return response.status;
    },
  },
  {
    name: 'probabilistic faults are deterministic for a seed',
    run: async (t) => {
      t.hotline.faults.add({
        kind: 'server-error',
        route: 'cybertipline.status',
        probability: 0.5,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${t.urls.cybertipline}/status`, {
          headers: { authorization: basic() },
        });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      expect(statuses).toContain(503);
      expect(statuses).toContain(200);
      return statuses;
    },
  },
];

faultCases.push({
  name: 'application-error fault answers HTTP 200 with responseCode 1000 and records nothing',
  run: async (t) => {
    t.hotline.faults.add({ kind: 'application-error', route: 'cybertipline.submit' });
    const response = await fetch(submitUrl(t), submitInit());
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('<responseCode>1000</responseCode>');
    expect(t.hotline.reports()).toHaveLength(0);
    return text;
  },
});
