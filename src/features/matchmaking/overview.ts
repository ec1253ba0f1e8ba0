/** The staff overview of a mission's matchmaking, computed from its delegation, organisations and requests. Pure. */
import type { RequestStatus } from "./request.js";

/** An SME with fewer accepted meetings than this needs staff's help to fill its week. */
export const minimumAcceptedMeetings = 3;

type Named = { id: number; name: string };

export type OverviewRequest = {
  smeId: number;
  target: { kind: "organisation" | "sme"; id: number };
  status: RequestStatus;
};

export type MissionOverview = {
  missionId: number;
  missionName: string;
  delegationSize: number;
  organisationCount: number;
  byStatus: Record<RequestStatus, number>;
  minimumAccepted: number;
  /** Fewest accepted meetings first. */
  tooFewAccepted: (Named & { accepted: number })[];
  /** Organisations no request (other than a withdrawn one) names, by name. */
  unaskedOrganisations: Named[];
};

export function missionOverview(input: {
  mission: Named;
  delegation: readonly Named[];
  organisations: readonly Named[];
  requests: readonly OverviewRequest[];
}): MissionOverview {
  const byStatus: Record<RequestStatus, number> = { requested: 0, accepted: 0, declined: 0, withdrawn: 0 };
  const accepted = new Map<number, number>();
  const asked = new Set<number>();
  const addAccepted = (smeId: number) => accepted.set(smeId, (accepted.get(smeId) ?? 0) + 1);
  for (const request of input.requests) {
    byStatus[request.status] += 1;
    if (request.status === "accepted") {
      addAccepted(request.smeId);
      // A meeting between two SMEs of the delegation is a meeting for both.
      if (request.target.kind === "sme") addAccepted(request.target.id);
    }
    if (request.target.kind === "organisation" && request.status !== "withdrawn") asked.add(request.target.id);
  }
  const tooFewAccepted = input.delegation
    .map((sme) => ({ ...sme, accepted: accepted.get(sme.id) ?? 0 }))
    .filter((sme) => sme.accepted < minimumAcceptedMeetings)
    .sort((a, b) => a.accepted - b.accepted || a.name.localeCompare(b.name));
  return {
    missionId: input.mission.id,
    missionName: input.mission.name,
    delegationSize: input.delegation.length,
    organisationCount: input.organisations.length,
    byStatus,
    minimumAccepted: minimumAcceptedMeetings,
    tooFewAccepted,
    unaskedOrganisations: input.organisations
      .filter((organisation) => !asked.has(organisation.id))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
