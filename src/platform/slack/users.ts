import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Logger } from "../logger.js";

const userInfo = z.object({
  user: z.object({
    id: z.string(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    tz: z.string().optional(),
    is_bot: z.boolean().optional(),
    deleted: z.boolean().optional(),
    profile: z
      .object({ display_name: z.string().optional(), real_name: z.string().optional(), email: z.string().optional() })
      .optional(),
  }),
});

export type SlackUser = {
  id: string;
  name: string | undefined;
  timeZone: string | undefined;
  email: string | undefined;
  isBot: boolean;
  deleted: boolean;
};

/** users.info, parsed. Returns undefined (and logs) when Slack cannot say: callers carry on without it. */
export async function lookUpUser(client: WebClient, userId: string, logger: Logger): Promise<SlackUser | undefined> {
  try {
    const parsed = userInfo.safeParse(await client.users.info({ user: userId }));
    if (!parsed.success) {
      logger.warn({ user: userId, problem: z.prettifyError(parsed.error) }, "users.info answered an unexpected shape");
      return undefined;
    }
    const user = parsed.data.user;
    return {
      id: user.id,
      name: user.profile?.real_name || user.real_name || user.profile?.display_name || user.name,
      timeZone: user.tz,
      email: user.profile?.email,
      isBot: user.is_bot ?? false,
      deleted: user.deleted ?? false,
    };
  } catch (error) {
    logger.warn({ err: error, user: userId }, "users.info failed");
    return undefined;
  }
}
