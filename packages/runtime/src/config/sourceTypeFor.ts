/**
 * The data-source type for a file name, from its extension: the file format `@driftwatch/data`
 * reads it as (`formatForPath`, whose map is the only one), since the local plugin names its
 * sources after the formats. An unknown extension is `INPUT_UNREADABLE` listing the known ones.
 */
export { formatForPath as sourceTypeFor } from '@driftwatch/data';
