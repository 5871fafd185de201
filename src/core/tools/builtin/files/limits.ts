/** Bounds that keep every file tool call small and quick, whatever the shared folders hold. */
export interface FileToolLimits {
  /** `read_text_file` refuses larger files. */
  readonly maxReadBytes: number;
  /** Most characters `read_text_file` returns in one call; the rest needs another call. */
  readonly maxOutputChars: number;
  /** Most entries `list_directory` returns. */
  readonly maxListEntries: number;
  /** Highest `maxResults` a caller may ask `search_files` for. */
  readonly maxSearchResults: number;
  /** Most directory entries one search visits. */
  readonly maxEntriesVisited: number;
  /** Most file bytes one content search reads, all files together. */
  readonly maxBytesScanned: number;
  /** A content search skips files larger than this. */
  readonly maxScanFileBytes: number;
  /** A search stops after this long and returns what it found. */
  readonly searchTimeMs: number;
}

export const DEFAULT_FILE_TOOL_LIMITS: FileToolLimits = Object.freeze({
  maxReadBytes: 2 * 1024 * 1024,
  maxOutputChars: 200_000,
  maxListEntries: 1000,
  maxSearchResults: 500,
  maxEntriesVisited: 20_000,
  maxBytesScanned: 32 * 1024 * 1024,
  maxScanFileBytes: 1024 * 1024,
  searchTimeMs: 10_000,
});
