/**
 * The rules of a meeting request, pure: who may still ask whom, the request form's fields, and how
 * dates are shown in the mission's time zone. The listeners load the facts and ask these functions.
 */
import { z } from "zod";
import { countOf, escapeMrkdwn, hasControlCharacters } from "../../domain/text.js";
import { formatInstant } from "../missions/index.js";

export const requestPriorities = [
  { key: "must", label: "Must meet" },
  { key: "want", label: "Want to meet" },
  { key: "nice", label: "Nice to meet" },
] as const;
export type RequestPriority = (typeof requestPriorities)[number]["key"];
export const defaultPriority: RequestPriority = "want";

export type RequestStatus = "requested" | "accepted" | "declined" | "withdrawn";

/** How a status reads in a sentence: "the request is pending". */
export const statusWords: Record<RequestStatus, string> = {
  requested: "pending",
  accepted: "accepted",
  declined: "declined",
  withdrawn: "withdrawn",
};

/** Requests that use one of the SME's places: a withdrawn or declined one gives its place back. */
export const activeStatuses: readonly RequestStatus[] = ["requested", "accepted"];

export const requestMessageMax = 300;

/** The request form as Slack sends it, validated: a priority (want when none is picked) and an optional message. */
export const requestFormSchema = z.object({
  priority: z.enum(["must", "want", "nice"], { error: "Pick must, want or nice." }).default(defaultPriority),
  message: z
    .string()
    .nullish()
    .transform((value) => value?.trim() ?? "")
    .pipe(
      z
        .string()
        .max(requestMessageMax, `Keep the message to ${requestMessageMax} characters.`)
        .refine((text) => !hasControlCharacters(text, { multiline: true }), {
          message: "Remove the control characters (such as NUL or escape) from the message.",
        }),
    ),
});
export type RequestForm = z.output<typeof requestFormSchema>;

/** A request that already exists between the same SME and counterpart in the mission. */
export type ExistingRequest = {
  status: RequestStatus;
  createdAt: Date;
  answeredAt: Date | null;
  decidedBySlackId: string | null;
};

export type RequestFacts = {
  now: Date;
  missionName: string;
  timeZone: string;
  deadline: Date | null;
  /** Why the mission takes no changes (it is archived), from the missions feature. */
  readOnly: string | undefined;
  limit: number;
  /** The SME's requests in this mission that hold a place (pending or accepted). */
  activeCount: number;
  counterpartName: string;
  existing: ExistingRequest | null;
};

export type RequestCheck = { ok: true; left: number } | { ok: false; reason: string };

/**
 * Whether an SME may ask to meet a counterpart now. Checked when the form opens and again when it is
 * submitted, since time passes and a second window may have used the last place meanwhile.
 */
export function checkNewRequest(facts: RequestFacts): RequestCheck {
  const { existing } = facts;
  const mission = escapeMrkdwn(facts.missionName);
  const counterpart = escapeMrkdwn(facts.counterpartName);
  if (facts.readOnly) return { ok: false, reason: escapeMrkdwn(facts.readOnly) };
  if (facts.deadline && facts.now.getTime() >= facts.deadline.getTime()) {
    return {
      ok: false,
      reason: `Meeting requests for *${mission}* closed on ${formatInstant(facts.deadline, facts.timeZone)}.`,
    };
  }
  if (existing && existing.status === "declined") {
    const when = existing.answeredAt ? ` on ${formatInstant(existing.answeredAt, facts.timeZone)}` : "";
    const who = existing.decidedBySlackId ? ` (<@${existing.decidedBySlackId}>)` : "";
    return {
      ok: false,
      reason: `*${counterpart}* declined your request${when}${who}. It cannot be asked again; your cluster's staff can reopen it.`,
    };
  }
  if (existing && existing.status !== "withdrawn") {
    return {
      ok: false,
      reason: `You already asked to meet *${counterpart}* on ${formatInstant(existing.createdAt, facts.timeZone)}: the request is ${statusWords[existing.status]}. See \`/meet my\`.`,
    };
  }
  const left = facts.limit - facts.activeCount;
  if (left <= 0) {
    return {
      ok: false,
      reason: `You have used all ${countOf(facts.limit, "meeting request")} of *${mission}*. Withdraw a pending one with \`/meet my\` to ask someone else.`,
    };
  }
  return { ok: true, left };
}

/** "2 requests left after this one" once a request is made. */
export function placesLeftText(leftBefore: number): string {
  const after = leftBefore - 1;
  return after === 0 ? "That was your last meeting request." : `You can make ${countOf(after, "more request")}.`;
}
