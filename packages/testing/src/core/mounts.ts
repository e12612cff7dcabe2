import type { Mount } from './route';

/** Where the real services live; the msw handlers answer on these hosts. */
export const REAL_MOUNTS: readonly Mount[] = [
  { service: 'cybertipline', environment: 'test', baseUrl: 'https://exttest.cybertip.org/ispws' },
  {
    service: 'cybertipline',
    environment: 'production',
    baseUrl: 'https://report.cybertip.org/ispws',
  },
  {
    service: 'hash-sharing',
    environment: 'test',
    baseUrl: 'https://exttest.cybertip.org/hashsharing',
  },
  {
    service: 'hash-sharing',
    environment: 'production',
    baseUrl: 'https://report.cybertip.org/hashsharing',
  },
  // Our own services have no public host; these are reserved `.example` names.
  { service: 'lists', environment: 'test', baseUrl: 'https://lists.hashguard.example/lists' },
  {
    service: 'photodna',
    environment: 'test',
    baseUrl: 'https://photodna.hashguard.example/photodna',
  },
];

/** Path prefixes of the standalone server, one per service. */
export const LOCAL_PREFIXES: Record<Mount['service'], string> = {
  cybertipline: '/ispws',
  'hash-sharing': '/hashsharing',
  lists: '/lists',
  photodna: '/photodna',
};
