/**
 * Which mission `/mission agenda` and `/mission programme` are about when the person does not name
 * one: the mission whose channel the command runs in, else the current mission of the person's
 * company, else the only active mission; otherwise they are asked to name it.
 */
import { escapeMrkdwn } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import type { AppDeps } from "../../platform/slack/feature.js";
import { activeMissions, getMission, lookUpMission, type MissionRecord } from "../missions/index.js";
import { currentMission } from "./agenda.js";
import { missionIdOfChannel, missionIdsWithSme } from "./agenda-store.js";

export type Found<T> = { ok: true; value: T } | { ok: false; message: string };

/** A mission name is at most this many words: longer prefixes are not looked up. */
const maxNameWords = 8;

/**
 * The mission named by the first words of `words`, and the words after its name. The longest
 * prefix that names exactly one mission wins ("china 13 apr" → China mission 2027, "13 apr").
 */
export async function leadingMission(
  deps: AppDeps,
  words: readonly string[],
): Promise<{ mission: MissionRecord; rest: string[] } | undefined> {
  for (let count = Math.min(words.length, maxNameWords); count >= 1; count--) {
    const found = await lookUpMission(deps.db, words.slice(0, count).join(" "));
    if (found.mission) return { mission: found.mission, rest: words.slice(count) };
  }
  return undefined;
}

/** The mission a command is about when none is named (see the file's comment), or what to ask. */
export async function missionInContext(
  deps: AppDeps,
  input: { actor: Actor; channelId: string; usage: string },
): Promise<Found<MissionRecord>> {
  const ofChannel = await missionIdOfChannel(deps.db, input.channelId);
  const inChannel = ofChannel ? await getMission(deps.db, ofChannel) : undefined;
  if (inChannel) return { ok: true, value: inChannel };
  const active = await activeMissions(deps.db);
  if (input.actor.smeId !== null) {
    const ids = await missionIdsWithSme(deps.db, input.actor.smeId);
    const current = currentMission(
      active.filter((mission) => ids.includes(mission.id)),
      deps.clock.now(),
    );
    if (current) return { ok: true, value: current };
  }
  const [only, ...others] = active;
  if (only && others.length === 0) return { ok: true, value: only };
  if (!only) return { ok: false, message: "There is no active mission yet." };
  return {
    ok: false,
    message: `Which mission? ${active.map((m) => `*${escapeMrkdwn(m.name)}*`).join(", ")}. Name it first: ${input.usage}`,
  };
}
