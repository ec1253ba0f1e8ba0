/**
 * A loopback TCP relay in front of a database server, so a test can take the server away from the
 * app and give it back on the same address: `stop()` cuts every connection and refuses new ones
 * (as a stopped server does), `hang()` accepts connections and never answers (a server or network
 * that stalls), `start()` relays again.
 */
import { connect, createServer, type Server, type Socket } from "node:net";

export type TcpRelay = {
  port: number;
  stop(): Promise<void>;
  hang(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
};

export async function startTcpRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  let mode: "relay" | "hang" = "relay";
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const newServer = (): Server =>
    createServer((client) => {
      track(client);
      if (mode === "hang") return;
      const upstream = connect(target.port, target.host);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    server = newServer();
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(port, "127.0.0.1", resolve));
    port = (listening.address() as { port: number }).port;
  };
  const shut = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  await listen();
  return {
    port,
    stop: shut,
    async hang() {
      await shut();
      mode = "hang";
      await listen();
    },
    async start() {
      await shut();
      mode = "relay";
      await listen();
    },
    close: shut,
  };
}
