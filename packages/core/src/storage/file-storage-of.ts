import { join } from 'node:path';
import type { Config } from '../config/load-config';
import type { FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file-storage';
import { S3FileStorage } from './s3-file-storage';

const instances = new WeakMap<Config, FileStorage>();

/** The storage configuration asks for: S3 when STORAGE_DRIVER=s3, else the local disk under the data dir. */
export function createFileStorage(config: Config): FileStorage {
  const storage = config.storage;
  if (storage.driver === 's3') {
    return new S3FileStorage({
      bucket: storage.bucket,
      region: storage.region,
      endpoint: storage.endpoint,
      accessKeyId: storage.accessKeyId,
      secretAccessKey: storage.secretAccessKey,
    });
  }
  return new LocalFileStorage(join(config.database.dataDir, 'uploads'));
}

/** One storage per process (per configuration), built on first use. */
export function fileStorageOf(deps: { config: Config }): FileStorage {
  let storage = instances.get(deps.config);
  if (!storage) {
    storage = createFileStorage(deps.config);
    instances.set(deps.config, storage);
  }
  return storage;
}

/** Tests and tools put their own storage behind a configuration. */
export function useFileStorage(config: Config, storage: FileStorage): void {
  instances.set(config, storage);
}
