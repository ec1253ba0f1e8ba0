import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { boltLogger, createLogger } from "../../src/platform/logger.js";

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger("debug", sink) };
}

describe("logger", () => {
  it("never writes Slack tokens, signing secrets or API keys", () => {
    const { lines, logger } = capture();
    logger.info("calling Slack with xoxb-1234-5678-abcdefABCDEF");
    logger.info(
      { token: "xoxb-secret-token", config: { signingSecret: "abc123", apiKey: "sk-live-1234567890" } },
      "cfg",
    );
    logger.error({ err: new Error("request failed: Authorization Bearer xoxb-9999-8888") }, "failed");
    boltLogger(logger).warn("socket mode with xapp-1-A111-222-xyz");
    const all = lines.join("\n");
    for (const secret of ["xoxb-1234", "xoxb-secret", "abc123", "sk-live", "xoxb-9999", "xapp-1-A111"]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain("[redacted]");
    expect(lines).toHaveLength(4);
  });

  it("hides the credentials of every URL it writes, in text, errors and fields", () => {
    const { lines, logger } = capture();
    logger.info("connecting to postgresql://ec2i:hunter2@db.example.org:5432/ec2i");
    logger.error({ err: new Error("connect failed: mysql://root:hunter2@10.0.0.5/ec2i") }, "failed");
    logger.info(
      { databaseUrl: "postgres://ec2i:hunter2@db/ec2i?sslpassword=hunter2", url: "https://a:hunter2@x" },
      "cfg",
    );
    const all = lines.join("\n");
    expect(all).not.toContain("hunter2");
    expect(all).toContain("postgresql://ec2i:***@db.example.org:5432/ec2i");
    expect(all).toContain("mysql://root:***@10.0.0.5/ec2i");
    expect(lines).toHaveLength(3);
  });
});
