// The Engine.IO v4 / Socket.IO v5 text framing, free of k6 imports so Node tests can prove it
// against a real socket.io server (loadtests/test/k6-wire.test.ts).
//
//   Engine.IO packet = <type digit><data>: 0 open, 1 close, 2 ping, 3 pong, 4 message.
//   Socket.IO packet (inside a message) = <type digit>[/<nsp>,][<ack id>][<JSON>]:
//   0 CONNECT, 1 DISCONNECT, 2 EVENT, 3 ACK, 4 CONNECT_ERROR.

/** @param {string} baseUrl http(s)://host[:port] */
export function websocketUrl(baseUrl) {
  return `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
}

/** @param {string} nsp @param {unknown} auth */
export function encodeConnect(nsp, auth) {
  return `40${nsp},${JSON.stringify(auth)}`;
}

/** @param {string} nsp @param {number} ackId @param {string} event @param {unknown} payload */
export function encodeEvent(nsp, ackId, event, payload) {
  return `42${nsp},${ackId}${JSON.stringify([event, payload])}`;
}

export const PONG = '3';

/**
 * A Socket.IO packet (the text after the Engine.IO "4").
 * @param {string} text
 * @returns {{ type: number, nsp: string, id: number | null, data: any }}
 */
export function parsePacket(text) {
  let i = 1;
  const type = Number(text[0]);
  let nsp = '/';
  if (text[i] === '/') {
    const comma = text.indexOf(',', i);
    const end = comma === -1 ? text.length : comma;
    nsp = text.slice(i, end);
    i = comma === -1 ? text.length : comma + 1;
  }
  let idText = '';
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) idText += text[i++];
  const data = i < text.length ? JSON.parse(text.slice(i)) : undefined;
  return { type, nsp, id: idText === '' ? null : Number(idText), data };
}

/**
 * What one websocket frame from the server means for a client of namespace `nsp`.
 * @param {string} frame
 * @param {string} nsp
 * @returns {{ kind: 'open' } | { kind: 'ping' } | { kind: 'connected' } | { kind: 'refused', data: any }
 *   | { kind: 'ack', id: number, data: any } | { kind: 'event', event: string, data: any }
 *   | { kind: 'disconnect' } | { kind: 'other' }}
 */
export function interpret(frame, nsp) {
  if (frame[0] === '0') return { kind: 'open' };
  if (frame[0] === '2') return { kind: 'ping' };
  if (frame[0] !== '4') return { kind: 'other' };
  const p = parsePacket(frame.slice(1));
  if (p.nsp !== nsp) return { kind: 'other' };
  if (p.type === 0) return { kind: 'connected' };
  if (p.type === 4) return { kind: 'refused', data: p.data };
  if (p.type === 3 && p.id !== null)
    return { kind: 'ack', id: p.id, data: Array.isArray(p.data) ? p.data[0] : p.data };
  if (p.type === 2 && Array.isArray(p.data))
    return { kind: 'event', event: String(p.data[0]), data: p.data[1] };
  if (p.type === 1) return { kind: 'disconnect' };
  return { kind: 'other' };
}
