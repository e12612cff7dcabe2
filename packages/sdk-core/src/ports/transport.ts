/** A request body the core can describe without DOM or Node types. */
export type TransportBody =
  | { kind: 'text'; contentType: string; text: string }
  | { kind: 'bytes'; contentType: string; bytes: Uint8Array }
  | { kind: 'form'; fields: Record<string, string> }
  | { kind: 'multipart'; parts: TransportPart[] };

export type TransportPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; data: Uint8Array };

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: TransportBody;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Header names lowercased. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** HTTP as the core sees it; runtimes provide it (ky over fetch by default). */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
}
