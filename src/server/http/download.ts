/**
 * The Content-Disposition of a file to save (RFC 6266): an ASCII name for old clients and the real,
 * Vietnamese name percent-encoded as UTF-8 (RFC 8187), which browsers prefer.
 */
export function attachmentDisposition(fileName: string, asciiFileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const ascii = asciiFileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
