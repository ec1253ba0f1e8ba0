import { describe, expect, it } from "vitest";
import { checkNewRequest, type RequestFacts, requestFormSchema } from "./request.js";

const facts: RequestFacts = {
  now: new Date("2027-03-15T08:00:00Z"),
  missionName: "China mission 2027",
  timeZone: "Asia/Shanghai",
  deadline: new Date("2027-04-05T10:00:00Z"),
  readOnly: undefined,
  limit: 3,
  activeCount: 0,
  counterpartName: "Jiangsu Heat Networks Co.",
  existing: null,
};
const asked = { createdAt: new Date("2027-03-10T02:00:00Z"), answeredAt: null, decidedBySlackId: null };

describe("checkNewRequest", () => {
  it("counts the places left, and lets a withdrawn request be made again", () => {
    expect(checkNewRequest({ ...facts, activeCount: 2 })).toEqual({ ok: true, left: 1 });
    expect(checkNewRequest({ ...facts, existing: { ...asked, status: "withdrawn" } })).toEqual({ ok: true, left: 3 });
  });

  it("closes at the deadline itself", () => {
    const atDeadline = checkNewRequest({ ...facts, now: new Date("2027-04-05T10:00:00Z") });
    expect(atDeadline).toEqual({
      ok: false,
      reason: "Meeting requests for *China mission 2027* closed on 5 Apr 2027, 18:00 Shanghai time (UTC+8).",
    });
    expect(checkNewRequest({ ...facts, deadline: null }).ok).toBe(true);
  });

  it("refuses a pending, accepted or declined request again, and one over the limit", () => {
    expect(checkNewRequest({ ...facts, existing: { ...asked, status: "accepted" } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("the request is accepted"),
    });
    const declined = checkNewRequest({
      ...facts,
      existing: {
        ...asked,
        status: "declined",
        answeredAt: new Date("2027-03-11T01:00:00Z"),
        decidedBySlackId: "U0STAFF001",
      },
    });
    expect(declined).toEqual({
      ok: false,
      reason:
        "*Jiangsu Heat Networks Co.* declined your request on 11 Mar 2027, 09:00 Shanghai time (UTC+8) (<@U0STAFF001>). It cannot be asked again; your cluster's staff can reopen it.",
    });
    expect(checkNewRequest({ ...facts, activeCount: 3 }).ok).toBe(false);
  });
});

describe("requestFormSchema", () => {
  it("takes want when no priority is picked and trims the message", () => {
    expect(requestFormSchema.parse({ message: "  Hello  " })).toEqual({ priority: "want", message: "Hello" });
    expect(requestFormSchema.safeParse({ priority: "urgent", message: "" }).success).toBe(false);
    expect(requestFormSchema.safeParse({ message: "bad \u0000 text" }).error?.issues[0]?.message).toBe(
      "Remove the control characters (such as NUL or escape) from the message.",
    );
  });
});
