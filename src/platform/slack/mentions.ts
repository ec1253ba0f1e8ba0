/** A user reference as Slack escapes it in command text (`<@U123|alice>`), or a bare user id. */
const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$|^([UW][A-Z0-9]{2,})$/;

/** The Slack user id in a mention, or undefined when the word is not one (e.g. an unescaped "@alice"). */
export function userIdFromMention(word: string): string | undefined {
  const match = mention.exec(word.trim());
  return match?.[1] ?? match?.[2];
}
