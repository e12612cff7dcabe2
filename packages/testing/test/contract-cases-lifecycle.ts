import { expect } from 'vitest';
import {
  type ContractCase,
  call,
  expectCode,
  formCall,
  openReport,
  upload,
} from './contract-cases';
import { basic, textAt, xml } from './transport';

/** The report lifecycle: finish, retract, expiry, and what is refused afterwards. */
export const lifecycleCases: ContractCase[] = [
  {
    name: 'POST /finish answers reportDoneResponse listing the file ids; a second finish answers 5102',
    run: async (t) => {
      const reportId = await openReport(t);
      const fileId = textAt(xml((await upload(t, reportId)).body), 'fileId');
      const done = await formCall(t, 'finish', reportId);
      expect(xml(done.body).name).toBe('reportDoneResponse');
      expectCode(done, 0);
      expect(textAt(xml(done.body), 'files/fileId')).toBe(fileId);
      expect(t.hotline.reports()[0]?.status).toBe('finished');
      const again = await formCall(t, 'finish', reportId);
      expectCode(again, 5102);
      const late = await upload(t, reportId);
      expectCode(late, 5102);
      return [done, again, late];
    },
  },
  {
    name: 'POST /retract cancels an open report; not after finish (5102); finish after retract is 5101',
    run: async (t) => {
      const first = await openReport(t);
      const retracted = await formCall(t, 'retract', first);
      expectCode(retracted, 0);
      const finishRetracted = await formCall(t, 'finish', first);
      expectCode(finishRetracted, 5101);
      const second = await openReport(t);
      await formCall(t, 'finish', second);
      const retractFinished = await formCall(t, 'retract', second);
      expectCode(retractFinished, 5102);
      return [retracted, finishRetracted, retractFinished];
    },
  },
  {
    name: 'an unfinished report expires an hour after its last change once 24 hours have passed',
    run: async (t) => {
      const reportId = await openReport(t);
      t.clock.advance(23 * 3600_000);
      expectCode(await upload(t, reportId), 0);
      t.clock.advance(1.5 * 3600_000); // 24.5 h after opening, 1.5 h after the upload
      const result = await formCall(t, 'finish', reportId);
      expectCode(result, 5001);
      expect(t.hotline.reports()[0]?.status).toBe('expired');
      return result;
    },
  },
  {
    name: 'unknown paths answer 404 and wrong methods 405',
    run: async (t) => {
      const missing = await call(`${t.urls.cybertipline}/nope`, {
        headers: { authorization: basic() },
      });
      const method = await call(`${t.urls.cybertipline}/submit`, {
        headers: { authorization: basic() },
      });
      expect([missing.status, method.status]).toEqual([404, 405]);
      return [missing.status, method.status];
    },
  },
];
