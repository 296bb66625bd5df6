// A TCP relay the end-to-end tests put between Chromium and the server, to cut the connection like a
// pulled LAN cable and plug it back in.
import { Socket, createServer, type AddressInfo, type Server } from 'node:net';

/** A TCP relay between browser and server: `cut()` drops every connection and refuses new ones. */
export class CablePlug {
  private readonly sockets = new Set<Socket>();
  private connected = true;
  readonly server: Server;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => {
      if (!this.connected) {
        client.destroy();
        return;
      }
      const upstream = new Socket();
      upstream.connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  listen(): Promise<number> {
    return new Promise((ok) =>
      this.server.listen(0, '127.0.0.1', () => ok((this.server.address() as AddressInfo).port)),
    );
  }

  cut(): void {
    this.connected = false;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.connected = true;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}
