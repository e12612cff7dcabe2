import type { FaultRule } from '../faults';
import type { HashSharingEntry } from '../hash-sharing/entry';
import type { HashguardListV1 } from '../lists/hashguard-list-v1';
import type { KeywordListV1, UrlListV1 } from '../lists/term-lists';
import { DEFAULT_CREDENTIALS, type MockCredential } from './basic-auth';
import { type MockClock, systemClock } from './clock';

/** Options shared by `createHotlineHandlers()` and `startMockHotlines()`. */
export interface MockHotlinesOptions {
  /** Seeds ids, sample data and fault draws: same seed, same answers. Default 1. */
  seed?: number;
  /** Where the mock reads the time (report expiry, timestamps). Default: the system clock. */
  clock?: MockClock;
  /** Accepted Basic-auth users. Default: `hashguard-test` / `mock-password`. */
  credentials?: MockCredential[];
  cybertipline?: {
    /** An unfinished report is deleted this long after it was opened. Default 24 h. */
    reportTtlMs?: number;
    /** ... or this long after its last upload/fileinfo, whichever is later. Default 1 h. */
    idleTtlMs?: number;
    /** Largest accepted upload. Default 64 MiB. */
    maxUploadBytes?: number;
  };
  hashSharing?: {
    /** The entries served; default: a synthetic sample of `sampleSize` entries. */
    entries?: HashSharingEntry[];
    /** Size of the default synthetic sample. Default 2 500 (three pages). */
    sampleSize?: number;
    /** Entries per page. The real service pages by 1 000. */
    pageSize?: number;
    /** Who `/v2/status` says the caller is. */
    member?: { id: number; name: string };
  };
  lists?: {
    /** The hash list served at `/lists/hashes.json`. Default: a list built from the fixtures. */
    hashList?: HashguardListV1;
    urlList?: UrlListV1;
    keywordList?: KeywordListV1;
  };
  photoDna?: {
    /** The `Ocp-Apim-Subscription-Key` the mock accepts. Default `mock-subscription-key`. */
    subscriptionKey?: string;
    /** MD5s (hex) of images the mock reports as matches. */
    matchingMd5s?: string[];
  };
  /** Faults active from the start; more can be added with `hotline.faults.add()`. */
  faults?: FaultRule[];
  /** Longest a `hang` fault holds a request before dropping it. Default 30 000. */
  hangMs?: number;
}

/** Options after normalisation: every default filled, units explicit. */
export interface MockConfig {
  seed: number;
  clock: MockClock;
  credentials: readonly MockCredential[];
  cybertipline: { reportTtlMs: number; idleTtlMs: number; maxUploadBytes: number };
  hashSharing: {
    entries: HashSharingEntry[] | undefined;
    sampleSize: number;
    pageSize: number;
    member: { id: number; name: string };
  };
  lists: {
    hashList: HashguardListV1 | undefined;
    urlList: UrlListV1 | undefined;
    keywordList: KeywordListV1 | undefined;
  };
  photoDna: { subscriptionKey: string; matchingMd5s: readonly string[] };
  faults: readonly FaultRule[];
  hangMs: number;
}

const HOUR = 60 * 60 * 1000;

export function normaliseOptions(options: MockHotlinesOptions = {}): MockConfig {
  return {
    seed: options.seed ?? 1,
    clock: options.clock ?? systemClock,
    credentials: options.credentials ?? DEFAULT_CREDENTIALS,
    cybertipline: {
      reportTtlMs: options.cybertipline?.reportTtlMs ?? 24 * HOUR,
      idleTtlMs: options.cybertipline?.idleTtlMs ?? HOUR,
      maxUploadBytes: options.cybertipline?.maxUploadBytes ?? 64 * 1024 * 1024,
    },
    hashSharing: {
      entries: options.hashSharing?.entries,
      sampleSize: options.hashSharing?.sampleSize ?? 2500,
      pageSize: options.hashSharing?.pageSize ?? 1000,
      member: options.hashSharing?.member ?? { id: 1001, name: 'Hashguard Mock Member' },
    },
    lists: {
      hashList: options.lists?.hashList,
      urlList: options.lists?.urlList,
      keywordList: options.lists?.keywordList,
    },
    photoDna: {
      subscriptionKey: options.photoDna?.subscriptionKey ?? 'mock-subscription-key',
      matchingMd5s: (options.photoDna?.matchingMd5s ?? []).map((md5) => md5.toLowerCase()),
    },
    faults: options.faults ?? [],
    hangMs: options.hangMs ?? 30_000,
  };
}
