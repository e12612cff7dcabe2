import { createHash } from 'node:crypto';
import type { RouteContext, RouteDefinition } from '../core/route';
import { jsonResponse } from '../core/route';

/**
 * A PhotoDNA-Cloud-like match endpoint: request and response shapes only,
 * every value synthetic. PhotoDNA is licensed by Microsoft; the mock never
 * computes a PhotoDNA hash. It "matches" an image when the MD5 of the
 * submitted bytes is in `photoDna.matchingMd5s`. Status codes follow the
 * cloud service's convention (3000 OK, 3002 invalid or missing data).
 */
export const photoDnaRoutes: RouteDefinition[] = [
  {
    id: 'photodna.match',
    method: 'POST',
    path: '/v1.0/Match',
    auth: 'subscription-key',
    handle: match,
  },
];

async function match(context: RouteContext): Promise<Response> {
  const key = context.request.headers.get('ocp-apim-subscription-key');
  if (key !== context.config.photoDna.subscriptionKey) {
    return jsonResponse(
      { statusCode: 401, message: 'Access denied due to missing or invalid subscription key.' },
      401,
    );
  }
  const trackingId = `mock_${context.random.hex(8)}`;
  let body: { DataRepresentation?: string; Value?: string };
  try {
    body = (await context.request.json()) as typeof body;
  } catch {
    return jsonResponse(invalid(trackingId, 'body is not JSON'));
  }
  if (body.DataRepresentation !== 'inline' || typeof body.Value !== 'string' || body.Value === '') {
    return jsonResponse(
      invalid(trackingId, 'DataRepresentation must be "inline" with base64 Value'),
    );
  }
  const bytes = Buffer.from(body.Value, 'base64');
  const md5 = createHash('md5').update(bytes).digest('hex');
  const isMatch = context.config.photoDna.matchingMd5s.includes(md5);
  return jsonResponse({
    Status: { Code: 3000, Description: 'OK', Exception: null },
    ContentId: null,
    IsMatch: isMatch,
    MatchDetails: {
      AdvancedInfo: [],
      MatchFlags: isMatch
        ? [
            {
              AdvancedInfo: [{ Key: 'MatchId', Value: `synthetic-${md5.slice(0, 8)}` }],
              Source: 'MockSource',
              Violations: ['A1'],
            },
          ]
        : [],
    },
    TrackingId: trackingId,
    EvaluateResponse: null,
  });
}

function invalid(trackingId: string, description: string) {
  return {
    Status: { Code: 3002, Description: `Invalid or missing data: ${description}`, Exception: null },
    TrackingId: trackingId,
  };
}
