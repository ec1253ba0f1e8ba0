import type { KnownBlock, View } from "@slack/types";
import type { Role } from "../../domain/roles.js";

const greetings: Record<Role, string> = {
  admin:
    "You are an *admin*: you give roles with `/ec2i role @user admin|staff|sme|none [cluster]` and see who has which with `/ec2i roles`.",
  staff:
    "You are *cluster staff*: you review and keep your cluster's SME directory (`/sme`) and send SMEs their Business Intelligence templates and follow them up (`/bi`).",
  sme: "You are an *SME member*: keep your company profile current and work through your Business Intelligence template before a mission.",
  guest:
    "You have *no role yet*. A cluster admin can give you one with `/ec2i role @you staff|sme`. Until then you can read `/ec2i help`.",
};

/** The App Home tab: a greeting by role, then each feature's section. */
export function homeView(input: {
  userId: string;
  name: string | undefined;
  role: Role;
  sections: KnownBlock[];
}): View {
  const hello = input.name ? `Hello, ${input.name.split(" ")[0]}!` : "Hello!";
  return {
    type: "home",
    blocks: [
      { type: "header", text: { type: "plain_text", text: `${hello} Welcome to EC2i Missions` } },
      { type: "section", text: { type: "mrkdwn", text: greetings[input.role] } },
      ...input.sections,
      { type: "divider" },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "Type `/ec2i help` in any channel to see every command." }],
      },
    ],
  };
}
