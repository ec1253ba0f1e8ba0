/**
 * The HTTP receiver for Slack requests (HTTP mode). Bolt 5.1's own HTTPReceiver dies on a signed
 * body of `null`, accepts timestamps from the future and leaves unroutable bodies hanging for three
 * seconds; this one checks each request before Bolt sees it, answers at once when it cannot be
 * routed, and knows which requests are still being handled, so stop() can wait for them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ListenOptions } from "node:net";
import { type App, HTTPModuleFunctions, HTTPResponseAck, type Receiver, type ReceiverEvent } from "@slack/bolt";
import { answerHealthRequest, type ReadinessCheck } from "../health.js";
import { boltLogger, type Logger } from "../logger.js";
import { newErrorId } from "./errors.js";
import { checkRequestBody, checkRequestTimestamp } from "./request-checks.js";

/** The real time, not the app's clock: signatures are made with Slack's clock. */
const nowInSeconds = () => Math.floor(Date.now() / 1000);

export const slackEventsPath = "/slack/events";

export type SlackHttpReceiverOptions = {
  signingSecret: string;
  logger: Logger;
  /** How long stop() waits for requests still being handled when it is given no deadline. */
  drainTimeoutMs?: number;
  /** Serves GET /healthz and /readyz (unsigned) when given; see platform/health.ts. */
  readiness?: ReadinessCheck;
};

export class SlackHttpReceiver implements Receiver {
  readonly #signingSecret: string;
  readonly #logger: Logger;
  readonly #boltLogger: ReturnType<typeof boltLogger>;
  readonly #drainTimeoutMs: number;
  readonly #readiness: ReadinessCheck | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  #app: App | undefined;
  #server: Server | undefined;
  /** Set once stop() is called: requests still arriving on open connections are refused. */
  #stopping = false;

  constructor(options: SlackHttpReceiverOptions) {
    this.#signingSecret = options.signingSecret;
    this.#logger = options.logger.child({ component: "receiver" });
    this.#boltLogger = boltLogger(options.logger);
    this.#drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
    this.#readiness = options.readiness;
  }

  init(app: App): void {
    this.#app = app;
  }

  /** Listens on a port (or { port, host }) and resolves with the server once it is listening. */
  async start(portOrOptions: number | ListenOptions = 3000): Promise<Server> {
    if (this.#server) throw new Error("The Slack receiver is already started.");
    const server = createServer((request, response) => this.#track(this.#handle(request, response)));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(portOrOptions, () => {
        server.off("error", reject);
        resolve();
      });
    });
    return server;
  }

  /**
   * Stops taking requests at once (before its first await, so the caller knows nothing new arrives
   * once it has called stop), then waits until every request already taken has been handled or
   * `deadline` settles (a shutdown's shared budget; `drainTimeoutMs` when none is given).
   */
  async stop(deadline?: Promise<unknown>): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#stopping = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await this.#drain(deadline);
    server.closeAllConnections();
    await closed;
  }

  async #drain(deadline: Promise<unknown> | undefined): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = (
      deadline ??
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.#drainTimeoutMs);
      })
    ).then(() => "timeout" as const);
    while (this.#inFlight.size > 0) {
      const outcome = await Promise.race([Promise.allSettled([...this.#inFlight]), timeout]);
      if (outcome === "timeout") {
        this.#logger.warn({ requests: this.#inFlight.size }, "stopped with requests still being handled");
        break;
      }
    }
    clearTimeout(timer);
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      await this.#handleSlackRequest(request, response);
    } catch (error) {
      // Nothing a request carries may take the process down: log it with an id and answer 500.
      const errorId = newErrorId();
      this.#logger.error({ err: error, errorId }, "could not handle a Slack request");
      if (!response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(response, 500);
      else if (!response.writableEnded) response.end();
    }
  }

  async #handleSlackRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.#stopping) {
      // A request on a connection opened before stop(): Slack retries it (events) once the app is back.
      response.writeHead(503, { connection: "close", "retry-after": "10" });
      response.end();
      return;
    }
    // Load balancers probe without a signature; a stopping app has already answered 503 above.
    if (this.#readiness && (await answerHealthRequest(request, response, this.#readiness))) return;
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== slackEventsPath || request.method !== "POST") {
      return HTTPModuleFunctions.buildNoBodyResponse(response, 404);
    }

    let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret: this.#signingSecret }, request);
    } catch (error) {
      if (HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413) {
        this.#logger.warn("refused a Slack request: the body is too large");
        return HTTPModuleFunctions.buildNoBodyResponse(response, 413);
      }
      this.#logger.warn({ reason: (error as Error).message }, "refused a Slack request: not verified");
      return HTTPModuleFunctions.buildNoBodyResponse(response, 401);
    }

    // Slack's reachability check is not signed: parseAndVerifyHTTPRequest lets it through, reduced to this.
    if (buffered.rawBody.toString() === "ssl_check=1") return HTTPModuleFunctions.buildSSLCheckResponse(response);

    const age = checkRequestTimestamp(request.headers["x-slack-request-timestamp"]?.toString(), nowInSeconds());
    if (!age.ok) return this.#refuse(response, 401, age.reason);

    let parsed: unknown;
    try {
      parsed = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      return this.#refuse(response, 400, "the body is not valid JSON");
    }
    const checked = checkRequestBody(parsed);
    if (!checked.ok) return this.#refuse(response, 400, checked.reason);
    const body = checked.body;

    if (body.type === "url_verification") return HTTPModuleFunctions.buildUrlVerificationResponse(response, body);

    const ack = new HTTPResponseAck({
      logger: this.#boltLogger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: response,
    });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(request),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(request),
    };
    if (!this.#app) throw new Error("The Slack receiver was started before Bolt initialised it.");
    try {
      await this.#app.processEvent(event);
    } catch (error) {
      // Listener errors have already been through the app's error handler (logged, user told).
      const acknowledged = await HTTPModuleFunctions.defaultProcessEventErrorHandler({
        error: error as Error,
        logger: this.#boltLogger,
        request,
        response,
        storedResponse: ack.storedResponse,
      });
      if (acknowledged) ack.ack();
    }
  }

  #refuse(response: ServerResponse, status: 400 | 401, reason: string): void {
    this.#logger.warn({ status, reason }, "refused a Slack request");
    response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    response.end(`Refused: ${reason}.`);
  }
}
