export * from './detect-file-type';
export * from './file-storage';
export * from './file-storage-of';
export * from './local-file-storage';
export * from './open-file';
export * from './public-file';
export * from './s3-file-storage';
export * from './upload-file';
