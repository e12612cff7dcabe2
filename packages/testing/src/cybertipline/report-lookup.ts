import type { RouteContext } from '../core/route';
import type { ReceivedReport } from '../state';
import { reportResponse } from './responses';

/**
 * Finds the report a call names, applying the real service's lifecycle:
 * NCMEC deletes an unfinished report 24 hours after it was opened or 1 hour
 * after its last modification (file upload or file details), whichever is
 * later ("CyberTipline Reporting API Technical Documentation"). A report of
 * another user or another environment (test vs production) does not exist
 * for the caller.
 */
export function findOpenReport(
  context: RouteContext,
  rawId: string | null | undefined,
): { report: ReceivedReport } | { error: Response } {
  if (!rawId || !/^\d+$/.test(rawId.trim())) {
    return {
      error: reportResponse('validationFailed', { detail: 'a numeric report id is required' }),
    };
  }
  const reportId = Number(rawId.trim());
  const report = context.state.reports.get(reportId);
  if (report) expireIfDue(context, report);
  if (
    !report ||
    report.status === 'expired' ||
    report.environment !== context.mount.environment ||
    report.username !== context.username
  ) {
    return { error: reportResponse('reportNotFound', { reportId }) };
  }
  if (report.status === 'finished')
    return { error: reportResponse('alreadyFinished', { reportId }) };
  if (report.status === 'retracted')
    return { error: reportResponse('alreadyRetracted', { reportId }) };
  return { report };
}

export function expireIfDue(
  context: Pick<RouteContext, 'clock' | 'config'>,
  report: ReceivedReport,
): void {
  if (report.status !== 'open') return;
  const { reportTtlMs, idleTtlMs } = context.config.cybertipline;
  const deadline = Math.max(report.openedAt + reportTtlMs, report.lastModifiedAt + idleTtlMs);
  if (context.clock.now() > deadline) report.status = 'expired';
}

/** Reads a form field from a urlencoded or multipart body; null when the body is not a form. */
export async function formField(request: Request, name: string): Promise<string | null> {
  try {
    const form = await request.formData();
    const value = form.get(name);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
