/** Hands text to the browser as a file download (Blob + object URL, released right after). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; a later revoke only frees memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `sidebar-crm-contacts-2024-05-01.csv`: the local day, so files sort by date. */
export function datedFileName(stem: string, extension: string, now: Date = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `${stem}-${day}.${extension}`;
}
