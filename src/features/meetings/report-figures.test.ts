import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../platform/logger.js";
import { meetingsPerDayChart, outcomesPerClusterChart } from "./report-charts.js";
import { meetingOutcome, noCluster, type ReportMeeting, type ReportSme, reportFigures } from "./report-figures.js";
import { chartFontsOrWarn } from "./report-render.js";

const zone = "Asia/Shanghai";
const now = new Date("2027-04-15T10:00:00Z"); // 15 Apr, 18:00 in Shanghai

const nordic: ReportSme = { id: 1, name: "Nordic Heat A/S", cluster: "CLEAN" };
const loire: ReportSme = { id: 2, name: "Loire Controls SAS", cluster: "Tenerrdis" };
const solo: ReportSme = { id: 3, name: "Solo Solar GmbH", cluster: null };
const idle: ReportSme = { id: 4, name: "Idle Wind AB", cluster: "CLEAN" };

let nextId = 1;
function meeting(input: Partial<ReportMeeting> & { at: string }): ReportMeeting {
  const startsAt = new Date(input.at);
  return {
    id: nextId++,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    table: 1,
    status: "scheduled",
    sme: nordic,
    counterpart: { kind: "org", name: "Jiangsu Heat Networks Co.", type: "Project owner" },
    priority: null,
    answers: [],
    ...input,
  };
}

describe("what a meeting came to", () => {
  it("is the best answer either SME gave: one side saying it was informative means it took place", () => {
    const both = meeting({
      at: "2027-04-13T01:00:00Z",
      counterpart: { kind: "sme", sme: loire },
      answers: [
        { smeId: nordic.id, outcome: "not_held", note: null },
        { smeId: loire.id, outcome: "informative", note: null },
      ],
    });
    expect(meetingOutcome(both, now)).toBe("informative");
  });

  it("without an answer: missed when marked so, no answer yet once over, upcoming before its end", () => {
    expect(meetingOutcome(meeting({ at: "2027-04-13T01:00:00Z", status: "no_show" }), now)).toBe("not_held");
    expect(meetingOutcome(meeting({ at: "2027-04-13T01:00:00Z" }), now)).toBe("no_answer");
    // Started 15 minutes ago, ends in 15: not over yet.
    expect(meetingOutcome(meeting({ at: "2027-04-15T09:45:00Z" }), now)).toBe("upcoming");
  });
});

describe("the report's figures", () => {
  const meetings = [
    meeting({ at: "2027-04-13T02:00:00Z", answers: [{ smeId: 1, outcome: "cooperation_possible", note: null }] }),
    // 00:30 on the 14th in Shanghai is still the 13th in UTC: it counts on the 14th.
    meeting({ at: "2027-04-13T16:30:00Z", sme: solo, answers: [{ smeId: 3, outcome: "informative", note: null }] }),
    meeting({
      at: "2027-04-14T03:00:00Z",
      sme: loire,
      counterpart: { kind: "sme", sme: nordic },
      answers: [{ smeId: 2, outcome: "not_enough_interest", note: null }],
    }),
    meeting({ at: "2027-04-14T05:00:00Z", status: "cancelled" }),
    meeting({ at: "2027-04-16T01:00:00Z" }),
  ];
  const figures = reportFigures({
    zone,
    now,
    meetings,
    delegation: [nordic, loire, idle],
    biFinished: new Set([nordic.id]),
    consortia: [],
  });

  it("counts planned, held, cancelled and what has no answer yet", () => {
    expect(figures).toMatchObject({ planned: 4, held: 3, notHeld: 0, cancelled: 1, noAnswer: 0, upcoming: 1 });
  });

  it("puts each meeting on its day in the mission's zone", () => {
    expect(
      figures.perDay.map((day) => [day.day, day.outcomes.cooperation_possible + day.outcomes.informative]),
    ).toEqual([
      ["2027-04-13", 1],
      ["2027-04-14", 1],
      ["2027-04-16", 0],
    ]);
  });

  it("counts an SME–SME meeting for both SMEs, each by its own answer; SMEs without a cluster come last", () => {
    const nordicLine = figures.perSme.find((line) => line.sme.id === nordic.id);
    expect(nordicLine).toMatchObject({ planned: 3, outcomes: { cooperation_possible: 1, no_answer: 1, upcoming: 1 } });
    expect(figures.perSme.find((line) => line.sme.id === idle.id)?.planned).toBe(0);
    expect(figures.perCluster.map((line) => [line.cluster, line.planned])).toEqual([
      ["CLEAN", 3],
      ["Tenerrdis", 1],
      [noCluster, 1],
    ]);
  });

  it("says which SMEs of the delegation have not finished their BI template", () => {
    expect(figures.bi).toEqual({ finished: 1, delegation: 3, notFinished: ["Idle Wind AB", "Loire Controls SAS"] });
  });

  it("charts the days in time order, each outcome in one colour, the legend listing only outcomes shown", () => {
    const spec = meetingsPerDayChart(figures, "China mission 2027") as {
      data: { values: { category: string; outcome: string; meetings: number }[] };
      encoding: { color: { scale: { domain: string[]; range: string[] } }; x: { field: string } };
      title: { text: string };
    };
    expect(spec.title.text).toBe("Meetings per day by outcome");
    expect(spec.encoding.x.field).toBe("category");
    expect([...new Set(spec.data.values.map((row) => row.category))]).toEqual([
      "Tue 13 Apr",
      "Wed 14 Apr",
      "Fri 16 Apr",
    ]);
    expect(spec.encoding.color.scale.domain).toEqual([
      "Cooperation possible",
      "Informative",
      "Not enough interest",
      "Upcoming",
    ]);
    expect(spec.encoding.color.scale.range).toHaveLength(4);
    expect(spec.data.values.reduce((sum, row) => sum + row.meetings, 0)).toBe(figures.planned);
  });

  it("charts outcomes per cluster as horizontal bars, one per cluster", () => {
    const spec = outcomesPerClusterChart(figures, "China mission 2027") as {
      data: { values: { category: string }[] };
      encoding: { y: { field: string } };
    };
    expect(spec.encoding.y.field).toBe("category");
    expect([...new Set(spec.data.values.map((row) => row.category))]).toEqual(["CLEAN", "Tenerrdis", noCluster]);
  });
});

describe("chart fonts", () => {
  it("logs that charts will have no text when no font is found", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    expect(chartFontsOrWarn(createLogger("info", sink), ["/nowhere/fonts"])).toEqual([]);
    expect(lines.join("")).toContain("no DejaVu Sans font found: report charts will have no text");
  });
});
