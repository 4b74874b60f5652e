// The format readers, tried in order; the most confident one reads the file.

import { claudeCodeReader } from './claude-code/reader';
import { codexReader } from './codex/reader';
import { collectionManifestReader } from './collection/reader';
import { geminiReader } from './gemini/reader';
import { cloudTrailReader } from './cloudtrail/reader';
import { genericReader } from './generic/reader';
import { mcpReader } from './mcp/reader';
import { ocsfReader } from './ocsf/reader';
import { otelReader } from './otel/reader';
import type { FormatReader, ParsedLine } from './types';

export const LINE_READERS: readonly FormatReader[] = [claudeCodeReader, codexReader, geminiReader, otelReader, mcpReader, cloudTrailReader, ocsfReader, collectionManifestReader];

/** Below this confidence a file is read by the generic reader. */
const MIN_CONFIDENCE = 0.5;

export function chooseReader(path: string, sample: readonly ParsedLine[], readers = LINE_READERS): FormatReader {
  let best: FormatReader = genericReader;
  let bestScore = MIN_CONFIDENCE;
  for (const reader of readers) {
    const score = reader.detect(path, sample);
    if (score > bestScore) {
      best = reader;
      bestScore = score;
    }
  }
  return best;
}
