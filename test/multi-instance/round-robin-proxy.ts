/**
 * A load balancer as small as it gets: a loopback HTTP server that hands each request to the next
 * instance in turn (no sticky sessions), forwarding method, path, headers and body unchanged, and
 * the instance's answer back. Records which instance took each request.
 */
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type RoundRobinProxy = {
  /** The proxy's origin, e.g. http://127.0.0.1:40123. */
  origin: string;
  /** For each request in arrival order, the index of the instance that took it. */
  readonly routed: number[];
  /** The instance the next request goes to. */
  next(): number;
  stop(): Promise<void>;
};

export async function startRoundRobinProxy(instanceOrigins: readonly string[]): Promise<RoundRobinProxy> {
  let turn = 0;
  const routed: number[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const index = turn % instanceOrigins.length;
    turn += 1;
    routed.push(index);
    const target = new URL(incoming.url ?? "/", instanceOrigins[index]);
    const upstream = forward(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => {
      // What a load balancer says when the instance it chose is gone.
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routed,
    next: () => turn % instanceOrigins.length,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
