// Reads the one file of a multipart upload (field `file`) into memory, within the upload limit.
import type { FastifyRequest } from 'fastify';
import { ApiFailure } from '../../staff/api-failure.ts';

/** Largest uploaded file: a roster of tens of thousands of rows or an item bank with images. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface Upload {
  filename: string;
  mimetype: string;
  data: Buffer;
}

export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart())
    throw new ApiFailure('VALIDATION', 'Kirim berkas sebagai multipart/form-data (kolom "file").');
  const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  if (!file) throw new ApiFailure('VALIDATION', 'Tidak ada berkas pada kolom "file".');
  const data = await file.toBuffer().catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new ApiFailure('PAYLOAD_TOO_LARGE', `Berkas melebihi ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
    }
    throw error;
  });
  return { filename: file.filename, mimetype: file.mimetype, data };
}
