import { describe, expect, it } from "vitest";
import { parseRoleCommand } from "./role-command.js";

describe("parseRoleCommand", () => {
  it("reads an escaped mention, a role and a cluster by key, name or country", () => {
    expect(parseRoleCommand("<@U024BE7LH|bob> staff clean-dk")).toEqual({
      ok: true,
      value: { userId: "U024BE7LH", role: "staff", clusterKey: "clean-dk" },
    });
    expect(parseRoleCommand("<@U024BE7LH> SME tweed")).toMatchObject({
      value: { role: "sme", clusterKey: "tweed-be" },
    });
    expect(parseRoleCommand("U024BE7LH admin se")).toMatchObject({ value: { clusterKey: "sbh-se" } });
    expect(parseRoleCommand("<@W024BE7LH> none")).toMatchObject({ value: { userId: "W024BE7LH", role: "none" } });
  });

  it("answers with usage when words are missing", () => {
    const result = parseRoleCommand("");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("/ec2i role @user admin|staff|sme|none [cluster]");
  });

  it("explains an unescaped @name, an unknown role and an unknown cluster", () => {
    const name = parseRoleCommand("@bob staff");
    expect(!name.ok && name.message).toContain("could not read `@bob` as a person");
    const role = parseRoleCommand("<@U024BE7LH> boss");
    expect(!role.ok && role.message).toContain("`boss` is not a role");
    const cluster = parseRoleCommand("<@U024BE7LH> staff atlantis");
    expect(!cluster.ok && cluster.message).toContain("`atlantis` is not a cluster");
    expect(!cluster.ok && cluster.message).toContain("`clean-dk`");
  });
});
