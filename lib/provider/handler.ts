// placeholder: replaced by the provider implementation
export async function handler(_event: Buffer, _context: unknown): Promise<void> {
  return;
}
