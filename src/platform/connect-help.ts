/** What `npm start` prints when no Slack tokens are set: how to connect a workspace, in a few lines. */
export function connectSlackInstructions(): string {
  return [
    "EC2i Missions is not connected to Slack yet: no SLACK_* tokens are set.",
    "",
    "To connect a workspace:",
    "  1. Go to https://api.slack.com/apps → Create New App → From an app manifest, and paste manifest.yml.",
    "  2. Install it to the workspace, then copy into a .env file (see .env.example):",
    "       SLACK_BOT_TOKEN=xoxb-…   (OAuth & Permissions)",
    "       SLACK_APP_TOKEN=xapp-…   (Basic Information → App-Level Tokens, scope connections:write) for Socket Mode,",
    "       or SLACK_SIGNING_SECRET=… and PORT=3000 for HTTP mode behind a public URL (/slack/events).",
    "       EC2I_ADMINS=U012ABCDEF   (your Slack member id, so you can give roles)",
    "  3. Run npm start again.",
  ].join("\n");
}
