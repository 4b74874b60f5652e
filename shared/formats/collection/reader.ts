// The manifest that `custody collect` writes into its zip. It describes the collected files
// (hashes, times, original paths) and is kept as evidence, but it records no agent activity, so
// it gives no events and no session.

import { COLLECTION_FORMAT, COLLECTION_MANIFEST_PATH } from '../../collect/locations';
import type { FormatReader, RecordSink } from '../types';
import { isObject } from '../values';

const NO_EVENTS: RecordSink = { record: () => undefined, finish: () => undefined };

export const collectionManifestReader: FormatReader = {
  format: 'custody-collection',
  detect: (path, sample) => {
    const only = sample.length === 1 ? sample[0]!.value : null;
    const atRoot = path === COLLECTION_MANIFEST_PATH || path.endsWith(`/${COLLECTION_MANIFEST_PATH}`);
    return atRoot && isObject(only) && only.format === COLLECTION_FORMAT ? 1 : 0;
  },
  open: () => NO_EVENTS,
  version: (sample) => {
    const tool = isObject(sample[0]?.value) ? sample[0].value.tool : null;
    return isObject(tool) && typeof tool.version === 'string' ? tool.version : undefined;
  },
};
