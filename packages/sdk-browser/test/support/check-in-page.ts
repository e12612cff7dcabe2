import type { Page } from 'playwright-core';

export type CheckOutcome =
  | { ok: true; verdict: string; hashes: Record<string, unknown>; runsIn: string }
  | { ok: false; name: string; code?: string; message: string };

export interface CheckInPageOptions {
  policy?: 'block' | 'upload-for-review';
  worker?: boolean;
  retryLimit?: number;
  timeoutMs?: number;
  dihedral?: boolean;
}

/**
 * One `check` of a served file in the harness page, against the endpoint
 * double at /match, with options the test chooses; errors come back as data
 * (name, code, message), since an Error does not survive `page.evaluate`.
 */
export function checkInPage(
  page: Page,
  path: string,
  options: CheckInPageOptions = {},
): Promise<CheckOutcome> {
  return page.evaluate(
    async ({ path, options }) => {
      const { sdk, file } = window.harness;
      const blob = await file(path);
      const check = sdk.createPreUploadCheck({ endpoint: '/match', policy: 'block', ...options });
      try {
        const result = await check.check(blob);
        return {
          ok: true as const,
          verdict: result.verdict,
          hashes: { ...result.hashes },
          runsIn: check.runsIn,
        };
      } catch (error) {
        const e = error as { name: string; code?: string; message: string };
        return { ok: false as const, name: e.name, code: e.code, message: e.message };
      } finally {
        check.terminate();
      }
    },
    { path, options },
  );
}
