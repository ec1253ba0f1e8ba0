import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { reportCsv } from "./report-csv.js";
import type { ReportMeeting } from "./report-figures.js";

const boston: ReportMeeting = {
  id: 1,
  // 14 Mar 2027 is the day New York moves to summer time: 13:00 UTC is 09:00 EDT, not 08:00.
  startsAt: new Date("2027-03-14T13:00:00Z"),
  endsAt: new Date("2027-03-14T13:30:00Z"),
  table: 3,
  status: "done",
  sme: { id: 1, name: "=HYPERLINK(evil)", cluster: null },
  counterpart: { kind: "org", name: "Mass Clean Energy Center", type: "Agency" },
  priority: "nice",
  answers: [{ smeId: 1, outcome: "informative", note: "Grant programme opens in June" }],
};

describe("the report's CSV", () => {
  it("writes local times in the mission's zone across a clock change, and neutralises formulas", () => {
    const rows: string[][] = parse(
      reportCsv([boston], { zone: "America/New_York", now: new Date("2027-03-20T00:00:00Z") }),
    );
    expect(rows[1]).toEqual([
      "2027-03-14",
      "09:00",
      "09:30",
      "3",
      "'=HYPERLINK(evil)",
      "",
      "Mass Clean Energy Center",
      "Agency",
      "nice",
      "held",
      "Informative",
      "",
      "Grant programme opens in June",
    ]);
  });
});
