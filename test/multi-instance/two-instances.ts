/**
 * Two instances of the real app on one database (the suite's: a shared SQLite file, or PostgreSQL
 * when the suite runs on it), one Slack workspace (the stand-in) and a round-robin proxy in front,
 * as a load balancer would run them. Each instance has its own clock, as two machines would.
 */
import { ManualClock } from "../../src/platform/clock.js";
import { eventEnvelope, postSigned, type SlackReply, slashCommandBody } from "../../src/sandbox/slack-requests.js";
import { SlackStandIn } from "../../src/sandbox/slack-stand-in.js";
import { SIGNING_SECRET, startTestApp, type TestApp } from "../support/harness.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "./round-robin-proxy.js";

export type TwoInstances = Awaited<ReturnType<typeof startTwoInstances>>;

export async function startTwoInstances(options: { at?: string; admins?: string[]; databaseUrl?: string } = {}) {
  const at = new Date(options.at ?? "2027-03-15T08:00:00Z");
  const clocks = [new ManualClock(at), new ManualClock(at)] as const;
  const standIn = await SlackStandIn.start();
  const admins = options.admins ?? [];
  // Given a database, both instances borrow it (its owner removes it); otherwise the first makes one.
  const first = await startTestApp({
    slackStandIn: standIn,
    clock: clocks[0],
    admins,
    ...(options.databaseUrl ? { reuseDatabase: options.databaseUrl } : {}),
  });
  const second = await startTestApp({
    slackStandIn: standIn,
    clock: clocks[1],
    admins,
    reuseDatabase: first.config.databaseUrl,
  });
  const instances: readonly [TestApp, TestApp] = [first, second];
  const proxy: RoundRobinProxy = await startRoundRobinProxy(instances.map((instance) => new URL(instance.url).origin));
  const url = `${proxy.origin}/slack/events`;
  const signed = (headers: Record<string, string> = {}) => ({ secret: SIGNING_SECRET, headers });

  return {
    instances,
    clocks,
    standIn,
    proxy,
    /** The database both instances share (read it through either). */
    db: first.db,
    /** A slash command through the load balancer; returns the ack and the instance that took it. */
    async command(userId: string, command: string, text = "") {
      const instance = proxy.next();
      const body = slashCommandBody({ command, text, userId, responseUrl: standIn.newResponseUrl() });
      const reply = await postSigned(url, body, "application/x-www-form-urlencoded", signed());
      standIn.checkAcknowledgement(`ack of ${command} ${text}`, reply.json);
      return { ...reply, instance };
    },
    /** An Events API delivery through the load balancer; a retry re-sends the same envelope. */
    async deliver(envelope: Record<string, unknown>, retryNum = 0): Promise<SlackReply & { instance: number }> {
      const instance = proxy.next();
      const headers: Record<string, string> =
        retryNum > 0 ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" } : {};
      const reply = await postSigned(url, JSON.stringify(envelope), "application/json", signed(headers));
      return { ...reply, instance };
    },
    envelope: (event: Record<string, unknown>) => eventEnvelope(event),
    /** A probe through the load balancer (no signature). */
    async probe(path: "/healthz" | "/readyz") {
      const instance = proxy.next();
      const response = await fetch(`${proxy.origin}${path}`, { signal: AbortSignal.timeout(5_000) });
      return { status: response.status, body: (await response.json()) as Record<string, string>, instance };
    },
    async stop() {
      await proxy.stop();
      // The second instance borrowed the first one's database: it stops first, the first removes it.
      await second.stop();
      await first.stop();
      await standIn.stop();
    },
  };
}
