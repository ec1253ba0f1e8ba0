import type { KnownBlock } from "@slack/types";
import { authorize } from "../../platform/auth.js";
import type { Feature } from "../../platform/slack/feature.js";
import { findPerson } from "../core/people-store.js";
import { homeView } from "./views.js";

/** App Home: published when a person opens the app's Home tab; other features add sections to it. */
export function createHomeFeature(features: () => readonly Feature[]): Feature {
  return {
    name: "home",
    register(app, deps) {
      app.event("app_home_opened", async ({ event, client }) => {
        if (event.tab !== "home") return;
        const check = await authorize(deps, event.user, "home.read");
        const person = await findPerson(deps.db, event.user);
        const sections: KnownBlock[] = [];
        for (const feature of features()) {
          if (feature.homeSection) sections.push(...(await feature.homeSection(check.actor, deps)));
        }
        await client.views.publish({
          user_id: event.user,
          view: homeView({ userId: event.user, name: person?.name ?? undefined, role: check.actor.role, sections }),
        });
      });
    },
  };
}
