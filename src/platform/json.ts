/** JSON.parse for text from outside (button values, private_metadata): undefined instead of throwing. */
export function parseJson(text: string | undefined | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
