/** Jest matchers take no custom message, so this prefixes a hint to the failure, keeping its diff. */
export function withHint(hint: string, assertion: () => void): void {
  try {
    assertion();
  } catch (error) {
    if (error instanceof Error) error.message = `${hint}\n\n${error.message}`;
    throw error;
  }
}
