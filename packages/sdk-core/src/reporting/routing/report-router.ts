import { ReportError } from '../../errors/report-error';
import type { ReportRouter } from '../forwarding/forwarder-config';
import type { HotlineAdapter } from '../hotline-adapter';
import type { IncidentReport } from '../report';

export interface ReportRouterOptions {
  /** US: NCMEC CyberTipline (18 U.S.C. § 2258A). */
  cybertipline?: HotlineAdapter;
  /** UK: the NCA (Online Safety Act 2023 s.66); file reports. */
  nca?: HotlineAdapter;
  /** UK: IWF URL reports, sent alongside the NCA report when the incident has URLs. */
  iwf?: HotlineAdapter;
  /** Canada: Cybertip.ca. */
  cybertipCa?: HotlineAdapter;
  /** Elsewhere: the member's INHOPE hotline. */
  inhope?: HotlineAdapter;
  /** Member overrides: hotlines per ISO country code, replacing the rules above for that country. */
  byCountry?: Record<string, HotlineAdapter[]>;
  /** Country used when a report names none (the member's home jurisdiction). */
  defaultCountry?: string;
}

/**
 * Chooses hotlines by the member's configuration and the incident's country:
 * US → CyberTipline; GB → NCA plus IWF for URLs; CA → Cybertip.ca; any other
 * country → the configured INHOPE hotline. A URL-only hotline is chosen only
 * when the report has URLs (it never receives files: the forwarder strips
 * them). A report no configured hotline takes is refused before queueing.
 */
export function createReportRouter(options: ReportRouterOptions): ReportRouter {
  const fixed = [
    options.cybertipline,
    options.nca,
    options.iwf,
    options.cybertipCa,
    options.inhope,
  ];
  const all = [...fixed, ...Object.values(options.byCountry ?? {}).flat()].filter(
    (adapter): adapter is HotlineAdapter => adapter !== undefined,
  );
  const adapters = [...new Map(all.map((adapter) => [adapter.name, adapter])).values()];

  function candidates(country: string): (HotlineAdapter | undefined)[] {
    const override = options.byCountry?.[country];
    if (override) return override;
    switch (country) {
      case 'US':
        return [options.cybertipline];
      case 'GB':
        return [options.nca, options.iwf];
      case 'CA':
        return [options.cybertipCa];
      default:
        return [options.inhope];
    }
  }

  return {
    adapters,
    route(report: IncidentReport) {
      const country = report.incident.country ?? options.defaultCountry;
      if (!country) {
        throw new ReportError(
          'E_REPORT_INVALID',
          `Report ${report.reportKey} names no country and no defaultCountry is set.`,
        );
      }
      const chosen = candidates(country).filter((adapter): adapter is HotlineAdapter => {
        if (!adapter) return false;
        // Nothing to tell a URL-only hotline about a report without URLs.
        return adapter.acceptsFiles || report.urls.length > 0;
      });
      if (chosen.length === 0) {
        throw new ReportError(
          'E_REPORT_INVALID',
          `No hotline is configured for reports under ${country} law.`,
        );
      }
      return chosen;
    },
  };
}
