import { describe, expect, it } from "vitest";
import { scheduleProblemSchema } from "./engine/schedule-problem.js";
import { acceptedRequestsKey, buildMissionProblem, type MissionProblemInput, slotInstants } from "./mission-problem.js";

const plan = {
  days: ["2027-04-14", "2027-04-13"],
  start: "09:00",
  end: "11:00",
  slotMinutes: 30,
  breaks: [{ start: "10:00", end: "10:30" }],
  tables: 4,
};

const input = (overrides: Partial<MissionProblemInput> = {}): MissionProblemInput => ({
  timeZone: "Asia/Shanghai",
  sessionPlan: plan,
  smes: [
    { id: 1, name: "Nordic Heat" },
    { id: 2, name: "Loire Controls" },
    { id: 3, name: "Idle SME" },
  ],
  organisations: [
    { id: 10, name: "Jiangsu Heat", available: ["2027-04-14"], standTable: 3 },
    { id: 11, name: "Huadong HVAC", available: [], standTable: null },
  ],
  requests: [
    { id: 100, smeId: 1, organisationId: 10, targetSmeId: null, priority: "must" },
    { id: 101, smeId: 2, organisationId: 11, targetSmeId: null, priority: "nice" },
    { id: 102, smeId: 2, organisationId: null, targetSmeId: 1, priority: "want" },
  ],
  published: [],
  now: new Date("2027-03-15T08:00:00Z"),
  minMeetingsPerSme: 1,
  ...overrides,
});

describe("a mission as a schedule problem", () => {
  it("cuts the session days into slots named by their local start, with the plan's tables, days in order", () => {
    const { problem } = buildMissionProblem(input());
    expect(problem.slots.map((slot) => slot.id)).toEqual([
      "2027-04-13T09:00",
      "2027-04-13T09:30",
      "2027-04-13T10:30",
      "2027-04-14T09:00",
      "2027-04-14T09:30",
      "2027-04-14T10:30",
    ]);
    expect(problem.slots[2]).toEqual({
      id: "2027-04-13T10:30",
      start: "2027-04-13T10:30",
      end: "2027-04-13T11:00",
      tables: 4,
    });
    expect(scheduleProblemSchema.safeParse(problem).success).toBe(true);
  });

  it("makes SMEs and organisations parties: an organisation meets on its available days only, at its stand", () => {
    const { problem } = buildMissionProblem(input());
    expect(problem.parties).toEqual([
      { id: "sme:1", kind: "sme", name: "Nordic Heat" },
      { id: "sme:2", kind: "sme", name: "Loire Controls" },
      {
        id: "org:10",
        kind: "org",
        name: "Jiangsu Heat",
        available: ["2027-04-14T09:00", "2027-04-14T09:30", "2027-04-14T10:30"],
        stand: 3,
      },
      { id: "org:11", kind: "org", name: "Huadong HVAC" },
    ]);
    // The SME without accepted requests is no party: it would count as short of its minimum for nothing.
    expect(problem.parties.some((party) => party.id === "sme:3")).toBe(false);
    expect(buildMissionProblem(input()).withoutRequests).toBe(1);
  });

  it("makes each accepted request a meeting of the SME and its counterpart, with its priority", () => {
    const { problem, leftOut } = buildMissionProblem(input());
    expect(problem.meetings).toEqual([
      { id: "req:100", parties: ["sme:1", "org:10"], priority: "must" },
      { id: "req:101", parties: ["sme:2", "org:11"], priority: "nice" },
      { id: "req:102", parties: ["sme:2", "sme:1"], priority: "want" },
    ]);
    expect(leftOut).toEqual([]);
    expect(problem.minMeetingsPerSme).toBe(1);
    expect(problem.previous).toBeUndefined();
  });

  it("leaves out requests whose sides are no longer in the mission, saying why", () => {
    const { problem, leftOut } = buildMissionProblem(
      input({
        requests: [
          { id: 200, smeId: 9, organisationId: 10, targetSmeId: null, priority: "must" },
          { id: 201, smeId: 1, organisationId: 99, targetSmeId: null, priority: "want" },
        ],
      }),
    );
    expect(problem.meetings).toEqual([]);
    expect(leftOut).toEqual([
      { requestId: 200, reason: "the SME that asked is not confirmed in the delegation" },
      { requestId: 201, reason: "the organisation is no longer part of the mission" },
    ]);
  });

  it("takes the published schedule as previous and pins meetings that have started where they are", () => {
    const zone = "Asia/Shanghai";
    const published = [
      // 13 Apr 09:00 Shanghai = 01:00 UTC: started by the clock below.
      { requestId: 101, startsAt: new Date("2027-04-13T01:00:00Z"), tableNumber: 2 },
      { requestId: 100, startsAt: new Date("2027-04-14T01:30:00Z"), tableNumber: 3 },
    ];
    const { problem } = buildMissionProblem(input({ published, now: new Date("2027-04-13T01:10:00Z") }));
    expect(problem.previous).toEqual([
      { meeting: "req:100", slot: "2027-04-14T09:30", table: 3 },
      { meeting: "req:101", slot: "2027-04-13T09:00", table: 2 },
    ]);
    expect(problem.meetings.find((m) => m.id === "req:101")?.pinned).toEqual({ slot: "2027-04-13T09:00", table: 2 });
    expect(problem.meetings.find((m) => m.id === "req:100")?.pinned).toBeUndefined();
    expect(slotInstants(problem.slots[0] ?? { start: "", end: "" }, zone)).toEqual({
      startsAt: new Date("2027-04-13T01:00:00Z"),
      endsAt: new Date("2027-04-13T01:30:00Z"),
    });
  });

  it("counts published meetings still to come whose request is no longer accepted: publishing cancels them", () => {
    const published = [
      { requestId: 100, startsAt: new Date("2027-04-14T01:30:00Z"), tableNumber: 3 },
      { requestId: 555, startsAt: new Date("2027-04-14T01:00:00Z"), tableNumber: 1 },
      // Held already: what happened stays.
      { requestId: 556, startsAt: new Date("2027-04-13T01:00:00Z"), tableNumber: 1 },
    ];
    const { cancelled } = buildMissionProblem(input({ published, now: new Date("2027-04-13T05:00:00Z") }));
    expect(cancelled).toBe(1);
  });

  it("keeps slots at their local time across a clock change (Boston, 14 Mar 2027)", () => {
    const { problem } = buildMissionProblem(
      input({ timeZone: "America/New_York", sessionPlan: { ...plan, days: ["2027-03-13", "2027-03-15"] } }),
    );
    const first = problem.slots.find((slot) => slot.id === "2027-03-13T09:00");
    const after = problem.slots.find((slot) => slot.id === "2027-03-15T09:00");
    expect(slotInstants(first ?? { start: "", end: "" }, "America/New_York").startsAt).toEqual(
      new Date("2027-03-13T14:00:00Z"),
    );
    expect(slotInstants(after ?? { start: "", end: "" }, "America/New_York").startsAt).toEqual(
      new Date("2027-03-15T13:00:00Z"),
    );
  });

  it("leaves out the slots of an hour the clocks skip, so the problem stays valid (New York, 14 Mar 2027)", () => {
    const night = { days: ["2027-03-14"], start: "01:00", end: "04:00", slotMinutes: 30, breaks: [], tables: 2 };
    const { problem } = buildMissionProblem(input({ timeZone: "America/New_York", sessionPlan: night, requests: [] }));
    // 02:00–03:00 does not exist that night: 01:30–02:00 ends in it, 02:00 and 02:30 start in it.
    expect(problem.slots.map((slot) => slot.id.slice(11))).toEqual(["01:00", "03:00", "03:30"]);
    expect(scheduleProblemSchema.safeParse(problem).success).toBe(true);
  });

  it("counts published meetings to come on a day the plan no longer has: they have to move", () => {
    const { problem, outsidePlan } = buildMissionProblem(
      input({
        sessionPlan: { ...plan, days: ["2027-04-14"] },
        published: [
          {
            requestId: 101,
            startsAt: new Date("2027-04-13T01:00:00Z"),
            tableNumber: 2,
          },
        ],
      }),
    );
    expect(outsidePlan).toBe(1);
    expect(problem.previous ?? []).toEqual([]);
    expect(problem.meetings.map((meeting) => meeting.id)).toContain("req:101");
  });

  it("keys a draft to the accepted requests it was made for", () => {
    const requests = input().requests;
    expect(acceptedRequestsKey([...requests].reverse())).toBe(acceptedRequestsKey(requests));
    expect(acceptedRequestsKey(requests.slice(1))).not.toBe(acceptedRequestsKey(requests));
  });
});
