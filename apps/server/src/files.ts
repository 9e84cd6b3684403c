import type { ExtraOperation } from '@fareway/api';
import { type Deps, openFile, uploadFile } from '@fareway/core';
import { findAppError } from '@fareway/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { drainBeforeRefusing } from './drain-body';
import { sendError } from './envelope';
import { requestActorResolver } from './request-actor';

/**
 * Uploads and downloads of vehicle photos and driver documents. tRPC (and so
 * the generated REST) takes JSON only, so these are plain routes beside
 * `/api/v1/*`: the raw bytes in the body with their Content-Type, the same
 * bearer/cookie sessions, the same envelope. A photo is then attached by its
 * id through a normal procedure (`POST /vehicles/{id}/photos {fileId}`).
 */
export async function registerFiles(app: FastifyInstance, deps: Deps, secureCookies: boolean): Promise<void> {
  const maxBytes = deps.config.storage.maxUploadBytes;
  const actorOf = requestActorResolver(deps, secureCookies);

  const fail = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const appError = findAppError(error);
    if (appError)
      return sendError(request, reply, appError.code, appError.message, {
        details: appError.details,
        retryAfterSeconds: appError.retryAfterSeconds,
      });
    request.log.error({ err: error }, 'unexpected error in files route');
    return sendError(request, reply, 'INTERNAL_ERROR', `Internal error; quote ${request.id} when reporting it`);
  };

  await app.register(async (files) => {
    // Raw bytes of any type: the use case decides what it accepts, by content as well as by header.
    files.removeAllContentTypeParsers();
    files.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
    files.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error.statusCode === 413) {
        await drainBeforeRefusing(request, reply);
        return sendError(request, reply, 'PAYLOAD_TOO_LARGE', `A file may be at most ${maxBytes} bytes`);
      }
      if (error.statusCode === 415)
        return sendError(request, reply, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as image/jpeg, image/png or image/webp');
      if (error.statusCode && error.statusCode < 500) return sendError(request, reply, 'VALIDATION_ERROR', error.message);
      return fail(request, reply, error);
    });

    files.post<{ Querystring: { purpose?: string } }>('/api/v1/files', { bodyLimit: maxBytes }, async (request, reply) => {
      try {
        const actor = await actorOf(request, reply, true);
        if (!actor) return sendError(request, reply, 'TOKEN_INVALID', 'Sign in first: no session token was sent');
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const file = await uploadFile(
          deps,
          actor,
          { purpose: request.query.purpose ?? 'vehicle_photo', contentType: request.headers['content-type'], bytes },
          { ip: request.ip, requestId: request.id },
        );
        return reply.code(201).type('application/json; charset=utf-8').send({ success: true, data: file });
      } catch (error) {
        return fail(request, reply, error);
      }
    });

    files.get<{ Params: { id: string } }>('/api/v1/files/:id', async (request, reply) => {
      try {
        // A stale or missing token reads as anonymous: public photos still show, documents do not.
        const actor = await actorOf(request, reply, false).catch(() => null);
        const file = await openFile(deps, actor, request.params.id);
        const etag = `"${file.sha256}"`;
        reply
          .header('ETag', etag)
          .header('Cache-Control', file.isPublic ? 'public, max-age=3600' : 'private, no-store')
          .header('Content-Disposition', file.contentType === 'application/pdf' ? 'attachment' : 'inline')
          .header('X-Content-Type-Options', 'nosniff');
        if (request.headers['if-none-match'] === etag) {
          file.body.destroy();
          return reply.code(304).send();
        }
        if (file.contentLength !== undefined) reply.header('Content-Length', String(file.contentLength));
        return reply.type(file.contentType).send(file.body);
      } catch (error) {
        return fail(request, reply, error);
      }
    });
  });
}

/** The two routes in the OpenAPI document beside the generated ones, so mobile clients find them too. */
export function fileOperations(maxBytes: number): ExtraOperation[] {
  const file = {
    type: 'object',
    required: ['id', 'purpose', 'contentType', 'sizeBytes', 'sha256', 'url', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      purpose: { type: 'string', enum: ['vehicle_photo', 'driver_document'] },
      contentType: { type: 'string' },
      sizeBytes: { type: 'integer' },
      sha256: { type: 'string' },
      url: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  };
  return [
    {
      method: 'post',
      path: '/files',
      facts: { auth: 'required', admin: false, organization: false, declared: ['VALIDATION_ERROR'] },
      operation: {
        operationId: 'files-upload',
        tags: ['files'],
        summary: 'Upload a photo or document',
        description: `A vehicle photo (JPEG, PNG, WebP) or a driver document (also PDF), at most ${maxBytes} bytes: the raw file is the body, checked by its magic bytes.`,
        parameters: [
          { name: 'purpose', in: 'query', required: true, schema: { type: 'string', enum: ['vehicle_photo', 'driver_document'] } },
        ],
        requestBody: {
          required: true,
          content: Object.fromEntries(
            ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'].map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
          ),
        },
      },
      responses: { '201': { description: 'Stored', content: { 'application/json': { schema: file } } } },
    },
    {
      method: 'get',
      path: '/files/{id}',
      facts: { auth: 'optional', admin: false, organization: false, declared: ['NOT_FOUND'] },
      operation: {
        operationId: 'files-get',
        tags: ['files'],
        summary: 'Download a file',
        description: 'The bytes of a file: photos of approved vehicles for anyone, anything else for its owner and admins.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      },
      responses: {
        '200': { description: 'The file', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
        '304': { description: 'Not modified (If-None-Match matched the ETag)' },
      },
    },
  ];
}
