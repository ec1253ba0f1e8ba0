import { describe, expect, it } from "vitest";
import { type ExistingMeeting, type PlacedRequest, publishPlan } from "./publish.js";

const at = (hour: number) => new Date(Date.UTC(2027, 3, 13, hour));
const place = (requestId: number, hour: number, tableNumber: number): PlacedRequest => ({
  requestId,
  startsAt: at(hour),
  endsAt: at(hour + 1),
  tableNumber,
});
const row = (id: number, requestId: number | null, hour: number, tableNumber: number): ExistingMeeting => ({
  id,
  requestId,
  smeId: 1,
  targetSmeId: null,
  startsAt: at(hour),
  endsAt: at(hour + 1),
  tableNumber,
});

describe("publishing over the published schedule", () => {
  it("keeps unmoved rows, moves the others, creates new meetings and drops the ones no longer placed", () => {
    const existing = [row(1, 10, 1, 1), row(2, 11, 2, 1), row(3, 12, 3, 1), row(4, null, 4, 2)];
    const plan = publishPlan([place(10, 1, 1), place(11, 2, 4), place(13, 5, 1)], existing, at(0));
    expect(plan.keep.map((m) => m.id)).toEqual([1]);
    expect(plan.move).toEqual([{ meeting: existing[1], to: place(11, 2, 4) }]);
    expect(plan.create).toEqual([place(13, 5, 1)]);
    expect(plan.drop.map((m) => m.id)).toEqual([3, 4]);
  });

  it("never drops a meeting that has started", () => {
    const plan = publishPlan([], [row(1, 10, 1, 1), row(2, 11, 3, 1)], at(2));
    expect(plan.drop.map((m) => m.id)).toEqual([2]);
  });
});
