/** Ids every report event carries; never report contents or file bytes. */
export interface ReportEventBase {
  /** Outbox record id: `<reportKey>@<destination>`. */
  id: string;
  reportKey: string;
  /** Adapter name, e.g. `cybertipline`. */
  destination: string;
}

export type ReportEventMap = {
  'report:queued': ReportEventBase;
  'report:submitted': ReportEventBase & { hotlineReportId: string };
  'report:file-uploaded': ReportEventBase & {
    hotlineReportId: string;
    fileKey: string;
    fileId: string;
  };
  'report:finished': ReportEventBase & { hotlineReportId?: string };
  /** The hotline refused the report; a person must correct it (`retry` afterwards). */
  'report:failed': ReportEventBase & { step: string; code: string; message: string };
  'report:retracted': ReportEventBase & { hotlineReportId?: string };
  'report:dead-lettered': ReportEventBase & { step: string; code: string; attempts: number };
  /** A step's outcome is unknown and repeating it could duplicate the report; a person decides. */
  'report:needs-attention': ReportEventBase & {
    step: string;
    reason: string;
    hotlineReportId?: string;
  };
};

declare module '../events' {
  /** The report events join the SDK-wide event map. */
  interface HashguardEventMap extends ReportEventMap {}
}
