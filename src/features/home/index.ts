import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { loadActor } from "../../platform/auth.js";
import type { AppDeps, Feature } from "../../platform/slack/feature.js";
import { homeView } from "./views.js";

/** Publishes a person's App Home: the greeting by role, then each feature's section. */
export type PublishHome = (client: WebClient, deps: AppDeps, userId: string) => Promise<void>;

/**
 * App Home: published when a person opens the app's Home tab. Other features add sections to it,
 * and call `publish` to refresh it after a change made from the Home tab (an approval, say).
 */
export function createHomeFeature(features: () => readonly Feature[]): { feature: Feature; publish: PublishHome } {
  const publish: PublishHome = async (client, deps, userId) => {
    // Everyone may read their Home ("home.read"); each section decides what the role shows.
    const actor = await loadActor(deps.db, deps.config, userId);
    const sections: KnownBlock[] = [];
    for (const feature of features()) {
      if (feature.homeSection) sections.push(...(await feature.homeSection(actor, deps)));
    }
    await client.views.publish({
      user_id: userId,
      view: homeView({ userId, name: actor.name ?? undefined, role: actor.role, sections }),
    });
  };
  const feature: Feature = {
    name: "home",
    register(app, deps) {
      app.event("app_home_opened", async ({ event, client }) => {
        if (event.tab !== "home") return;
        await publish(client, deps, event.user);
      });
    },
  };
  return { feature, publish };
}
