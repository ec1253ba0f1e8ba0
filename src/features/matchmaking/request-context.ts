/**
 * Who a matchmaking command acts for and in which mission: an SME member for its own company in its
 * confirmed mission (the soonest, or the one it names), staff for any company they name. Every answer
 * that is not a result is a message for the person.
 */

import { isStaff } from "../../domain/roles.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import type { AppDeps } from "../../platform/slack/feature.js";
import { findSmesByName, getSmes, type SmeRecord, smeOfMember } from "../directory/index.js";
import {
  activeMissions,
  lookUpMission,
  type MissionRecord,
  missionIdsOfSme,
  readOnlyReason,
} from "../missions/index.js";
import { checkNewRequest, type RequestCheck, type RequestFacts } from "./request.js";
import { activeRequestCount, existingRequest, type RequestTarget } from "./request-store.js";

export type Found<T> = { ok: true; value: T } | { ok: false; message: string };

/** May this person act for this SME: its own people, or staff. */
export function actsFor(actor: Actor, smeId: number): boolean {
  return isStaff(actor) || actor.smeId === smeId;
}

/**
 * The SME a command is about. SME members: their own company (naming another is refused). Staff:
 * the company they named, which they must name.
 */
export async function smeForActor(
  deps: AppDeps,
  actor: Actor,
  typed: string | undefined,
  usage: string,
): Promise<Found<SmeRecord>> {
  if (!isStaff(actor)) {
    const own = await smeOfMember(deps.db, actor.slackUserId);
    if (!own) return { ok: false, message: "Your company is not in the directory yet: `/sme register` first." };
    if (typed) {
      const named = await findSmesByName(deps.db, typed, ["approved"], 1);
      if (named[0] !== own.id) return { ok: false, message: `You can act for ${escapeMrkdwn(own.name)} only.` };
    }
    return { ok: true, value: own };
  }
  if (!typed) return { ok: false, message: `Name the company: ${usage}` };
  const smes = await getSmes(deps.db, await findSmesByName(deps.db, typed, ["approved"], 5));
  const exact = smes.length === 1 ? smes[0] : undefined;
  if (exact) return { ok: true, value: exact };
  if (smes.length === 0) return { ok: false, message: `No listed SME is called “${escapeMrkdwn(typed)}”.` };
  return {
    ok: false,
    message: `Several SMEs match “${escapeMrkdwn(typed)}”: ${smes.map((s) => escapeMrkdwn(s.name)).join(", ")}. Use the full name.`,
  };
}

/** A mission by the name a person typed, with a "did you mean" answer when several match. */
export async function missionNamed(deps: AppDeps, typed: string): Promise<Found<MissionRecord>> {
  const found = await lookUpMission(deps.db, typed);
  return found.mission ? { ok: true, value: found.mission } : { ok: false, message: found.problem };
}

/**
 * The mission an SME works in: the one named (it must be in its delegation), else the soonest it is
 * confirmed in; `others` are its other missions, for a hint that they can be named.
 */
export async function missionOfSme(
  deps: AppDeps,
  sme: Pick<SmeRecord, "id" | "name">,
  typed: string | undefined,
): Promise<Found<{ mission: MissionRecord; others: MissionRecord[] }>> {
  const ids = await missionIdsOfSme(deps.db, sme.id);
  const missions = (await activeMissions(deps.db)).filter((m) => ids.includes(m.id));
  if (typed) {
    const named = await missionNamed(deps, typed);
    if (!named.ok) return named;
    if (!ids.includes(named.value.id)) {
      return {
        ok: false,
        message: `${escapeMrkdwn(sme.name)} is not in the delegation of ${escapeMrkdwn(named.value.name)}.`,
      };
    }
    return { ok: true, value: { mission: named.value, others: missions.filter((m) => m.id !== named.value.id) } };
  }
  const [soonest, ...others] = missions;
  if (!soonest) {
    return {
      ok: false,
      message: `${escapeMrkdwn(sme.name)} is not confirmed in a mission's delegation yet: \`/mission join <mission>\` asks to join one.`,
    };
  }
  return { ok: true, value: { mission: soonest, others } };
}

/** Loads what the request rules need and applies them (request.ts). */
export async function checkRequest(
  deps: AppDeps,
  input: { mission: MissionRecord; smeId: number; target: RequestTarget; counterpartName: string },
): Promise<RequestCheck> {
  const { mission } = input;
  const [existing, activeCount] = await Promise.all([
    existingRequest(deps.db, mission.id, input.smeId, input.target),
    activeRequestCount(deps.db, mission.id, input.smeId),
  ]);
  const facts: RequestFacts = {
    now: deps.clock.now(),
    missionName: mission.name,
    timeZone: mission.timeZone,
    deadline: mission.requestDeadline,
    readOnly: readOnlyReason(mission),
    limit: mission.requestLimit,
    activeCount,
    counterpartName: input.counterpartName,
    existing: existing ?? null,
  };
  return checkNewRequest(facts);
}
