import type { View } from "@slack/types";
import { z } from "zod";
import { clusters } from "../../domain/clusters.js";
import { assignableRoles } from "../../domain/roles.js";
import type { RoleCommand } from "./role-command.js";

export const roleModalCallbackId = "core.role_modal";
export const openRoleModalActionId = "core.open_role_modal";
const noCluster = "none";

const roleOptionLabels: Record<(typeof assignableRoles)[number], string> = {
  admin: "Admin — gives roles",
  staff: "Cluster staff — runs the directory and missions",
  sme: "SME member — fills their company's profile and BI",
  none: "None — take the role away",
};

/** The "Give a role" modal: who, which role, which cluster. */
export function roleModal(): View {
  return {
    type: "modal",
    callback_id: roleModalCallbackId,
    title: { type: "plain_text", text: "Give a role" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: "user",
        label: { type: "plain_text", text: "Person" },
        element: {
          type: "users_select",
          action_id: "value",
          placeholder: { type: "plain_text", text: "Pick someone" },
        },
      },
      {
        type: "input",
        block_id: "role",
        label: { type: "plain_text", text: "Role" },
        element: {
          type: "static_select",
          action_id: "value",
          options: assignableRoles.map((role) => ({
            text: { type: "plain_text", text: roleOptionLabels[role] },
            value: role,
          })),
        },
      },
      {
        type: "input",
        block_id: "cluster",
        optional: true,
        label: { type: "plain_text", text: "Cluster" },
        hint: {
          type: "plain_text",
          text: "Staff and SME members need one. Leave empty to keep the person's current cluster.",
        },
        element: {
          type: "static_select",
          action_id: "value",
          options: [
            ...clusters.map((cluster) => ({
              text: { type: "plain_text" as const, text: `${cluster.name} (${cluster.country})` },
              value: cluster.key,
            })),
            { text: { type: "plain_text", text: "No cluster" }, value: noCluster },
          ],
        },
      },
    ],
  };
}

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() }).passthrough();

const roleModalState = z.object({
  user: z.object({ value: z.object({ selected_user: z.string().nullish() }).passthrough() }),
  role: z.object({ value: selected }),
  cluster: z.object({ value: selected }).optional(),
});

/** Reads the submitted modal; field-keyed errors for Slack's inline `response_action: "errors"`. */
export function readRoleModal(
  values: unknown,
): { ok: true; value: RoleCommand } | { ok: false; errors: Record<string, string> } {
  const parsed = roleModalState.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { user: "Please pick a person and a role." } };
  const state = parsed.data;
  const errors: Record<string, string> = {};
  const userId = state.user.value.selected_user ?? undefined;
  if (!userId) errors.user = "Please pick a person.";
  const role = assignableRoles.find((r) => r === state.role.value.selected_option?.value);
  if (!role) errors.role = "Please pick a role.";
  const clusterValue = state.cluster?.value.selected_option?.value;
  const clusterKey = clusterValue === noCluster ? null : clusters.find((cluster) => cluster.key === clusterValue)?.key;
  if (clusterValue && clusterKey === undefined) errors.cluster = "Please pick one of the five clusters.";
  if (!userId || !role || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { userId, role, clusterKey } };
}
