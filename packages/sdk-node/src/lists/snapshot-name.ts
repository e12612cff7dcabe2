/** One snapshot file per list; list ids are free text, so anything unusual is hex-escaped. */
export function snapshotName(listId: string): string {
  const escaped = [...new TextEncoder().encode(listId)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9-]/.test(char) ? char : `_${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
  return `list-${escaped}.hgsnap`;
}
