import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { type ModelVersion, ProviderError, StateError } from '@driftwatch/core';

/** Where {@link localModelDir} keeps downloaded and unpacked artifacts, and how it reaches S3. */
export interface ModelCacheOptions {
  /** Folder of the cache: `<dir>/<model>/<version>-<hash of the URI>/`. */
  readonly dir: string;
  /** Config of the S3 client that downloads `s3://` artifacts (region, endpoint, credentials). */
  readonly s3?: S3ClientConfig;
  /** Base of relative artifact paths. Default: the current folder. */
  readonly baseDir?: string;
  readonly signal?: AbortSignal;
}

const tarball = /\.(tar\.gz|tgz|tar)$/;

/**
 * A local folder holding a version's model, for a command to read: a folder
 * artifact as it is; a tarball (`model.tar.gz`, what SageMaker training
 * writes) unpacked; any other file copied into a folder of its own. `s3://`
 * artifacts are downloaded first. Downloads and unpacked tarballs are cached
 * per version (and URI) and made complete before they appear (a temporary
 * folder renamed into place), so a crash never leaves half a model and the
 * next evaluation of the same version reads no byte from S3.
 */
export async function localModelDir(version: ModelVersion, cache: ModelCacheOptions): Promise<string> {
  const uri = version.artifactUri;
  if (uri === '') throw new StateError('STATE_CORRUPT', `version ${version.version} of ${version.model} has no artifact URI`);
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  let local: string | undefined;
  if (!s3) {
    local = uri.startsWith('file:') ? fileURLToPath(uri) : isAbsolute(uri) ? uri : resolve(cache.baseDir ?? '.', uri);
    const info = await stat(local).catch(() => undefined);
    if (!info)
      throw new StateError('STATE_CORRUPT', `version ${version.version} of ${version.model}: its artifact ${local} does not exist`);
    if (info.isDirectory()) return local;
  }
  const name = basename(s3 ? (s3[2] as string) : (local as string));
  const hash = createHash('sha256').update(uri).digest('hex').slice(0, 12);
  const dir = join(cache.dir, safe(version.model), `${safe(version.version)}-${hash}`);
  if (
    await stat(dir).then(
      (i) => i.isDirectory(),
      () => false,
    )
  )
    return dir;

  await mkdir(join(cache.dir, safe(version.model)), { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(tmp);
    let file = local as string;
    if (s3) {
      file = join(tmp, `.download-${name}`);
      await download(s3[1] as string, s3[2] as string, file, cache);
    }
    if (tarball.test(name)) {
      try {
        // Loaded here, not at import: every command that builds the runtime's container loads this module.
        const { extract } = await import('tar');
        await extract({ file, cwd: tmp, strict: true });
      } catch (error) {
        throw new ProviderError('command', 'predict', `${uri}: cannot unpack the model tarball: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (s3) await rm(file, { force: true });
    } else if (s3) await rename(file, join(tmp, name));
    else await copyFile(file, join(tmp, name));
    await rename(tmp, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process cached the same version meanwhile: use its copy.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(tmp, { recursive: true, force: true });
    });
    return dir;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

async function download(bucket: string, key: string, file: string, cache: ModelCacheOptions): Promise<void> {
  const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const client = new S3Client(cache.s3 ?? {});
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: cache.signal });
    if (!(object.Body instanceof Readable)) throw new Error('GetObject returned no body stream');
    await pipeline(object.Body, createWriteStream(file), { signal: cache.signal });
  } catch (error) {
    if (cache.signal?.aborted) throw error;
    throw new ProviderError('s3', 'GetObject', `s3://${bucket}/${key}: cannot download the model: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    client.destroy();
  }
}

/** A path segment of a model or version name. */
function safe(name: string): string {
  return name.replace(/[^\w.-]/g, '_');
}
