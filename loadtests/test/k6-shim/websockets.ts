// `k6/websockets`: ws's WebSocket has the browser API k6's has (addEventListener, send, close).
import WS from 'ws';

export class WebSocket extends WS {
  constructor(
    url: string,
    protocols?: string | string[] | null,
    params?: { headers?: Record<string, string> },
  ) {
    super(url, protocols ?? undefined, { headers: params?.headers ?? {} });
  }
}
